"""Read built pages with the standard library's HTML parser."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from browser import site_path


@dataclass
class ParsedPage:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    elements: list[tuple[str, dict]] = field(default_factory=list)  # (tag, attributes) in order
    text: str = ""  # the text a reader sees (scripts, styles and templates left out)

    def having(self, attribute: str) -> list[tuple[str, dict]]:
        return [(tag, attrs) for tag, attrs in self.elements if attribute in attrs]

    def with_class(self, css_class: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.elements if css_class in (a.get("class") or "").split()]


class _Collector(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._hidden = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        self.page.elements.append((tag, attributes))
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._parts.append(data)


def parse_page(path: Path) -> ParsedPage:
    """The page's elements; parsed once per version of the file (tests read the same pages often)."""
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _parse(path: Path, _mtime_ns: int, _size: int) -> ParsedPage:
    page = ParsedPage()
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    page.text = "".join(collector._parts)
    return page


def resolve(site: Path, page_path: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a link on a page points to (None for other hosts); the site is
    served under the path of site_url, as when published."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    mount = site_path()
    base = mount + page_path.relative_to(site).as_posix()
    target = urlsplit(urljoin(base, href))
    if not target.path.startswith(mount):
        return site / "__outside_the_site__", target.fragment
    path = site / target.path[len(mount):]
    if target.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, target.fragment
