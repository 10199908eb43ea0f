"""The only MkDocs-specific code: turn sources and catalogs into pages before MkDocs reads its
docs folder, register the site languages with mkdocs-static-i18n, and index the finished site.

mkdocs-static-i18n runs one full MkDocs build per language, calling every plugin event again;
its `building` flag tells the per-language passes apart, so the work here happens once per build.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import BytecodeCache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs_static_i18n.config import I18nPluginLanguage

from .build_pipeline import GeneratedSite, generate_site
from .csp import add_csp
from .languages import SOURCE_LANGUAGE
from .problems import InputError
from .search_index import BUNDLE_DIR, SearchIndexer
from .sitemaps import write_language_sitemaps

log = get_plugin_logger(__name__)
I18N_PLUGIN = "etiquette-kb-i18n"
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=)')


class _SharedBytecodeCache(BytecodeCache):
    """Compiled theme templates kept in memory: each language pass makes a new Jinja environment,
    which would otherwise compile Material's templates again (Jinja checks the source checksum)."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()


class KnowledgeBaseConfig(Config):
    generated_dir = config_options.Type(str, default="build/pages")
    generated_theme_dir = config_options.Type(str, default="build/theme")
    # Where contributors find the catalogs: the status page links to each one, and every translated
    # tip to the line of its catalog and to a new issue. Without it those links are not shown.
    repository = config_options.Optional(config_options.Type(str))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self):
        super().__init__()
        self.site: GeneratedSite | None = None
        self.not_found_pages: dict[str, str] = {}
        self.template_cache = _SharedBytecodeCache()
        self.search_index: SearchIndexer | None = None

    def _i18n(self, config):
        i18n = config.plugins.get(I18N_PLUGIN)
        if i18n is None:
            raise PluginError(f"etiquette-kb needs the '{I18N_PLUGIN}' plugin (mkdocs-static-i18n) listed after it in mkdocs.yml")
        return i18n

    def on_config(self, config):
        i18n = self._i18n(config)
        if i18n.building:  # a per-language pass: the pages are already generated
            self._set_permalink_title(config, i18n.current_language)
            return config
        root = Path(config.config_file_path).parent
        try:
            self.site = generate_site(root, Path(config.docs_dir), root / self.config.generated_dir,
                                      root / self.config.generated_theme_dir, site_url=config.site_url or "",
                                      repository=self.config.repository.rstrip("/") if self.config.repository else None)
        except InputError as exc:
            raise PluginError(f"{exc}\nThe build stopped: fix the problems above.") from None
        config.docs_dir = str(self.site.docs_dir)
        if str(self.site.theme_dir) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(self.site.theme_dir))
        self._set_permalink_title(config, SOURCE_LANGUAGE)  # the first pass builds the default language
        self._close_search_index()
        self.search_index = SearchIndexer()
        i18n.config.languages = [self._language_config(entry) for entry in self.site.language_settings]
        return config

    def _set_permalink_title(self, config, language: str) -> None:
        # The toc extension titles each heading's anchor link; Markdown is set up anew per page.
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.site.permalink_titles[language]

    @staticmethod
    def _language_config(settings: dict) -> I18nPluginLanguage:
        entry = I18nPluginLanguage()
        entry.load_dict(settings)
        failed, _ = entry.validate()
        # Site languages are BCP 47 tags checked with Babel; mkdocs-static-i18n's own pattern
        # refuses some ('fil', 'es-419'), and nothing else in it depends on their form.
        failed = [(key, error) for key, error in failed if key != "locale"]
        if failed:
            raise PluginError(f"language '{settings['locale']}': " + "; ".join(f"{k}: {e}" for k, e in failed))
        return entry

    def on_env(self, env, config, files):
        env.bytecode_cache = self.template_cache
        return env

    def on_page_context(self, context, page, config, nav):
        # After mkdocs-static-i18n (priority 50) has set this page's alternates: languages still
        # in progress are left out of the menu and the hreflang links, except on their own pages.
        # It sets them as an attribute of `extra`, which templates read before the item of that name.
        # On a language's home page it leaves them absolute ('/kb/hu/'): made site-relative here, so
        # the menu also works where the site is served under another path.
        current = self._i18n(config).current_language
        alternates = getattr(config.extra, "alternate", None)
        if alternates:
            site_path = urlsplit(config.site_url or "/").path
            config.extra.alternate = [
                {**alt, "link": alt["link"][len(site_path):] or "./"} if alt.get("link", "").startswith(site_path) else alt
                for alt in alternates if alt.get("lang") in self.site.published or alt.get("lang") == current]
        return context

    def on_post_page(self, output, page, config):
        # Search engines want hreflang alternates as absolute URLs; Material writes them relative.
        if page.canonical_url:
            output = _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page.canonical_url, m.group(2)) + m.group(3), output)
        return add_csp(output)

    def on_template_context(self, context, template_name, config):
        # The 404 page is rendered after the pages, with the last page's alternates still set: its
        # language menu leads to the languages' home pages instead.
        if template_name == "404.html":
            i18n = self._i18n(config)
            config.extra.alternate = [dict(alt) for alt in i18n.extra_alternate or []
                                      if alt.get("lang") in self.site.published or alt.get("lang") == i18n.current_language]
        return context

    def on_post_template(self, output_content, template_name, config):
        # Every language pass writes the root 404.html; keep each one for its own folder.
        if template_name == "404.html":
            output_content = add_csp(output_content)
            self.not_found_pages[self._i18n(config).current_language] = output_content
        return output_content

    @event_priority(100)  # before mkdocs-static-i18n starts the next language
    def _index_language(self, config):
        i18n = self._i18n(config)
        site_dir = Path(config.site_dir)
        if i18n.building:
            self.search_index.add_folder(site_dir, i18n.current_language)
        else:
            self.search_index.add_root_pages(site_dir, [*self.site.languages, BUNDLE_DIR])

    @event_priority(-200)  # after mkdocs-static-i18n has built the other languages
    def _finish_site(self, config):
        if self._i18n(config).building:
            return
        site_dir = Path(config.site_dir)
        for language, page in self.not_found_pages.items():
            target = site_dir / ("404.html" if language == SOURCE_LANGUAGE else f"{language}/404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
        write_language_sitemaps(site_dir, config.site_url or "/", self.site.languages, self.site.published)
        search_index, self.search_index = self.search_index, None
        try:
            search_index.write(site_dir)
        except Exception as exc:  # noqa: BLE001 - Pagefind's service raises bare Exceptions for its errors
            raise PluginError(f"Pagefind failed: {exc}") from None

    on_post_build = CombinedEvent(_index_language, _finish_site)

    def on_build_error(self, error):
        self._close_search_index()

    def _close_search_index(self):
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
