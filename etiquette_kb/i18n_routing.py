"""mkdocs-static-i18n without the work that grows faster than the site.

Upstream (1.3) builds the site once per language, and in each pass
- turns every file of every language into a localized copy, though only two languages' files
  (the pass's own and the default, for fallback) can end up in it;
- finds a page's version in language X by copying its other-language files one by one until a
  copy has locale X: about L/2 copies per page, language and pass, so L³/2 per page path in all;
- renders a sitemap of every language built so far, which the next pass overwrites: L²/2 sitemaps'
  worth of entries for the one that is kept.
Here every file's language is read once per build from its name, each pass is given only the files
it can use, a page's versions are looked up in that index and copied once per build (the passes only
read them), and only the last pass renders the sitemap, which by then lists every language. The
files, alternates and sitemap are the same as upstream's (tests/test_i18n_routing.py compares them);
everything else is mkdocs-static-i18n's own.
"""
from __future__ import annotations

import os
from pathlib import PurePosixPath

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs_static_i18n.config import RE_LOCALE
from mkdocs_static_i18n.plugin import I18n


def localization(file: File, all_languages: list[str]) -> str | None:
    """The language suffix of a file named the suffix way (`page.ru.md`), as upstream reads it."""
    suffixes = PurePosixPath(file.name).suffixes
    locale = suffixes[-1][1:] if suffixes else ""
    return locale if locale and (locale in all_languages or RE_LOCALE.match(locale)) else None


class ScalableI18n(I18n):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_languages: dict[str, str] = {}  # src_uri -> locale
        self.page_versions: dict[str, dict[str, File]] = {}  # src_uri without locale -> {locale: file}
        self.alternate_files: dict[tuple[str, str], File] = {}  # (src_uri, language) -> file as served

    @event_priority(-100)  # as upstream's
    def on_config(self, config):
        if not self.building:  # a new build (`mkdocs serve` rebuilds with the same plugin)
            self.file_languages, self.page_versions, self.alternate_files = {}, {}, {}
        return super().on_config(config)

    @event_priority(-100)
    def on_files(self, files: Files, config):
        docs = os.path.normpath(config.docs_dir) + os.sep
        in_docs = [file.abs_src_path.startswith(docs) for file in files]
        default_language, all_languages = self.default_language, self.all_languages
        if not self.building:  # the first pass sees every file: index them for the whole build
            for file, is_doc in zip(files, in_docs, strict=True):
                if is_doc:
                    suffix = localization(file, all_languages)
                    locale = self.file_languages[file.src_uri] = suffix or default_language
                    if file.is_documentation_page():
                        plain_uri = file.src_uri.replace(f".{suffix}", "", 1) if suffix else file.src_uri
                        self.page_versions.setdefault(plain_uri, {}).setdefault(locale, file)
        usable = (self.current_language, default_language)
        own = [file for file, is_doc in zip(files, in_docs, strict=True)
               if not is_doc or self.file_languages.get(file.src_uri, default_language) in usable]
        return super().on_files(Files(own), config)

    def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
        # i18n_alternate_src_uris only holds this pass's files: the build-wide index replaces it.
        default_language, all_languages = self.default_language, self.all_languages
        build_languages = sorted(self.build_languages)
        for src_uri, i18n_file in i18n_src_uris.items():
            versions = self.page_versions.get(src_uri, {})
            for language in build_languages:
                if language in i18n_file.alternates:
                    continue
                source = versions.get(language)
                if source is None and self.config.fallback_to_default:
                    source = versions.get(default_language)
                if source is None:
                    continue
                key = (source.src_uri, language)
                if key not in self.alternate_files:
                    self.alternate_files[key] = create_i18n_file(
                        source, language, default_language, all_languages, mkdocs_config)
                i18n_file.alternates[language] = self.alternate_files[key]

    @event_priority(50)  # as upstream's
    def on_template_context(self, context, template_name, config):
        context = super().on_template_context(context, template_name, config)
        last_pass = self.build_languages[-1] if self.build_languages else self.default_language
        if template_name == "sitemap.xml" and self.current_language != last_pass:
            context["i18n_alternates"] = {}  # the last pass writes the same file, with every language
        return context
