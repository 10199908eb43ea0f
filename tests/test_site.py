"""The real knowledge base: strict build, every guide in every language, same tip ids, own host only."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from etiquette_kb.languages import published_languages, site_languages
from etiquette_kb.sources import load_knowledge_base

from browser import configured_site_url
from conftest import ROOT
from html_tools import parse_page, resolve

# Derived from locales/: every language built, and those published (in the menu, held to completeness).
LANGUAGES = site_languages(ROOT)
PUBLISHED = published_languages(ROOT)
KB = load_knowledge_base(ROOT, LANGUAGES)


def prefix(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def test_english_and_every_guide_language_are_published():
    assert PUBLISHED[0] == "en" and set(PUBLISHED) <= set(LANGUAGES)
    assert {g.language for g in KB.guides} <= set(PUBLISHED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_guide_page_has_every_tip_id(real_site: Path, language: str):
    for guide in KB.guides:
        page = parse_page(real_site / f"{prefix(language)}guides/{guide.id}/index.html")
        tips = {attrs["data-tip"] for _, attrs in page.having("data-tip")}
        assert tips == {t.id for t in guide.tips}
        assert {t.id for t in guide.tips} <= page.ids


def test_html_lang_matches_the_folder(real_site: Path):
    pages = list(real_site.rglob("*.html"))
    assert len(pages) >= 5 * 8
    for path in pages:
        first = path.relative_to(real_site).parts[0]
        expected = first if first in LANGUAGES else "en"
        assert parse_page(path).lang == expected, path


def test_translated_tips_link_to_the_same_tip_in_the_original(real_site: Path):
    checked = 0
    for language in LANGUAGES:
        for guide in KB.guides:
            path = real_site / f"{prefix(language)}guides/{guide.id}/index.html"
            links = [a["href"] for _, a in parse_page(path).with_class("kb-original")]
            if language == guide.language:
                assert links == []
                continue
            assert len(links) == len(guide.tips)
            for tip, href in zip(guide.tips, links, strict=True):
                target, fragment = resolve(real_site, path, href)
                assert target == real_site / f"{prefix(guide.language)}guides/{guide.id}/index.html"
                assert fragment == tip.id and tip.id in parse_page(target).ids
                checked += 1
    assert checked == sum(len(g.tips) for g in KB.guides) * (len(LANGUAGES) - 1)


def test_every_internal_link_and_anchor_resolves(real_site: Path):
    for path in real_site.rglob("*.html"):
        if path.name == "404.html":
            continue  # served at any URL, so its links are absolute
        for tag, attrs in parse_page(path).elements:
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith(("mailto:",)):
                continue
            resolved = resolve(real_site, path, href)
            if resolved is None:
                continue
            target, fragment = resolved
            assert target.exists(), f"{path}: {href}"
            if fragment and target.suffix == ".html":
                assert fragment in parse_page(target).ids, f"{path}: {href}"


URL_ATTRIBUTES = ("src", "href", "srcset", "content", "action", "poster")


def test_no_page_or_stylesheet_references_another_host(real_site: Path):
    own_host = urlsplit(configured_site_url()).netloc
    foreign = []
    for path in real_site.rglob("*.html"):
        for tag, attrs in parse_page(path).elements:
            if tag == "a" or (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                continue  # a link a reader may follow is not a request the page makes
            for name in URL_ATTRIBUTES:
                host = urlsplit(attrs.get(name) or "").netloc
                if host and host != own_host:
                    foreign.append(f"{path.relative_to(real_site)}: <{tag} {name}> {attrs[name]}")
    for path in real_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//([^/'\")]+)", path.read_text(encoding="utf-8")):
            foreign.append(f"{path.relative_to(real_site)}: url() on {url[1]}")
    assert foreign == []


@pytest.mark.parametrize("language", PUBLISHED)
def test_every_page_is_written_in_its_language(real_site: Path, language: str):
    """No page falls back to English: the guides come through the catalogs, and the hand-written
    pages (docs/contribute.<lang>.md) exist in every language."""
    pages = [p for p in (real_site / prefix(language)).rglob("index.html")
             if language != "en" or p.relative_to(real_site).parts[0] not in LANGUAGES]
    assert len(pages) > 50
    assert [p for p in pages if "kb-notice--untranslated" in p.read_text(encoding="utf-8")] == []


def test_no_script_file_holds_back_the_first_paint(real_site: Path):
    """The theme's bundle waits until the page is parsed (defer); our own scripts until it has
    loaded (type text/kb-later, started by the loader in theme/main.html)."""
    early = sorted({f"{path.relative_to(real_site)}: {attrs['src']}"
                    for path in real_site.rglob("*.html") for tag, attrs in parse_page(path).elements
                    if tag == "script" and attrs.get("src") and "defer" not in attrs and "async" not in attrs
                    and attrs.get("type") != "text/kb-later"})
    assert early == []
    tip = parse_page(real_site / "tips" / KB.guides[0].tips[0].id / "index.html").elements
    bundle = [attrs for tag, attrs in tip if tag == "script" and "bundle" in attrs.get("src", "")]
    later = {attrs["src"].rsplit("/", 1)[-1] for tag, attrs in tip if attrs.get("type") == "text/kb-later"}
    assert bundle and "defer" in bundle[0]
    assert {"kb-search.js", "kb-language.js"} <= later


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_title_is_its_own_and_names_the_site_once(real_site: Path, language: str):
    """Search results and tabs show the title: the home page is the site's name, every other page
    its own title followed by the site's name, and no two pages of a language share a title."""
    home = (real_site / prefix(language) / "index.html").read_text(encoding="utf-8")
    site_name = html.unescape(re.search(r'<meta property="og:site_name" content="([^"]*)"', home).group(1))
    titles = {}
    for path in (real_site / prefix(language)).rglob("index.html"):
        if language == "en" and path.relative_to(real_site).parts[0] in LANGUAGES:
            continue
        titles[path.relative_to(real_site).as_posix()] = html.unescape(
            re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8")).group(1))
    assert titles[f"{prefix(language)}index.html"] == site_name
    assert [p for p, t in titles.items() if t.count(site_name) != 1] == []
    assert [p for p, t in titles.items() if not t.endswith(site_name)] == []
    assert sorted(t for t in titles.values() if list(titles.values()).count(t) > 1) == []


SEO_PAGES = {"home": "", "guide": f"guides/{KB.guides[0].id}/", "tip": f"tips/{KB.guides[1].tips[0].id}/",
             "topic": f"topics/{KB.topics[0].id}/", "topics": "topics/", "checklist": "checklist/", "status": "status/"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", SEO_PAGES)
def test_meta_description_hreflang_and_canonical(real_site: Path, language: str, kind: str):
    """What search engines read: the page's language, a description, an absolute hreflang link to
    the same page in every language (x-default: English) and the canonical URL."""
    path = SEO_PAGES[kind]
    page = parse_page(real_site / prefix(language) / path / "index.html")
    assert page.lang == language
    meta = {a.get("name") or a.get("property"): a.get("content") for t, a in page.elements if t == "meta"}
    assert (meta.get("description") or "").strip() and meta.get("og:title")
    links = [a for t, a in page.elements if t == "link"]
    hreflangs = {a["hreflang"]: a["href"] for a in links if a.get("rel") == "alternate" and a.get("hreflang")}
    base = configured_site_url()
    expected = {other for other in PUBLISHED} | ({language} if language not in PUBLISHED else set())
    assert hreflangs == {**{other: base + prefix(other) + path for other in expected}, "x-default": base + path}
    assert [a["href"] for a in links if a.get("rel") == "canonical"] == [base + prefix(language) + path]


# What a template slip leaves in the text a reader sees: a Python None, an unfilled placeholder,
# Jinja syntax; on Japanese pages, an ASCII space after Japanese punctuation (a template's space
# between a sentence and the link or button after it).
LEFTOVERS = {"None": re.compile(r"\bNone\b"), "placeholder": re.compile(r"%\(\w+\)[sd]"),
             "template syntax": re.compile(r"\{\{|\}\}|\{%|%\}")}
UNSPACED = {"ja": re.compile(r"[。、：）」] (?=\S)")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_text_shows_a_template_slip(real_site: Path, language: str):
    slips = []
    pages = [p for p in (real_site / prefix(language)).rglob("*.html")
             if language != "en" or p.relative_to(real_site).parts[0] not in LANGUAGES]
    rules = {**LEFTOVERS, **({"space after Japanese punctuation": UNSPACED[language]} if language in UNSPACED else {})}
    for path in pages:
        text = parse_page(path).text
        for name, rule in rules.items():
            slips += [f"{path.relative_to(real_site)}: {name}: {text[max(0, m.start() - 25):m.end() + 15]!r}"
                      for m in rule.finditer(text)]
    assert slips == []


def test_topics_of_a_tip_are_separate_links_without_a_conjunction(real_site: Path):
    """Topic names hold their own "and": joined by one they would run together."""
    tip = next(t for g in KB.guides for t in g.tips if len(t.topics) >= 2)
    html_text = (real_site / "tips" / tip.id / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<p class="kb-tip__meta">(.*?)</p>', html_text, re.DOTALL).group(1)
    links = re.findall(r'<a class="kb-chip" href="[^"]*">([^<]*)</a>', meta)
    assert len(links) == len(tip.topics)
    assert re.search(r"</a>\s*(and|,)\s*<a", meta) is None


@pytest.mark.parametrize("language, date", [("en", "27 April 2024"), ("ja", "2024年4月27日"), ("hu", "2024. április 27.")])
def test_dates_are_written_as_the_language_writes_them(real_site: Path, language: str, date: str):
    assert date in parse_page(real_site / prefix(language) / "guides/customer-service-primer/index.html").text


@pytest.mark.parametrize("language", PUBLISHED)  # a language in progress may not have glossed them yet
def test_the_words_an_article_was_filed_under_are_glossed(real_site: Path, language: str):
    """On the sources page, a category or keyword in another language has its meaning beside it."""
    text = parse_page(real_site / prefix(language) / "sources/index.html").text
    words = [w for g in KB.guides if g.language != language for w in (g.source.category, *g.source.keywords) if w]
    assert words
    assert [w for w in words if not re.search(re.escape(w) + r"[」”»“]?\s?[(（]", text)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_drawn_from_one_guide_names_it_once(real_site: Path, language: str):
    """The staff page's rules all come from one guide: named once, not under every line."""
    for page in ("support-staff", "checklist"):
        html_text = (real_site / prefix(language) / page / "index.html").read_text(encoding="utf-8")
        for section in html_text.split("<h2")[1:]:
            guides = re.findall(r'class="kb-checklist__guide"[^>]*>([^<]*)<', section)
            assert not (len(guides) > 1 and len(set(guides)) == 1), (page, guides[0])
