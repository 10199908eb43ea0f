"""Building a tiny fixture knowledge base: exact output, atomic replacement of site/."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import build_project

pytestmark = pytest.mark.slow  # every test here builds a site

LANGUAGE_PAGES = ["404.html", "checklist/index.html", "contribute/index.html", "guides/kalm/index.html",
                  "guides/listen-guide/index.html", "index.html", "search/index.html", "sources/index.html", "status/index.html",
                  "tips/breathe/index.html", "tips/listen/index.html", "topics/calm/index.html", "topics/index.html"]
EXPECTED_FILES = sorted(
    [*LANGUAGE_PAGES, "robots.txt", "sitemap.xml", "sitemap.xml.gz"]
    + [f"{language}/{page}" for language in ("hu", "id", "ru")
       for page in [*LANGUAGE_PAGES, "sitemap.xml", "sitemap.xml.gz"]]
)


def _site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.relative_to(site).parts[0] not in ("assets", "pagefind") and p.name != ".complete")


def _good_site(tiny_site: Path, tmp_path: Path) -> Path:
    """A copy of the built tiny site, as the last good site of a build that is about to fail."""
    site = tmp_path / "site"
    shutil.copytree(tiny_site, site)
    return site


def test_tiny_build_writes_exactly_the_expected_files(tiny_site: Path):
    assert _site_files(tiny_site) == EXPECTED_FILES
    entry = json.loads((tiny_site / "pagefind" / "pagefind-entry.json").read_text())
    # One index per language, holding only tip and topic pages (not 404s, not the chrome).
    assert {lang: data["page_count"] for lang, data in entry["languages"].items()} == \
        {"en": 3, "hu": 3, "id": 3, "ru": 3}


def test_each_404_page_is_in_its_own_language(tiny_site: Path):
    for language, page in [("en", "404.html"), ("hu", "hu/404.html"), ("ru", "ru/404.html")]:
        assert f'<html lang="{language}"' in (tiny_site / page).read_text(encoding="utf-8")


def test_failing_build_leaves_the_last_good_site_untouched(tiny_project: Path, tiny_site: Path, tmp_path: Path):
    site = _good_site(tiny_site, tmp_path)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    source = tiny_project / "sources/guides/kalm.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("topics: [calm]", "topics: [nope]"), encoding="utf-8")
    failed = build_project(tiny_project, site)
    assert failed.returncode == 1
    assert "unknown-topic" in failed.stderr and "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == [], "no staging folder left behind"


def test_strict_warning_fails_the_build_and_keeps_the_site(tiny_project: Path, tiny_site: Path, tmp_path: Path):
    """A broken link in a hand-written page is only a MkDocs warning; --strict must refuse it."""
    site = _good_site(tiny_site, tmp_path)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    page = tiny_project / "docs" / "contribute.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](missing.md)\n", encoding="utf-8")
    failed = build_project(tiny_project, site)
    assert failed.returncode == 1
    assert "missing.md" in failed.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_two_builds_with_the_same_source_date_are_byte_identical(tmp_path: Path):
    from conftest import make_project, run_script

    trees = []
    for attempt in ("first", "second"):
        project = make_project(tmp_path / attempt / "project")
        site = tmp_path / attempt / "site"
        result = run_script("build.py", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site),
                            cwd=project, env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr[-2000:]
        trees.append({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert len(trees[0]) > 100
    assert any(name.endswith(".pf_filter") for name in trees[0])  # the search index is compared too
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def test_each_language_sitemap_lists_its_pages_with_every_alternate(tiny_site: Path):
    """The sitemap comes from the last language pass only (etiquette_kb/i18n_routing.py): it must
    still hold every language, each page with its alternates in all of them."""
    site = tiny_site
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    for language in ("en", "hu", "id", "ru"):
        urls = ET.parse(site / ("" if language == "en" else language) / "sitemap.xml").getroot().findall("sm:url", ns)
        pages = [p for p in LANGUAGE_PAGES if p.endswith("index.html") and p != "index.html"]
        assert len(urls) == len(pages) + 1  # and the language's home page
        for url in urls:
            alternates = {link.get("hreflang") for link in url.findall("xhtml:link", ns)}
            assert alternates == {"en", "hu", "id", "ru"}, url.findtext("sm:loc", "", ns)


def test_a_tip_page_shows_its_reader_terms_weighted_for_search(tiny_site: Path):
    """The questions and words readers type, under the tip and weighted above its body in search."""
    html = (tiny_site / "hu/tips/breathe/index.html").read_text(encoding="utf-8")
    listed = re.search(r'<ul class="kb-terms__list"[^>]*data-pagefind-weight="5"[^>]*>(.*?)</ul>', html, re.DOTALL)
    assert listed, "the terms list with its search weight"
    assert re.findall(r"<li>([^<]*)</li>", listed.group(1)) == ["mit tegyek, ha ideges vagyok?", "idegesség", "megnyugodni"]
