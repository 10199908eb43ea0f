"""`l10n.py add-language`: a new language builds at once, falling back visibly to the original."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale
from babel.messages.plurals import get_plural

from etiquette_kb import l10n
from etiquette_kb.catalogs import read_catalog
from etiquette_kb.languages import published_languages, site_languages

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


@pytest.mark.parametrize("code, tag", [
    ("pt_BR", "pt-BR"), ("pt-BR", "pt-BR"), ("zh-Hant", "zh-Hant"), ("zh_Hant_TW", "zh-Hant-TW"), ("zh_TW", "zh-TW"),
    ("es-419", "es-419"), ("sr-Latn", "sr-Latn"), ("fil", "fil"), ("ar", "ar"), ("DE", "de"),
])
def test_add_language_takes_bcp47_and_posix_codes(tiny_project: Path, code, tag):
    """The folder is the BCP 47 tag whatever form was typed; the catalogs' headers carry the locale
    Babel reads and its CLDR plural forms; the language starts unpublished."""
    assert l10n.add_language(tiny_project, code)[0] == tag
    folder = tiny_project / "locales" / tag
    catalog = read_catalog(folder / "LC_MESSAGES/site.po", tiny_project)
    assert catalog.locale == Locale.parse(tag.replace("-", "_"))
    assert catalog.plural_forms == get_plural(tag.replace("-", "_")).plural_forms
    assert "published: false" in (folder / "language.yml").read_text(encoding="utf-8")
    assert l10n.check(tiny_project, sorted(folder.glob("LC_MESSAGES/*.po"))) == []
    assert tag in site_languages(tiny_project) and tag not in published_languages(tiny_project)


def test_the_same_language_in_another_form_is_refused(tiny_project: Path):
    l10n.add_language(tiny_project, "pt_BR")
    with pytest.raises(ValueError, match="already a site language"):
        l10n.add_language(tiny_project, "pt-br")


@pytest.mark.slow
def test_languages_with_a_region_a_script_and_right_to_left_build(tiny_project: Path, tmp_path: Path):
    """pt-BR (a region), zh-Hant (a script), ar (right to left) and fil (no labels in Material):
    each builds under its tag, with its language and direction, Material's labels where it has
    them, the original text marked where nothing is translated yet, and stays out of the published
    languages' menus, hreflang links and sitemaps until it is published."""
    l10n.update(tiny_project)
    for code in ("pt_BR", "zh-Hant", "ar", "fil"):
        l10n.add_language(tiny_project, code)
    site = tmp_path / "site"
    built = build_project(tiny_project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    for tag, text_direction, skip_link in [("pt-BR", "ltr", "Pular para conteúdo"), ("zh-Hant", "ltr", None),
                                           ("ar", "rtl", None), ("fil", "ltr", "Skip to content")]:
        html = (site / tag / "guides/kalm/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{tag}"' in html
        assert f'<body dir="{text_direction}"' in html
        assert '<meta name="robots" content="noindex">' in html
        if skip_link:
            assert skip_link in html
        # Nothing is translated: the Hungarian original is shown, marked as Hungarian (and ltr on an rtl page).
        originals = [attrs for tag_name, attrs in parse_page(site / tag / "guides/kalm/index.html").elements
                     if tag_name == "p" and attrs.get("lang") == "hu"]
        assert originals, tag
        assert all(attrs.get("dir") == ("ltr" if text_direction == "rtl" else None) for attrs in originals), tag
    published_page = (site / "hu/guides/kalm/index.html").read_text(encoding="utf-8")
    assert "noindex" not in published_page
    for tag in ("pt-BR", "zh-Hant", "ar", "fil"):
        assert f'hreflang="{tag}"' not in published_page
        assert f"/{tag}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="hu"' in (site / "ar/guides/kalm/index.html").read_text(encoding="utf-8")
