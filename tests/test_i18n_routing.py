"""ScalableI18n gives exactly what upstream mkdocs-static-i18n gives, pass by pass."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, get_files
from mkdocs_static_i18n.plugin import I18n

from etiquette_kb.i18n_routing import ScalableI18n, localization

# Every case upstream handles: translated, default-only, translation-only, README, assets,
# nested folders, a locale upstream knows only by its shape (pt-BR), a dotted non-locale name.
DOCS = ["index.md", "index.fr.md", "index.de.md", "about.md", "about.de.md", "only-french.fr.md",
        "README.md", "sub/page.md", "sub/page.fr.md", "sub/page.pt-BR.md", "notes.v2.md",
        "picture.png", "picture.fr.png", "only-german.de.png"]
LANGUAGES = ["en", "fr", "de"]


def _config(docs: Path, site: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "fixture", "docs_dir": str(docs), "site_dir": str(site)})
    failed, _ = config.validate()
    assert not failed, failed
    return config


def _plugin(plugin_class, fallback: bool):
    plugin = plugin_class()
    failed, _ = plugin.load_config({
        "docs_structure": "suffix", "fallback_to_default": fallback,
        "languages": [{"locale": code, "name": code, "build": True, "default": code == "en"} for code in LANGUAGES]})
    assert not failed, failed
    return plugin


def _describe(file: File) -> tuple:
    return file.src_uri, file.dest_uri, file.url, file.locale, file.locale_alternate_of


def _passes(plugin_class, fallback: bool, config: MkDocsConfig) -> dict:
    """What each language pass of one build (one plugin) ends with: its files, each page's
    alternates, and the pages its sitemap lists per language."""
    plugin = _plugin(plugin_class, fallback)
    seen = {}
    for language in LANGUAGES:  # the default language first, as mkdocs-static-i18n builds
        plugin.current_language, plugin.building = language, language != "en"
        files = plugin.on_files(get_files(config), config)
        sitemap = plugin.on_template_context({}, "sitemap.xml", config)["i18n_alternates"]
        seen[language] = {
            "files": sorted(_describe(file) for file in files),
            "alternates": {page.src_uri: [(lang, *_describe(alt)) for lang, alt in page.alternates.items()]
                           for page in files.documentation_pages()},
            "sitemap": {lang: [_describe(file) for file in pages] for lang, pages in sitemap.items()},
        }
    return seen


@pytest.mark.parametrize("fallback", [True, False])
def test_same_files_and_alternates_as_upstream(tmp_path: Path, fallback: bool):
    docs = tmp_path / "docs"
    for name in DOCS:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# page\n", encoding="utf-8")
    config = _config(docs, tmp_path / "site")

    ours, upstream = _passes(ScalableI18n, fallback, config), _passes(I18n, fallback, config)
    for language in LANGUAGES:
        assert ours[language]["files"] == upstream[language]["files"]
        assert ours[language]["alternates"] == upstream[language]["alternates"]
    # The comparison covers real alternates, not empty lists.
    assert [alt[0] for alt in ours["fr"]["alternates"]["sub/page.fr.md"]] == (
        ["fr", "de", "en"] if fallback else ["fr", "en"])
    # Only the last pass renders the sitemap (the passes write the same file), and it is upstream's.
    assert ours["en"]["sitemap"] == ours["fr"]["sitemap"] == {}
    assert ours["de"]["sitemap"] == upstream["de"]["sitemap"]
    assert set(ours["de"]["sitemap"]) == set(LANGUAGES)


@pytest.mark.parametrize(("name", "suffix"), [
    ("index.md", None), ("index.fr.md", "fr"), ("page.pt-BR.md", "pt-BR"), ("notes.v2.md", None),
    ("picture.fr.png", "fr"), (".hidden.md", None),
])
def test_localization_reads_the_name_suffix(name: str, suffix: str | None):
    assert localization(File(name, "docs", "site", True), LANGUAGES) == suffix
