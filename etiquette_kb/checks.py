"""Named checks on catalogs, one rule per function. Each reports `path:line: rule: message`.

A catalog is checked against the template made from the current sources, so a translation can
carry nothing its source does not: no new links, HTML, schemes, attribute lists or hidden text.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from .catalogs import PIVOT_PREFIX, SITE_DOMAIN, read_catalog
from .languages import LOCALES_DIR, parse_language, posix_locale
from .markdown_text import inline_shape
from .model import READER_TERMS
from .problems import InputError, Problem
from .segments import READER_TERMS_SUFFIX, split_terms

# A link destination with a scheme ("javascript:", "data:", "https:"), whether or not markdown-it
# accepted it as a link: it refuses some schemes and leaves the text as it was.
_SCHEME_LINK = re.compile(r"\]\(\s*<?\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:", re.ASCII)
_BARE_SCHEME = re.compile(r"\b(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?\s*[#.:\w-][^{}]*\}")
_SNIPPET = re.compile(r"-{2,}8<-{2,}")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
_HIDDEN_CATEGORIES = {"Cc", "Cf"}  # control and format characters (zero-width, bidi overrides)
_ALLOWED_HIDDEN = {"\n"}
MAX_LENGTH_RATIO = 4.0
GLOSSARY_FILE = "glossary.yml"


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    severity: str = "error"


EntryRule = Callable[[str, str], Iterator[Finding]]


def check_hidden_characters(source: str, translation: str) -> Iterator[Finding]:
    for ch in translation:
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES and ch not in _ALLOWED_HIDDEN and ch not in source:
            yield Finding("hidden-character", f"contains the invisible character U+{ord(ch):04X} ({unicodedata.name(ch, 'control')})")
            return


def check_html(source: str, translation: str) -> Iterator[Finding]:
    extra = sorted(set(inline_shape(translation).html) - set(inline_shape(source).html))
    if extra:
        yield Finding("html", f"contains HTML its source does not have: {extra[0]}")


def check_link_schemes(source: str, translation: str) -> Iterator[Finding]:
    for pattern in (_SCHEME_LINK, _BARE_SCHEME):
        found = pattern.search(translation)
        if found and not pattern.search(source):
            yield Finding("link-scheme", f"links with the scheme '{found.group(1)}:'; only links the source has are allowed")
            return


def check_markdown_structure(source: str, translation: str) -> Iterator[Finding]:
    src, dst = inline_shape(source), inline_shape(translation)
    if sorted(src.links) != sorted(dst.links):
        yield Finding("markdown-links", f"links to {sorted(dst.links) or 'nothing'}, the source to {sorted(src.links) or 'nothing'}")
    if dst.images > src.images:
        yield Finding("markdown-image", "adds an image")
    for label, a, b in (("emphasis", src.emphasis, dst.emphasis), ("strong emphasis", src.strong, dst.strong),
                        ("code spans", src.code, dst.code)):
        if a != b:
            yield Finding("markdown-emphasis", f"has {b} {label}, the source {a}")
    stray = [m for m in dst.stray_markers if m not in src.stray_markers]
    if stray:
        yield Finding("markdown-emphasis", f"has an unbalanced marker ({stray[0]})")
    if re.search(r"^\s*(?:[-*+]|\d+[.)])\s", translation, re.MULTILINE) and not re.search(r"^\s*(?:[-*+]|\d+[.)])\s", source, re.MULTILINE):
        yield Finding("markdown-list", "starts a list the source does not have")


def check_smuggled_syntax(source: str, translation: str) -> Iterator[Finding]:
    for rule, pattern, what in (("attribute-list", _ATTR_LIST, "an attribute list"),
                                ("snippet-include", _SNIPPET, "a snippet include"),
                                ("front-matter", re.compile(r"^---\s*$", re.MULTILINE), "a front matter fence"),
                                ("heading", re.compile(r"^\s*#{1,6}\s", re.MULTILINE), "a heading")):
        if pattern.search(translation) and not pattern.search(source):
            yield Finding(rule, f"contains {what}, which its source does not")


def check_placeholders(source: str, translation: str) -> Iterator[Finding]:
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
        yield Finding("placeholders", f"placeholders {sorted(_PLACEHOLDER.findall(translation))} differ from the source's {sorted(_PLACEHOLDER.findall(source))}")


def check_length(source: str, translation: str) -> Iterator[Finding]:
    # Width-weighted, so that CJK text is not judged by its character count.
    def width(text: str) -> float:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    ratio = (width(translation) + 10) / (width(source) + 10)
    if ratio > MAX_LENGTH_RATIO or ratio < 1 / MAX_LENGTH_RATIO:
        yield Finding("length", f"is {ratio:.1f} times as long as its source")


def check_identical(source: str, translation: str) -> Iterator[Finding]:
    if source.strip() == translation.strip():
        yield Finding("identical", "is identical to its source", "warning")


def check_reader_terms(source: str, translation: str) -> Iterator[Finding]:
    """A reader-terms entry (`<tip-id>.terms`): 3 to 6 lines, each one plain term, none twice."""
    terms = split_terms(translation)
    low, high = READER_TERMS
    if not low <= len(terms) <= high:
        yield Finding("reader-terms", f"has {len(terms)} terms, one per line; a tip needs {low} to {high}")
    if len({t.casefold() for t in terms}) != len(terms):
        yield Finding("reader-terms", "lists a term twice")
    shape = inline_shape(translation)
    if shape.links or shape.emphasis or shape.strong or shape.code or shape.html:
        yield Finding("reader-terms", "has Markdown or HTML; terms are plain text")


ENTRY_RULES: tuple[EntryRule, ...] = (
    check_hidden_characters, check_html, check_link_schemes, check_markdown_structure,
    check_smuggled_syntax, check_placeholders, check_length, check_identical,
)


def check_glossary(english: str, translation: str, glossary: dict[str, str]) -> Iterator[Finding]:
    """The site's terms are translated the same way everywhere: where the English text uses a
    term, the translation uses the language's term (a stem, so inflected forms count)."""
    for term, target in glossary.items():
        if re.search(rf"(?<!\w){re.escape(term)}", english, re.IGNORECASE) and target.casefold() not in translation.casefold():
            yield Finding("glossary", f"the English text says '{term}', so the translation should use '{target}'", "warning")


