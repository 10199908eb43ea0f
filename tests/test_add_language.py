"""`l10n.py add-language`: a new language builds at once, falling back visibly to the original."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from etiquette_kb.catalogs import read_catalog

from conftest import build_project, run_script
from html_tools import parse_page


@pytest.mark.slow
def test_add_language_creates_catalogs_and_builds_a_visibly_untranslated_site(tiny_project: Path, tmp_path: Path):
    assert run_script("l10n.py", "--root", str(tiny_project), "update").returncode == 0
    result = run_script("l10n.py", "--root", str(tiny_project), "add-language", "es")
    assert result.returncode == 0, result.stderr
    created = sorted(p.name for p in (tiny_project / "locales/es/LC_MESSAGES").iterdir())
    assert created == ["kalm.po", "listen-guide.po", "site.po"]
    catalog = read_catalog(tiny_project / "locales/es/LC_MESSAGES/kalm.po", tiny_project)
    assert catalog.locale_identifier == "es" and catalog.plural_forms == get_plural("es").plural_forms

    site = tmp_path / "site"
    built = build_project(tiny_project, site)
    assert built.returncode == 0, built.stderr[-2000:]
    page = parse_page(site / "es/guides/kalm/index.html")
    assert page.lang == "es"
    states = {attrs["data-tip"]: attrs["data-translation"] for _, attrs in page.having("data-tip")}
    assert states == {"breathe": "untranslated"}
    assert page.with_class("kb-notice--untranslated")
    tip_page = parse_page(site / "es/tips/breathe/index.html")
    assert [a["data-translation"] for _, a in tip_page.having("data-tip")] == ["untranslated"]
    # The untranslated text is the original Hungarian, marked as such for screen readers.
    assert any(tag == "p" and attrs.get("lang") == "hu" for tag, attrs in page.elements)


@pytest.mark.parametrize("code, message", [
    ("xx", "is not a language code Babel knows"),
    ("english", "is not a language code such as"),
    ("pt_BR_x", "is not a language code such as"),
    ("hu", "already a site language"),
    ("HU", "already a site language"),
])
def test_add_language_refuses_bad_codes_clearly(tiny_project: Path, code, message):
    result = run_script("l10n.py", "--root", str(tiny_project), "add-language", code)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
