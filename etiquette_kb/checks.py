"""Named checks on catalogs, one rule per function. Each reports `path:line: rule: message`.

A catalog is checked against the template made from the current sources, so a translation can
carry nothing its source does not: no new links, HTML, schemes, attribute lists or hidden text.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.core import get_global, parse_locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from .catalogs import PIVOT_PREFIX, SITE_DOMAIN, read_catalog
from .languages import LOCALES_DIR, SOURCE_LANGUAGE, direction, parse_language, posix_locale
from .markdown_text import inline_shape
from .model import READER_TERMS
from .problems import InputError, Problem
from .segments import READER_TERMS_SUFFIX, guide_segments, site_segments, split_terms

# A link destination with a scheme ("javascript:", "data:", "https:"), whether or not markdown-it
# accepted it as a link: it refuses some schemes and leaves the text as it was.
_SCHEME_LINK = re.compile(r"\]\(\s*<?\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:", re.ASCII)
_BARE_SCHEME = re.compile(r"\b(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?\s*[#.:\w-][^{}]*\}")
_SNIPPET = re.compile(r"-{2,}8<-{2,}")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
_HIDDEN_CATEGORIES = {"Cc", "Cf"}  # control and format characters (zero-width, bidi overrides)
_ALLOWED_HIDDEN = {"\n"}
# Joiners shape letters in these scripts (Persian, Urdu, Hindi, Bengali, Sinhala...).
_JOINERS = {"\u200c", "\u200d"}
_JOINER_SCRIPTS = {"Arab", "Syrc", "Thaa", "Nkoo", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda",
                   "Mlym", "Sinh", "Mymr", "Khmr", "Tibt", "Mong"}
# Direction marks (LRM, RLM, ALM) place neutral characters in right-to-left text. Embeddings,
# overrides and isolates stay refused: they can reorder what a reader sees.
_DIRECTION_MARKS = {"\u200e", "\u200f", "\u061c"}
MAX_LENGTH_RATIO = 4.0
GLOSSARY_FILE = "glossary.yml"
STYLE_FILE = "style.yml"


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    severity: str = "error"


EntryRule = Callable[[str, str, str], Iterator[Finding]]  # (source, translation, language)


def _script(language: str) -> str | None:
    """The script a language is written in (CLDR's likely subtags: 'fa' -> 'Arab')."""
    try:
        locale = parse_language(language)
    except ValueError:
        return None
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language)
    return parse_locale(likely)[2] if likely else None


def _allowed_invisible(language: str) -> set[str]:
    allowed = set(_ALLOWED_HIDDEN)
    if _script(language) in _JOINER_SCRIPTS:
        allowed |= _JOINERS
    if language and direction(language) == "rtl":
        allowed |= _DIRECTION_MARKS
    return allowed


