"""Contributor commands on the catalogs; scripts/l10n.py is a thin command-line wrapper."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build_pipeline import check_catalogs, load, templates
from .catalogs import (
    SITE_DOMAIN,
    add_pivot_comments,
    catalog_content,
    catalog_domains,
    catalog_path,
    catalog_stats,
    read_catalog,
    template_path,
    update_catalog,
    write_catalog,
)
from .languages import (
    LANGUAGE_FILE,
    LAUNCH_NOTE,
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    language_tag,
    parse_language,
    site_languages,
)
from .problems import Problem


def update(root: Path, *, dry_run: bool = False, only: list[Path] | None = None,
           no_obsolete: bool = False) -> list[Path]:
    """Re-extract the templates and update every catalog; return the files that changed.

    With dry_run, nothing is written, and the files returned are those whose content an update
    would change: entries, translations, flags, comments, the language and plural forms. How a
    file is laid out (line wrapping, a tool's own header fields, the order of entries) does not
    count, so a catalog saved by Poedit or msgcat passes. `only` limits the catalogs written (the
    templates are always made). `no_obsolete` drops the entries no source has any more (`#~`), once
    their translations have been carried over where they are still wanted."""
    chosen = {p.resolve() for p in only} if only else None
    kb, languages = load(root)
    by_domain = templates(kb)
    changed = []
    for domain, template in by_domain.items():
        path = template_path(root, domain)
        if _changes(path, root, template, dry_run):
            changed.append(path)
    # English first: its text becomes the translators' pivot comment in every other catalog.
    english = {}
    for language in languages:
        for domain in catalog_domains(kb, language):
            path = catalog_path(root, language, domain)
            existing = read_catalog(path, root) if path.exists() else None
            before = catalog_content(existing) if existing is not None else None
            catalog = update_catalog(existing, by_domain[domain], language)
            if no_obsolete:
                catalog.obsolete.clear()
            if language == SOURCE_LANGUAGE:
                english[domain] = catalog
            elif domain != SITE_DOMAIN:
                add_pivot_comments(catalog, english.get(domain))
            if chosen is not None and path.resolve() not in chosen:
                continue
            if (dry_run and catalog_content(catalog) != before) or (not dry_run and write_catalog(path, catalog)):
                changed.append(path)
    return changed


def _changes(path: Path, root: Path, catalog, dry_run: bool) -> bool:
    if not dry_run:
        return write_catalog(path, catalog)
    return not path.exists() or catalog_content(read_catalog(path, root)) != catalog_content(catalog)


def fmt(root: Path, paths: list[Path] | None = None) -> list[Path]:
    """Rewrite catalogs (the ones named, or all) the way the project writes them: `update` limited
    to those files, so wrapping, entry order and headers become canonical again."""
    return update(root, only=paths or sorted((root / LOCALES_DIR).glob("*/LC_MESSAGES/*.po")))


def check(root: Path, paths: list[Path] | None = None) -> list[Problem]:
    kb, languages = load(root)
    only = {p.resolve() for p in paths} if paths else None
    return check_catalogs(root, kb, languages, strict_template=True, only=only)


def add_language(root: Path, code: str) -> tuple[str, list[Path]]:
    """Create every catalog of a new site language, named by its BCP 47 tag whichever form `code`
    has ('pt_BR' -> locales/pt-BR/); the folder registers it for the next build. Returns the tag and
    the catalogs created."""
    tag = language_tag(code)
    locale = parse_language(tag)
    for existing in site_languages(root):
        if existing == tag or parse_language(existing) == locale:
            raise ValueError(f"{LOCALES_DIR}/{existing} already exists: '{code}' is already a site language")
    kb, _ = load(root)
    by_domain = templates(kb)
    english = {domain: read_catalog(catalog_path(root, SOURCE_LANGUAGE, domain), root)
               for domain in by_domain if catalog_path(root, SOURCE_LANGUAGE, domain).exists()}
    folder = root / LOCALES_DIR / tag
    folder.mkdir(parents=True)
    (folder / LANGUAGE_FILE).write_text(LAUNCH_NOTE + "published: false\n", encoding="utf-8")
    created = [folder / LANGUAGE_FILE]
    for domain in catalog_domains(kb, tag):
        catalog = update_catalog(None, by_domain[domain], tag)
        if domain != SITE_DOMAIN:
            add_pivot_comments(catalog, english.get(domain))
        path = catalog_path(root, tag, domain)
        write_catalog(path, catalog)
        created.append(path)
    return tag, created


@dataclass(frozen=True)
class CatalogStats:
    language: str
    domain: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent_translated(self) -> float:
        return round(100 * self.translated / self.total, 1) if self.total else 100.0


def stats(root: Path) -> list[CatalogStats]:
    kb, languages = load(root)
    by_domain = templates(kb)
    rows = []
    for language in languages:
        for domain in catalog_domains(kb, language):
            path = catalog_path(root, language, domain)
            if path.exists():
                rows.append(CatalogStats(language, domain, *catalog_stats(read_catalog(path, root))))
            else:
                rows.append(CatalogStats(language, domain, 0, 0, sum(1 for m in by_domain[domain] if m.id)))
    return rows