def load_glossary(root: Path, language: str) -> dict[str, str]:
    """locales/<lang>/glossary.yml: `terms:` mapping English terms to this language's terms."""
    path = root / LOCALES_DIR / language / GLOSSARY_FILE
    if not path.exists():
        return {}
    rel = path.relative_to(root).as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 1
        raise InputError([Problem(rel, line, "glossary-syntax", "the glossary is not valid YAML")]) from None
    terms = (data or {}).get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in terms.items()):
        raise InputError([Problem(rel, 1, "glossary-syntax", "expected `terms:` mapping English terms to terms in this language")])
    return terms


def english_text(message: Message, is_site: bool) -> str:
    """The English a translator worked from: the msgid of a site string, the pivot comment of a guide entry."""
    if is_site:
        return message.id if isinstance(message.id, str) else " ".join(message.id)
    # The pivot comment comes last; a long one is wrapped over several comment lines.
    lines = list(message.auto_comments)
    start = next((i for i, line in enumerate(lines) if line.startswith(PIVOT_PREFIX)), None)
    return "" if start is None else " ".join([lines[start][len(PIVOT_PREFIX):], *lines[start + 1:]])


def check_header(catalog: Catalog, language: str) -> Iterator[Finding]:
    if catalog.locale is None or catalog.locale != parse_language(language):
        yield Finding("header-language", f"the header's Language is '{catalog.locale_identifier}', the folder says '{language}'")
    if catalog.fuzzy:
        yield Finding("header-fuzzy", "the header is marked fuzzy, so gettext tools would ignore the catalog")
    try:
        expected = get_plural(posix_locale(language))
    except (ValueError, KeyError):
        return
    if catalog.num_plurals != expected.num_plurals or catalog.plural_expr != expected.plural_expr:
        yield Finding("plural-forms", f"Plural-Forms is '{catalog.plural_forms}', Babel's data says '{expected.plural_forms}'")


