"""What the site offers readers of a translation: the original beside each paragraph, links that
lead to the catalog line of a tip and to a prefilled issue, when the texts last changed, and on a
first visit to the English home page, the reader's own language."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.dates import format_date

from etiquette_kb.catalogs import read_catalog
from etiquette_kb.history import last_changed
from etiquette_kb.languages import format_locale
from etiquette_kb.markdown_text import render_inline
from etiquette_kb.segments import body_units

from browser import configured_site_url, open_page, reload_page
from conftest import ROOT
from html_tools import parse_page
from test_site import KB, LANGUAGES, PUBLISHED, prefix

REPOSITORY = re.search(r"repository: (\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)


def _translated_tips():
    return [(language, guide, tip) for language in LANGUAGES for guide in KB.guides if guide.language != language
            for tip in guide.tips]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


# Published languages: a language in progress shows untranslated text in English, with nothing to compare.
@pytest.mark.parametrize("language, guide", [(language, guide) for language in PUBLISHED for guide in KB.guides],
                         ids=lambda v: getattr(v, "id", v))
def test_every_paragraph_of_a_translated_tip_carries_its_original(real_site: Path, language, guide):
    """Each unit of each tip, in the guide's own language (and in English on other languages'
    pages), marked with its language and kept out of the search index; none on the original's pages."""
    for tip in guide.tips:
        html = (real_site / f"{prefix(language)}tips/{tip.id}/index.html").read_text(encoding="utf-8")
        others = re.findall(r'<span class="kb-pair__other" data-kb-compare="(\w+)" data-pagefind-ignore( lang="[^"]+")?[^>]*>(.*?)</span>',
                            html, re.DOTALL)
        if language == guide.language:
            assert others == [] and "data-kb-compare-control" not in html
            continue
        units = [text for block, _ in body_units(tip.id, tip.body) for text in block.items]
        originals = [(attr, text) for kind, attr, text in others if kind == "original"]
        assert [_plain(text) for _, text in originals] == [_plain(render_inline(u, lambda h: h)) for u in units]
        assert {attr for attr, _ in originals} == {f' lang="{guide.language}"'}
        english = [attr for kind, attr, _ in others if kind == "en"]
        assert len(english) == (len(units) if "en" not in (language, guide.language) else 0)
        assert "data-kb-compare-control" in html


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_every_translated_tip_links_to_its_catalog_line_and_a_prefilled_issue(real_site: Path, language):
    for language_, guide, tip in [t for t in _translated_tips() if t[0] == language]:
        page = parse_page(real_site / f"{prefix(language_)}tips/{tip.id}/index.html")
        edit = [a["href"] for tag, a in page.elements if tag == "a" and "kb-improve__edit" in a.get("class", "")]
        issue = [a["href"] for tag, a in page.elements if tag == "a" and "kb-improve__issue" in a.get("class", "")]
        catalog_rel = f"locales/{language}/LC_MESSAGES/{guide.id}.po"
        entry = next(m for m in read_catalog(ROOT / catalog_rel, ROOT) if m.context == f"{tip.id}.title")
        assert edit == [f"{REPOSITORY}/edit/main/{catalog_rel}#L{entry.lineno}"], tip.id
        line = (ROOT / catalog_rel).read_text(encoding="utf-8").splitlines()[entry.lineno - 1]
        assert f'"{tip.id}.title"' in line or entry.id in line, (tip.id, line)
        query = parse_qs(urlsplit(issue[0]).query)
        assert issue[0].startswith(f"{REPOSITORY}/issues/new?")
        assert query["template"] == ["translation-error.yml"] and query["language"] == [language]
        assert query["tip"] == [tip.id] and query["context"] == [f"{tip.id}.title"]
        # the text the reader sees: the translation, or the fallback shown while there is none
        assert query["current"] == [entry.string] if entry.string else query["current"][0].strip()
        assert query["page"] == [f"{configured_site_url().rstrip('/')}/{prefix(language)}tips/{tip.id}/"]


def test_the_original_pages_offer_no_translation_links(real_site: Path):
    for guide in KB.guides:
        html = (real_site / f"{prefix(guide.language)}tips/{guide.tips[0].id}/index.html").read_text(encoding="utf-8")
        assert "kb-improve__edit" not in html


