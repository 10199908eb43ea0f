"""Look up every unit of a guide in a reader's language, and know its translation state."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations
from babel.support import Translations as GettextTranslations

from .catalogs import SITE_DOMAIN, catalog_domains, catalog_path, has_translation, read_catalog
from .languages import SOURCE_LANGUAGE
from .model import Guide, KnowledgeBase
from .problems import InputError, Problem

ORIGINAL, TRANSLATED, OUTDATED, UNTRANSLATED = "original", "translated", "outdated", "untranslated"


@dataclass(frozen=True)
class Unit:
    text: str  # Markdown or plain text, in `language`
    language: str
    state: str  # ORIGINAL, TRANSLATED, OUTDATED or UNTRANSLATED


class CatalogSet:
    """Every catalog of the site, read once per build."""

    def __init__(self, root: Path, kb: KnowledgeBase, languages: tuple[str, ...], published: tuple[str, ...] = ()):
        self.kb = kb
        self.languages = languages
        self.published = published or languages
        self.catalogs: dict[tuple[str, str], Catalog] = {}
        self._by_context: dict[tuple[str, str], dict] = {}
        problems: list[Problem] = []
        for language in languages:
            for domain in catalog_domains(kb, language):
                path = catalog_path(root, language, domain)
                if not path.exists():
                    continue  # a missing catalog means nothing is translated yet
                try:
                    self.catalogs[language, domain] = read_catalog(path, root)
                except InputError as exc:
                    problems += exc.problems
        if problems:
            raise InputError(problems)

    def _index(self, language: str, domain: str) -> dict:
        """Messages of one catalog by context (contexts are unique within a catalog)."""
        key = (language, domain)
        if key not in self._by_context:
            catalog = self.catalogs.get(key)
            self._by_context[key] = {m.context: m for m in catalog if m.id} if catalog else {}
        return self._by_context[key]

    def unit(self, domain: str, source_language: str, context: str, source: str, language: str) -> Unit:
        """One unit in the reader's language; untranslated units fall back to English, the pivot,
        and to the original where English is missing too."""
        if language == source_language:
            return Unit(source, language, ORIGINAL)
        message = self._index(language, domain).get(context)
        if message and message.string:
            current = message.id == source and "fuzzy" not in message.flags
            return Unit(message.string, language, TRANSLATED if current else OUTDATED)
        if language != SOURCE_LANGUAGE:
            pivot = self._index(SOURCE_LANGUAGE, domain).get(context)
            if pivot and pivot.string and pivot.id == source and "fuzzy" not in pivot.flags:
                return Unit(pivot.string, SOURCE_LANGUAGE, UNTRANSLATED)
        return Unit(source, source_language, UNTRANSLATED)

    def guide_unit(self, guide: Guide, context: str, source: str, language: str) -> Unit:
        return self.unit(guide.id, guide.language, context, source, language)

    def site_unit(self, context: str, source: str, language: str) -> Unit:
        return self.unit(SITE_DOMAIN, SOURCE_LANGUAGE, context, source, language)

    def entry_line(self, language: str, domain: str, context: str) -> int | None:
        """The line of an entry in its catalog file (for links that open the catalog there)."""
        message = self._index(language, domain).get(context)
        return message.lineno if message else None

    def site_translated(self, context: str, message: str, language: str) -> bool:
        """Whether a site string (by its context and English text) is translated into a language."""
        catalog = self.catalogs.get((language, SITE_DOMAIN))
        entry = catalog.get(message, context) if catalog is not None else None
        return bool(entry and has_translation(entry) and "fuzzy" not in entry.flags)

    def site_gettext(self, language: str) -> NullTranslations:
        """The site's own strings for a language (untranslated or fuzzy ones fall back to English)."""
        catalog = self.catalogs.get((language, SITE_DOMAIN))
        if catalog is None:
            return NullTranslations()
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return GettextTranslations(buffer, domain=SITE_DOMAIN)