def check_catalog(path: Path, root: Path, language: str, template: Catalog, strict_template: bool = True,
                  glossary: dict[str, str] | None = None) -> list[Problem]:
    """Every problem of one catalog. `strict_template` also reports entries that an update
    would change (the build tolerates those: they show as outdated or untranslated)."""
    rel = path.relative_to(root).as_posix()
    try:
        catalog = read_catalog(path, root)
    except InputError as exc:
        return exc.problems
    problems = [Problem(rel, 1, f.rule, f.message, f.severity) for f in check_header(catalog, language)]
    problems += _duplicate_problems(path, rel)
    expected = {(m.context, m.id): m for m in template if m.id}
    contexts = Counter(m.context for m in expected.values())
    # A guide's contexts are unique ids, so an entry whose text changed is still recognised.
    by_context = {m.context: m for m in expected.values() if contexts[m.context] == 1}
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        source = expected.get((message.context, message.id)) or by_context.get(message.context)
        if source is None:
            problems.append(Problem(rel, line, "unknown-entry", f"entry '{message.context}' is not in the template"))
            continue
        if strict_template and message.id != source.id and "fuzzy" not in message.flags:
            problems.append(Problem(rel, line, "edited-source", f"entry '{message.context}' has a msgid that differs from the source; run `python scripts/l10n.py update`"))
        english = english_text(message, is_site=template.domain == SITE_DOMAIN)
        for source_text, translation in _forms(message):
            findings = list(_entry_findings(source_text, translation))
            if message.context and message.context.endswith(READER_TERMS_SUFFIX):
                findings += check_reader_terms(source_text, translation)
            findings += check_glossary(english, translation, glossary or {}) if english and "fuzzy" not in message.flags else []
            for finding in findings:
                problems.append(Problem(rel, line, finding.rule, f"'{message.context}' {finding.message}", finding.severity))
    if strict_template:
        present = {(m.context, m.id) for m in catalog if m.id}
        for context, _msgid in sorted(expected.keys() - present, key=str):
            problems.append(Problem(rel, 1, "missing-entry", f"entry '{context}' is missing; run `python scripts/l10n.py update`"))
    return problems


def _forms(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs to compare: one per filled form; plural forms beyond the
    first are compared with the source's plural."""
    if not isinstance(message.id, (tuple, list)):
        return [(message.id, message.string)] if message.string else []
    return [(message.id[min(index, 1)], form) for index, form in enumerate(message.string) if form]


def _entry_findings(source: str, translation: str) -> Iterator[Finding]:
    for rule in ENTRY_RULES:
        yield from rule(source, translation)


def _duplicate_problems(path: Path, rel: str) -> list[Problem]:
    """Babel silently keeps the last of two entries with the same context and msgid."""
    seen: dict[tuple, int] = {}
    problems = []
    field, context, msgid, start = None, "", "", 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgctxt "):
            field, context, msgid, start = "ctx", line[8:], "", number
        elif line.startswith("msgid "):
            field, msgid, start = "id", line[6:], start if field == "ctx" else number
        elif line.startswith('"') and field in ("ctx", "id"):
            if field == "ctx":
                context += line
            else:
                msgid += line
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr") and field is not None:  # the first msgstr of an entry
            key = (context, msgid)
            if key in seen and key != ("", '""'):
                problems.append(Problem(rel, start, "duplicate-entry", f"this entry repeats the one on line {seen[key]}"))
            seen.setdefault(key, start)
            field, context, msgid = None, "", ""
    return problems