def check_hidden_characters(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    allowed = _allowed_invisible(language)
    for ch in translation:
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES and ch not in allowed and ch not in source:
            yield Finding("hidden-character", f"contains the invisible character U+{ord(ch):04X} "
                                              f"({unicodedata.name(ch, 'control')}), which is not used in '{language}' text")
            return


def check_html(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    extra = sorted(set(inline_shape(translation).html) - set(inline_shape(source).html))
    if extra:
        yield Finding("html", f"contains HTML its source does not have: {extra[0]}")


def check_link_schemes(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    for pattern in (_SCHEME_LINK, _BARE_SCHEME):
        found = pattern.search(translation)
        if found and not pattern.search(source):
            yield Finding("link-scheme", f"links with the scheme '{found.group(1)}:'; only links the source has are allowed")
            return


def check_markdown_structure(source: str, translation: str, language: str = "") -> Iterator[Finding]:
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


def check_smuggled_syntax(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    for rule, pattern, what in (("attribute-list", _ATTR_LIST, "an attribute list"),
                                ("snippet-include", _SNIPPET, "a snippet include"),
                                ("front-matter", re.compile(r"^---\s*$", re.MULTILINE), "a front matter fence"),
                                ("heading", re.compile(r"^\s*#{1,6}\s", re.MULTILINE), "a heading")):
        if pattern.search(translation) and not pattern.search(source):
            yield Finding(rule, f"contains {what}, which its source does not")


def check_placeholders(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
        yield Finding("placeholders", f"placeholders {sorted(_PLACEHOLDER.findall(translation))} differ from the source's {sorted(_PLACEHOLDER.findall(source))}")


def check_length(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    # Width-weighted, so that CJK text is not judged by its character count.
    def width(text: str) -> float:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    ratio = (width(translation) + 10) / (width(source) + 10)
    if ratio > MAX_LENGTH_RATIO or ratio < 1 / MAX_LENGTH_RATIO:
        yield Finding("length", f"is {ratio:.1f} times as long as its source")


def check_identical(source: str, translation: str, language: str = "") -> Iterator[Finding]:
    # A pattern of placeholders and brackets ("%(date)s (%(shown)s)") may rightly stay as it is.
    if not any(c.isalpha() for c in _PLACEHOLDER.sub("", source)):
        return
    if source.strip() == translation.strip():
        yield Finding("identical", "is identical to its source", "warning")


def check_reader_terms(source: str, translation: str, language: str = "") -> Iterator[Finding]:
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
    spans = {term: [m.span() for m in re.finditer(rf"(?<!\w){re.escape(term)}", english, re.IGNORECASE)]
             for term in glossary}
    for term, target in glossary.items():
        # An occurrence inside a longer glossary term ("support" in "support agent") is that term's.
        own = [span for span in spans[term]
               if not any(len(other) > len(term) and any(s <= span[0] and span[1] <= e for s, e in spans[other])
                          for other in glossary)]
        if own and target.casefold() not in translation.casefold():
            yield Finding("glossary", f"the English text says '{term}', so the translation should use '{target}'", "warning")


@dataclass(frozen=True)
class StyleRule:
    rule: str
    pattern: re.Pattern
    message: str


def check_style(text: str, rules: tuple[StyleRule, ...]) -> Iterator[Finding]:
    """A language's house style, as far as a pattern can tell (locales/<lang>/style.yml)."""
    for rule in rules:
        found = rule.pattern.search(text)
        if found:
            yield Finding(rule.rule, f"has {found.group(0)!r}: {rule.message}")


def load_style(root: Path, language: str) -> tuple[StyleRule, ...]:
    """locales/<lang>/style.yml: `forbid:` a list of {rule, pattern, message} (regular expressions a
    text of the language must not match) and `spelling:` a mapping of wrong words to right ones."""
    path = root / LOCALES_DIR / language / STYLE_FILE
    if not path.exists():
        return ()
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 1
        raise InputError([Problem(rel, line, "style-syntax", "the style file is not valid YAML")]) from None
    def line_of(needle: str) -> int:
        at = text.find(needle)
        return text.count("\n", 0, at) + 1 if at >= 0 else 1
    if not isinstance(data, dict) or set(data) - {"forbid", "spelling"}:
        raise InputError([Problem(rel, 1, "style-syntax", "expected `forbid:` (a list) and `spelling:` (a mapping)")])
    rules, problems = [], []
    for entry in data.get("forbid") or []:
        if not isinstance(entry, dict) or set(entry) != {"rule", "pattern", "message"} or \
                not all(isinstance(v, str) for v in entry.values()):
            problems.append(Problem(rel, line_of(str(entry.get("pattern", "")) if isinstance(entry, dict) else ""),
                                    "style-syntax", "each `forbid` entry has exactly: rule, pattern, message"))
            continue
        try:
            rules.append(StyleRule(entry["rule"], re.compile(entry["pattern"]), entry["message"]))
        except re.error as exc:
            problems.append(Problem(rel, line_of(entry["pattern"]), "style-syntax", f"pattern {entry['pattern']!r}: {exc}"))
    spelling = data.get("spelling") or {}
    if not isinstance(spelling, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in spelling.items()):
        problems.append(Problem(rel, line_of("spelling:"), "style-syntax", "`spelling` maps wrong words to right ones"))
        spelling = {}
    for wrong, right in spelling.items():
        rules.append(StyleRule("style-spelling", re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)"), f"write {right!r}"))
    if problems:
        raise InputError(problems)
    return tuple(rules)


@dataclass(frozen=True)
class LanguageRules:
    """What a language's texts are checked against besides the source: its glossary and style."""

    language: str
    glossary: dict[str, str]
    style: tuple[StyleRule, ...]


def load_language_rules(root: Path, language: str) -> LanguageRules:
    problems, glossary, style = [], {}, ()
    try:
        glossary = load_glossary(root, language)
    except InputError as exc:
        problems += exc.problems
    try:
        style = load_style(root, language)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return LanguageRules(language, glossary, style)


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
                  rules: LanguageRules | None = None) -> list[Problem]:
    """Every problem of one catalog. `strict_template` also reports entries that an update
    would change (the build tolerates those: they show as outdated or untranslated)."""
    rel = path.relative_to(root).as_posix()
    rules = rules or LanguageRules(language, {}, ())
    try:
        catalog = read_catalog(path, root)
    except InputError as exc:
        return exc.problems
    problems = [Problem(rel, 1, f.rule, f.message, f.severity) for f in check_header(catalog, language)]
    if path.read_bytes().startswith(codecs.BOM_UTF8):
        problems.append(Problem(rel, 1, "byte-order-mark", "the file starts with a byte order mark; "
                                "`python scripts/l10n.py fmt` removes it", "warning"))
    problems += _duplicate_problems(path, rel)
    expected = {(m.context, m.id): m for m in template if m.id}
    contexts = Counter(m.context for m in expected.values())
    # A guide's contexts are unique ids, so an entry whose text changed is still recognised.
    by_context = {m.context: m for m in expected.values() if contexts[m.context] == 1}
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        name = entry_name(message, contexts)
        source = expected.get((message.context, message.id)) or by_context.get(message.context)
        if source is None:
            problems.append(Problem(rel, line, "unknown-entry", f"entry {name} is not in the template"))
            continue
        if strict_template and message.id != source.id and "fuzzy" not in message.flags:
            problems.append(Problem(rel, line, "edited-source", f"entry {name} has a msgid that differs from the source; run `python scripts/l10n.py update`"))
        english = english_text(message, is_site=template.domain == SITE_DOMAIN)
        for source_text, translation in _forms(message):
            findings = check_entry(message.context or "", source_text, translation, rules,
                                   english=english, fuzzy="fuzzy" in message.flags)
            for finding in findings:
                problems.append(Problem(rel, line, finding.rule, f"{name} {finding.message}", finding.severity))
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


def check_entry(context: str, source: str, translation: str, rules: LanguageRules, *, english: str = "",
                fuzzy: bool = False) -> list[Finding]:
    """Every finding on one translation of one entry. A fuzzy entry is not yet held to the
    glossary and the house style (its translator has not finished it)."""
    findings = [finding for rule in ENTRY_RULES for finding in rule(source, translation, rules.language)]
    if context.endswith(READER_TERMS_SUFFIX):
        findings += check_reader_terms(source, translation, rules.language)
    # Reader terms are what readers type, not the site's prose: neither the glossary nor the house
    # style applies ("email", "callback", "telpon" are how people search).
    if not fuzzy and not context.endswith(READER_TERMS_SUFFIX):
        if english:
            findings += check_glossary(english, translation, rules.glossary)
        findings += check_style(translation, rules.style)
    return findings


def entry_name(message: Message, contexts: Counter) -> str:
    """How a message names an entry: its context, and its source text where several entries share
    the context (the site's strings: 'search' "Loading search…")."""
    if contexts[message.context] <= 1:
        return f"'{message.context}'"
    text = message.id if isinstance(message.id, str) else message.id[0]
    # Quoted and escaped as in the .po file, so a quote inside the text stays unambiguous.
    return f"'{message.context}' {json.dumps(text if len(text) <= 40 else text[:39] + '…', ensure_ascii=False)}"


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


def check_source_style(kb, language: str, style: tuple[StyleRule, ...]) -> list[Problem]:
    """The house style also holds for the texts written in the language: the guides written in
    it, and for English the topics, contrasts, reader paths and the site's own strings."""

    problems = []
    if not style:
        return problems
    for guide in kb.guides:
        if guide.language != language:
            continue
        lines = {f"{tip.id}.": tip.line for tip in guide.tips}
        for segment in guide_segments(guide):
            if segment.context.endswith(READER_TERMS_SUFFIX):
                continue  # what readers type, as they type it
            line = next((n for prefix, n in lines.items() if segment.context.startswith(prefix)), 1)
            for finding in check_style(segment.text, style):
                problems.append(Problem(guide.path, line, finding.rule, f"'{segment.context}' {finding.message}"))
    if language == SOURCE_LANGUAGE:
        for segment in site_segments(kb):
            for finding in check_style(segment.text, style):
                problems.append(Problem(segment.origin, 1, finding.rule, f"'{segment.context}' {finding.message}"))
    return problems
