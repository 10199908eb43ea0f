"""The committed translations: complete, current, structurally faithful, and in their language."""
from __future__ import annotations

import re
import unicodedata

import pytest

from etiquette_kb import l10n
from etiquette_kb.catalogs import catalog_domains, catalog_path, read_catalog
from etiquette_kb.languages import published_languages

from conftest import ROOT
from test_site import KB

COMPLETE = published_languages(ROOT)  # a language in progress may be partly translated
CATALOGS = [(language, domain) for language in COMPLETE for domain in catalog_domains(KB, language)]
# Words any page of prose in the language is full of; a page without them is not in the language.
COMMON_WORDS = {
    "en": {"the", "and", "to", "you", "of"},
    "id": {"yang", "dan", "anda", "tidak", "untuk", "dengan"},
    "hu": {"az", "és", "hogy", "nem", "egy", "ha"},
    "ru": {"и", "не", "в", "что", "на", "вы"},
}


def _text(language: str, domain: str) -> list[str]:
    catalog = read_catalog(catalog_path(ROOT, language, domain), ROOT)
    return [form for m in catalog if m.id
            for form in (m.string if isinstance(m.string, (tuple, list)) else (m.string,))]


@pytest.mark.parametrize("language, domain", CATALOGS, ids=lambda v: v)
def test_catalog_is_complete_current_and_has_nothing_obsolete(language, domain):
    catalog = read_catalog(catalog_path(ROOT, language, domain), ROOT)
    entries = [m for m in catalog if m.id]
    assert entries
    assert [m.context for m in entries if not all(_text_forms(m))] == [], "untranslated"
    assert [m.context for m in entries if "fuzzy" in m.flags] == [], "fuzzy"
    assert list(catalog.obsolete) == [], "obsolete entries left over"


def _text_forms(message):
    return message.string if isinstance(message.string, (tuple, list)) else (message.string,)


def test_every_catalog_passes_every_check_without_a_warning():
    """Links, emphasis, lists, HTML, placeholders, glossary terms, and no entry left identical
    to its source (the rules are tested one by one in test_checks.py)."""
    assert [str(p) for p in l10n.check(ROOT)] == []


def _share(text: str, predicate) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if predicate(c)) / max(1, len(letters))


def _is_japanese(c: str) -> bool:
    return "HIRAGANA" in unicodedata.name(c, "") or "KATAKANA" in unicodedata.name(c, "") or \
        "CJK" in unicodedata.name(c, "")


@pytest.mark.parametrize("language, domain", [c for c in CATALOGS if c[1] != "site" or c[0] != "en"],
                         ids=lambda v: v)
def test_translated_prose_is_in_its_language(language, domain):
    entries = [t for t in _text(language, domain) if t]
    prose = " ".join(entries)
    if language == "ja":
        assert _share(prose, _is_japanese) > 0.8
        assert re.search(r"(です|ます)。", prose), "polite style"
        return
    if language == "ru":
        assert _share(prose, lambda c: "CYRILLIC" in unicodedata.name(c, "")) > 0.9
    else:
        assert _share(prose, lambda c: "LATIN" in unicodedata.name(c, "")) > 0.95
    words = re.findall(r"\w+", prose.casefold())
    found = COMMON_WORDS[language] & set(words)
    assert len(found) >= 3, f"{language}/{domain}: few common {language} words ({found})"
    for other, common in COMMON_WORDS.items():
        if other != language:
            hits = sum(1 for w in words if w in common - COMMON_WORDS[language])
            assert hits / max(1, len(words)) < 0.03, f"{language}/{domain} reads like {other}"


@pytest.mark.parametrize("language, forms", [
    ("ja", ("「",)), ("ru", ("«",)), ("hu", ("„",)),
])
def test_quotes_follow_the_style_guide(language, forms):
    """CONTRIBUTING.md: 「」 in Japanese, «ёлочки» in Russian, „…” in Hungarian, never straight quotes."""
    prose = " ".join(t for domain in catalog_domains(KB, language) for t in _text(language, domain))
    assert any(mark in prose for mark in forms)
    assert '"' not in prose


@pytest.mark.parametrize("language, formal", [
    ("hu", r"\bÖn(?:t|nek|nél|ről|höz|től|nel|ök|öket|öknek)?\b"),  # the site says "te", never "Ön"
    ("ru", r"[\w,] В(?:ы|ас|ам|ами)\b"),  # «вы» in lower case inside a sentence
])
def test_one_form_of_address(language, formal):
    """CONTRIBUTING.md: Hungarian addresses the reader as "te", Russian as «вы» in lower case."""
    prose = [t for domain in catalog_domains(KB, language) for t in _text(language, domain)]
    assert [t for t in prose if re.search(formal, t)] == []
