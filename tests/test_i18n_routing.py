"""The indexed alternates give exactly what upstream mkdocs-static-i18n gives, pass by pass."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, get_files
from mkdocs_static_i18n.plugin import I18n

from etiquette_kb.i18n_routing import I18nWithIndexedAlternates, file_locale

# Every case upstream handles: translated, default-only, translation-only, README, assets,
# nested folders, a locale upstream knows only by its shape (pt-BR), a dotted non-locale name.
DOCS = ["index.md", "index.fr.md", "index.de.md", "about.md", "about.de.md", "only-french.fr.md",
        "README.md", "sub/page.md", "sub/page.fr.md", "sub/page.pt-BR.md", "notes.v2.md",
        "picture.png", "picture.fr.png"]
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


def _alternates_per_pass(plugin_class, fallback: bool, config: MkDocsConfig) -> dict:
    """For each language pass (one plugin, as in a real build): every page's alternates."""
    plugin = _plugin(plugin_class, fallback)
    seen = {}
    for language in LANGUAGES:
        plugin.current_language = language
        files = plugin.reconfigure_files(get_files(config), config)
        seen[language] = {
            page.src_uri: [(lang, alt.src_uri, alt.dest_uri, alt.url, alt.locale, alt.locale_alternate_of)
                           for lang, alt in page.alternates.items()]
            for page in files.documentation_pages()}
    return seen


@pytest.mark.parametrize("fallback", [True, False])
def test_same_alternates_as_upstream(tmp_path: Path, fallback: bool):
    docs = tmp_path / "docs"
    for name in DOCS:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# page\n", encoding="utf-8")
    config = _config(docs, tmp_path / "site")

    ours = _alternates_per_pass(I18nWithIndexedAlternates, fallback, config)
    assert ours == _alternates_per_pass(I18n, fallback, config)
    # The comparison covers real alternates, not empty lists.
    assert [alt[0] for alt in ours["fr"]["sub/page.fr.md"]] == (["fr", "de", "en"] if fallback else ["fr", "en"])


@pytest.mark.parametrize(("name", "locale"), [
    ("index.md", "en"), ("index.fr.md", "fr"), ("page.pt-BR.md", "pt-BR"), ("notes.v2.md", "en"),
    ("picture.fr.png", "fr"), (".hidden.md", "en"),
])
def test_file_locale_reads_the_name_suffix(name: str, locale: str):
    assert file_locale(File(name, "docs", "site", True), "en", LANGUAGES) == locale
