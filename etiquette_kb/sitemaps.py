"""Sitemaps cut from the site-wide one that mkdocs-static-i18n writes (it lists every alternate):
one per language root, listed in robots.txt, so no reader's browser loads the whole site's map.

Material fetches `sitemap.xml` next to every `<link rel="alternate">` of a page, expecting them to
be language roots; mkdocs-static-i18n points them at the same page in each language instead, which
is right for hreflang. So each language root gets the sitemap of its pages, and each page folder a
sitemap of its own entry: the fetches succeed and the switcher still finds the same page.
"""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from .languages import SOURCE_LANGUAGE

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def write_language_sitemaps(site_dir: Path, site_url: str, languages: tuple[str, ...]) -> list[Path]:
    for prefix, uri in NS.items():
        ET.register_namespace("" if prefix == "sm" else prefix, uri)
    base = site_url.rstrip("/") + "/"
    by_language = {language: ET.Element(f"{{{NS['sm']}}}urlset") for language in languages}
    others = set(languages) - {SOURCE_LANGUAGE}
    roots = {"", *languages}
    written = []
    # One pass over the site-wide map: each entry goes to its language's map and to its own folder.
    for url in ET.parse(site_dir / "sitemap.xml").getroot().findall("sm:url", NS):
        loc = url.findtext("sm:loc", "", NS)
        path = loc[len(base):] if loc.startswith(base) else None
        first = path.split("/", 1)[0] if path else ""
        by_language[first if first in others else SOURCE_LANGUAGE].append(url)
        if path is None or path.rstrip("/") in roots or not (site_dir / path / "index.html").is_file():
            continue  # the site and language roots get their language's full map below
        single = ET.Element(f"{{{NS['sm']}}}urlset")
        single.append(url)
        target = site_dir / path / "sitemap.xml"
        target.write_bytes(ET.tostring(single, encoding="UTF-8", xml_declaration=True))
        written.append(target)
    for language, urlset in by_language.items():
        target = (site_dir if language == SOURCE_LANGUAGE else site_dir / language) / "sitemap.xml"
        data = ET.tostring(urlset, encoding="UTF-8", xml_declaration=True)
        target.write_bytes(data)
        with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as compressed:
            compressed.write(data)
        written.append(target)
    robots = "User-agent: *\nAllow: /\n\n" + "".join(
        f"Sitemap: {base}{'' if language == SOURCE_LANGUAGE else language + '/'}sitemap.xml\n" for language in languages)
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
    return written
