"""mkdocs-static-i18n with the alternates of each page found by a lookup instead of a search.

Upstream (1.3) finds a page's version in language X by turning every other-language file of that
page into a localized copy until one has locale X: for L languages that is about L/2 copies per
page, language and pass, so a build of L languages makes L³/2 copies per page path. Here each
candidate's locale is read once from its name and only the chosen file is copied, which gives the
same alternates (tests/test_i18n_routing.py compares them with upstream's). The copies are kept
for the whole build, since every language pass asks for the same ones and only reads them: L copies
per page path in all. Everything else is mkdocs-static-i18n's own.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.plugins import event_priority
from mkdocs_static_i18n.config import RE_LOCALE
from mkdocs_static_i18n.plugin import I18n


def file_locale(file, default_language: str, all_languages: list[str]) -> str:
    """The language of a documentation file named the suffix way (`page.ru.md`), as upstream reads it."""
    suffixes = PurePosixPath(file.name).suffixes
    locale = suffixes[-1][1:] if suffixes else ""
    return locale if locale and (locale in all_languages or RE_LOCALE.match(locale)) else default_language


class I18nWithIndexedAlternates(I18n):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.alternate_files = {}  # (src_uri, language) -> that file as served in that language

    @event_priority(-100)  # as upstream's
    def on_config(self, config):
        if not self.building:  # a new build (`mkdocs serve` rebuilds with the same plugin)
            self.alternate_files = {}
        return super().on_config(config)

    def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
        default_language, all_languages = self.default_language, self.all_languages
        build_languages = sorted(self.build_languages)
        for src_uri, i18n_file in i18n_src_uris.items():
            by_locale = {}
            for candidate in i18n_alternate_src_uris.get(src_uri, []):
                by_locale.setdefault(file_locale(candidate, default_language, all_languages), candidate)
            for language in build_languages:
                if language in i18n_file.alternates:
                    continue
                source = by_locale.get(language)
                if source is None and self.config.fallback_to_default:
                    source = by_locale.get(default_language)
                    if source is None and i18n_file.locale == default_language:
                        source = i18n_file
                if source is None:
                    continue
                key = (source.src_uri, language)
                if key not in self.alternate_files:
                    self.alternate_files[key] = create_i18n_file(
                        source, language, default_language, all_languages, mkdocs_config)
                i18n_file.alternates[language] = self.alternate_files[key]