def test_without_a_repository_there_are_no_catalog_links(tiny_project: Path, tmp_path: Path):
    from conftest import build_project

    config = tiny_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"  - etiquette-kb:\n      repository: \S+[^\n]*\n", "  - etiquette-kb\n", text), encoding="utf-8")
    assert "repository:" not in config.read_text(encoding="utf-8")
    site = tmp_path / "site"
    assert build_project(tiny_project, site).returncode == 0
    for page in site.rglob("*.html"):
        assert "github.com" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_pages_show_when_the_original_and_the_translation_last_changed(real_site: Path, language):
    for guide in KB.guides:
        html = (real_site / f"{prefix(language)}guides/{guide.id}/index.html").read_text(encoding="utf-8")
        source = ROOT / guide.path
        catalog = ROOT / f"locales/{language}/LC_MESSAGES/{guide.id}.po"
        dates = last_changed(ROOT, [source, catalog])
        expected = [format_date(dates[source], "long", locale=format_locale(language))]
        # a catalog not yet committed (a language in progress, before its pull request) has no date
        if language != guide.language and (language in PUBLISHED or catalog in dates):
            expected.append(format_date(dates[catalog], "long", locale=format_locale(language)))
        freshness = re.search(r'<p class="kb-freshness">(.*?)</p>', html, re.DOTALL).group(1)
        assert [d for d in expected if d in freshness] == expected


def test_dates_come_from_git_and_are_absent_without_it(tmp_path: Path):
    """Each file's date is what `git log -1` says of that file alone."""
    files = [ROOT / "README.md", *(ROOT / g.path for g in KB.guides),
             *(ROOT / f"locales/{language}/LC_MESSAGES/site.po" for language in PUBLISHED if language != "en")]
    expected = {}
    for path in files:
        date = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        expected[path] = dt.date.fromisoformat(date)
    assert last_changed(ROOT, files) == expected
    (tmp_path / "a.txt").write_text("not in git", encoding="utf-8")
    assert last_changed(tmp_path, [tmp_path / "a.txt"]) == {}


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
@pytest.mark.parametrize("language, guide", [("hu", KB.guides[0]), ("ja", KB.guides[2])], ids=lambda v: getattr(v, "id", v))
def test_the_original_is_shown_beside_each_paragraph_and_remembered(browser, site_url, language, guide, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        open_page(page, f"{site_url}{prefix(language)}tips/{guide.tips[0].id}/")
        first_other = '.kb-pair .kb-pair__other[data-kb-compare="original"]'
        assert not page.is_visible(first_other), "off by default"
        page.click("[data-kb-compare-toggle]")
        assert page.is_visible(first_other)
        assert page.get_attribute(first_other, "lang") == guide.language
        text = page.locator(".kb-pair > p").first.bounding_box()
        other = page.locator(first_other).first.bounding_box()
        if viewport["width"] >= 1200:
            assert other["x"] >= text["x"] + text["width"] - 1, "beside it on a wide screen"
        else:
            assert other["y"] >= text["y"] + text["height"] - 1, "under it on a phone"
        assert page.text_content("[data-kb-compare-status]"), "announced to screen readers"
        reload_page(page)
        assert page.is_visible(first_other), "remembered"
        if "en" not in (language, guide.language):
            page.select_option("[data-kb-compare-with]", "en")
            assert page.is_visible('.kb-pair__other[data-kb-compare="en"]') and not page.is_visible(first_other)
        page.click("[data-kb-compare-toggle]")
        reload_page(page)
        assert not page.is_visible(".kb-pair__other"), "hidden again, and remembered"
    finally:
        context.close()


@pytest.mark.parametrize("browser_language, offered", [("ja-JP", "ja"), ("hu", "hu"), ("en-GB", None), ("fr-FR", None)])
def test_a_first_visit_to_the_english_home_page_offers_the_readers_language_once(browser, site_url, browser_language, offered):
    if offered is not None and offered not in PUBLISHED:
        pytest.fail(f"{offered} is not a published language")
    context = browser.new_context(locale=browser_language)
    page = context.new_page()
    try:
        open_page(page, site_url)
        assert page.url == site_url, "no redirect"
        if offered is None:
            assert not page.is_visible(".kb-offer")
            return
        box = page.locator(".kb-offer")
        assert box.is_visible() and box.get_attribute("lang") == offered
        catalog = read_catalog(ROOT / f"locales/{offered}/LC_MESSAGES/site.po", ROOT)
        assert catalog.get("This site is also available in your language.", "banner").string in box.text_content()
        assert urlsplit(box.locator("a").get_attribute("href")).path.rstrip("/").endswith(offered)
        box.locator("button").click()
        assert not box.is_visible()
        reload_page(page)
        assert not page.is_visible(".kb-offer"), "once"
    finally:
        context.close()
