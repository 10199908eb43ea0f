"""From sources and catalogs to a folder of pages MkDocs can build, and the search index after."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from babel.support import NullTranslations

from .catalogs import SITE_DOMAIN, catalog_domains, catalog_path, guide_template, site_template
from .checks import LanguageRules, check_catalog, check_source_style, load_language_rules
from .history import last_changed
from .labels import not_found_labels, search_labels, site_labels, theme_labels, theme_settings_labels
from .languages import SOURCE_LANGUAGE, published_languages, site_languages
from .model import KnowledgeBase
from .pages import SiteFacts, autonym, render_site
from .problems import InputError, Problem, raise_if_errors
from .search_language import search_data_path, write_search_data
from .sources import load_knowledge_base
from .theme_languages import theme_language, write_language_partial
from .translations import CatalogSet
from .urls import page_url


@dataclass(frozen=True)
class GeneratedSite:
    docs_dir: Path
    theme_dir: Path  # generated theme files (the languages' label partials), searched first
    pages: list[str]
    language_settings: list[dict]  # one mkdocs-static-i18n language entry per site language
    permalink_titles: dict[str, str]  # per language: the title of a heading's anchor link
    published: tuple[str, ...]  # languages in the menu, sitemaps and hreflang (the others are in progress)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(entry["locale"] for entry in self.language_settings)


def load(root: Path) -> tuple[KnowledgeBase, tuple[str, ...]]:
    languages = site_languages(root)
    return load_knowledge_base(root, languages), languages


def templates(kb: KnowledgeBase) -> dict:
    found = {guide.id: guide_template(guide) for guide in kb.guides}
    found[SITE_DOMAIN] = site_template(kb)
    return found


def check_catalogs(root: Path, kb: KnowledgeBase, languages: tuple[str, ...], *,
                   strict_template: bool, only: set[Path] | None = None) -> list[Problem]:
    problems = []
    by_domain = templates(kb)
    for language in languages:
        try:
            rules = load_language_rules(root, language)
        except InputError as exc:
            problems += exc.problems
            rules = LanguageRules(language, {}, ())
        for domain in catalog_domains(kb, language):
            path = catalog_path(root, language, domain)
            if path.exists() and (only is None or path.resolve() in only):
                problems += check_catalog(path, root, language, by_domain[domain], strict_template, rules)
        if only is None:
            problems += check_source_style(kb, language, rules.style)
    return problems


def _own_translations(labels: dict[str, str], english: dict[str, str], language: str) -> dict[str, str]:
    """The labels a language has translated (an untranslated one reads as its English msgid)."""
    return {key: text for key, text in labels.items() if language == SOURCE_LANGUAGE or text != english[key]}


def generate_site(root: Path, handwritten_docs: Path, out_dir: Path, theme_dir: Path, *, site_url: str,
                  repository: str | None) -> GeneratedSite:
    """Validate everything, then write hand-written and generated pages into `out_dir` and the
    languages' theme labels into `theme_dir`."""
    kb, languages = load(root)
    published = published_languages(root)
    raise_if_errors(check_catalogs(root, kb, languages, strict_template=False))
    catalogs = CatalogSet(root, kb, languages, published)
    for folder in (out_dir, theme_dir):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(handwritten_docs, out_dir)
    texts = [root / guide.path for guide in kb.guides] + [catalog_path(root, language, guide.id)
                                                          for language in languages for guide in kb.guides]
    changed = {path.relative_to(root).as_posix(): date for path, date in last_changed(root, texts).items()}
    pages = render_site(kb, catalogs, out_dir, SiteFacts(site_url, repository, changed))
    write_search_data(out_dir, languages)
    settings, permalink_titles = [], {}
    english_theme = theme_labels(NullTranslations())
    for language in languages:
        t = catalogs.site_gettext(language)
        labels = site_labels(t)
        write_language_partial(theme_dir, language, _own_translations(theme_labels(t), english_theme, language))
        configured = theme_settings_labels(t)
        permalink_titles[language] = configured["permalink"]
        settings.append({
            "locale": language,
            "name": autonym(catalogs, language),
            "default": language == SOURCE_LANGUAGE,
            "build": True,
            "site_name": labels["site_name"],
            "site_description": labels["site_description"],
            "theme": {
                "language": theme_language(language),
                # The light palette's toggle switches to dark, and the dark one back.
                "palette": [{"toggle": {"name": configured["palette_dark"]}},
                            {"toggle": {"name": configured["palette_light"]}}],
            },
            "extra": {
                "kb_page_fallback_notice": labels["page_fallback_notice"],
                "kb_search": search_labels(catalogs.site_gettext(language), language),
                "kb_not_found": not_found_labels(t),
                "kb_search_data": search_data_path(language),
                # Material's base_url is the site root; a language's own pages are below it.
                "kb_language_root": page_url(language),
                "kb_published": language in published,
            },
            "nav": [
                {labels["nav_home"]: "index.md"},
                # Each guide heads a section of its tips, so a tip is found from its guide.
                {labels["nav_guides"]: [
                    {catalogs.guide_unit(g, f"{g.id}.title", g.title, language).text:
                     [f"guides/{g.id}/index.md", *[f"tips/{t.id}/index.md" for t in g.tips]]}
                    for g in kb.guides]},
                {labels["nav_topics"]: ["topics/index.md", *[f"topics/{t.id}/index.md" for t in kb.topics]]},
                *[{catalogs.site_unit(f"path.{p.id}.title", p.title, language).text: f"{p.id}/index.md"}
                  for p in kb.paths],
                {labels["nav_sources"]: "sources/index.md"},
                {labels["nav_status"]: "status/index.md"},
                {labels["nav_contribute"]: "contribute.md"},
            ],
        })
    return GeneratedSite(out_dir, theme_dir, pages, settings, permalink_titles, published)
