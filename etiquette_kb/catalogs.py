"""Gettext catalogs with Babel: templates from the sources, updates, canonical reading and writing.

Layout (the folder tree mirrors the sources):
    locales/templates/<guide-id>.pot, locales/templates/site.pot
    locales/<lang>/LC_MESSAGES/<guide-id>.po   for every language but the guide's own
    locales/<lang>/LC_MESSAGES/site.po         for every language but English, the site's source
"""
from __future__ import annotations

import codecs
import copy
import datetime as dt
import io
import os
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from .languages import LOCALES_DIR, SOURCE_LANGUAGE, TEMPLATES_DIR, name_in, posix_locale
from .model import Guide, KnowledgeBase
from .po_syntax import check_po_syntax
from .problems import InputError, Problem
from .segments import READER_TERMS_SUFFIX, guide_segments, site_segments

SITE_DOMAIN = "site"
PROJECT = "etiquette-kb"
PIVOT_PREFIX = "English: "
PACKAGE_DIR = Path(__file__).parent
# Babel extracts the site's own strings from the page templates (Jinja) and the label module.
SITE_METHOD_MAP = [("templates/**.j2", "jinja2.ext:babel_extract"), ("labels.py", "python")]
SITE_OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# Header lines that change on every write; ignored when deciding whether a file changed.
_VOLATILE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')
# Babel writes its own version into every catalog; left out, so that a Babel upgrade changes a
# catalog only where its output really differs.
_GENERATED_BY = b'"Generated-By: '


def template_path(root: Path, domain: str) -> Path:
    return root / TEMPLATES_DIR / f"{domain}.pot"


def catalog_path(root: Path, language: str, domain: str) -> Path:
    return root / LOCALES_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def catalog_domains(kb: KnowledgeBase, language: str) -> list[str]:
    """The catalogs a language has: every guide not written in it, and the site unless English."""
    domains = [g.id for g in kb.guides if g.language != language]
    return domains + ([SITE_DOMAIN] if language != SOURCE_LANGUAGE else [])


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _new_catalog(domain: str, language: str | None, header: str) -> Catalog:
    locale = posix_locale(language) if language else None
    catalog = Catalog(locale=locale, domain=domain, project=PROJECT, version="1",
                      copyright_holder=None, msgid_bugs_address="",
                      creation_date=_now(), revision_date=_now(), fuzzy=False,
                      language_team=f"{name_in(language, 'en')} translators" if language else None)
    catalog.header_comment = header
    return catalog


def guide_template(guide: Guide) -> Catalog:
    catalog = _new_catalog(guide.id, None, f"# Translation template for the guide “{guide.id}”.\n"
                                           f"# Source: {guide.path} (written in {name_in(guide.language, 'en')}).")
    for segment in guide_segments(guide):
        catalog.add(segment.text, context=segment.context, auto_comments=[segment.comment],
                    locations=[(guide.path, None)])
    return catalog


# labels.plural_by_category(t, language, context, singular, plural) is an npgettext for the browser.
SITE_KEYWORDS = {**DEFAULT_KEYWORDS, "plural_by_category": ((3, "c"), 4, 5)}


def site_template(kb: KnowledgeBase) -> Catalog:
    catalog = _new_catalog(SITE_DOMAIN, None, "# Translation template for the site's own strings.\n"
                                              "# Source: etiquette_kb/templates, etiquette_kb/labels.py, sources/*.yml.")
    for path, _line, message, comments, context in extract_from_dir(
        PACKAGE_DIR, method_map=SITE_METHOD_MAP, options_map=SITE_OPTIONS,
        keywords=SITE_KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True,
    ):
        location = (f"etiquette_kb/{Path(path).as_posix()}", None)
        existing = catalog.get(message, context)
        if existing:
            existing.locations.append(location)
        else:
            catalog.add(message, context=context, auto_comments=comments, locations=[location])
    for segment in site_segments(kb):
        catalog.add(segment.text, context=segment.context, auto_comments=[segment.comment],
                    locations=[(segment.origin, None)])
    return catalog


def read_catalog(path: Path, root: Path) -> Catalog:
    """Read a catalog strictly; bad input raises InputError naming the file and line. A byte order
    mark (some Windows editors add one) is skipped."""
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem(rel, line, "encoding", "the file is not valid UTF-8")]) from None
    syntax = [Problem(rel, p.line, "po-syntax", p.message) for p in check_po_syntax(text)]
    if syntax:
        raise InputError(syntax)
    try:
        return _with_previous_ids(read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8"))
    except PoFileError as exc:
        raise InputError([Problem(rel, getattr(exc, "lineno", 1) or 1, "po-syntax", str(exc).split(" on ")[0])]) from None
    except (ValueError, TypeError) as exc:  # Babel raises these for some broken headers
        raise InputError([Problem(rel, 1, "po-syntax", str(exc))]) from None


def read_po_bytes(data: bytes) -> Catalog:
    return _with_previous_ids(read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8"))


def _with_previous_ids(catalog: Catalog) -> Catalog:
    """Babel's reader keeps a fuzzy entry's `#| msgid "old text"` lines as translator comments
    ("| msgid ..."); they are the source text the translation was made from, shown by editors as a
    diff, so they go back to `previous_id`."""
    for message in [*catalog, *catalog.obsolete.values()]:
        previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        ids: dict[str, str] = {}
        keyword = ""
        for line in previous:
            string = line
            if not line.startswith('"'):
                keyword, _, string = line.partition(" ")
            ids[keyword] = ids.get(keyword, "") + denormalize(string)
        message.previous_id = [ids[k] for k in ("msgid", "msgid_plural") if k in ids]
    return catalog


def _normal(lines) -> str:
    """Comment lines as one text: a long comment wrapped over several lines reads the same."""
    return " ".join(" ".join(lines).split())


def catalog_content(catalog: Catalog) -> tuple:
    """What a catalog says, leaving out how its file is laid out: the language and plural forms,
    and each entry's context, source, translation, flags and comments (the order of entries, the
    wrapping of lines and other tools' header fields are left out)."""
    def entry(message: Message) -> tuple:
        string = message.string
        forms = tuple(f or "" for f in string) if isinstance(string, (tuple, list)) else (string or "",)
        return (message.context or "", str(message.id), forms, tuple(sorted(message.flags)),
                _normal(message.auto_comments), _normal(message.user_comments))
    return (
        catalog.locale_identifier, catalog.plural_forms if catalog.locale else None, catalog.fuzzy,
        tuple(sorted(entry(m) for m in catalog if m.id)),
        tuple(sorted(entry(m) for m in catalog.obsolete.values())),
    )


def render_catalog(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    for message in catalog:  # the old source text matters only while the translation is outdated
        if "fuzzy" not in message.flags:
            message.previous_id = []
    write_po(buffer, catalog, width=76, include_previous=True, include_lineno=False)
    return b"".join(line for line in buffer.getvalue().splitlines(keepends=True) if not line.startswith(_GENERATED_BY))


def _stable(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_VOLATILE_HEADERS)]


def write_catalog(path: Path, catalog: Catalog, *, dry_run: bool = False) -> bool:
    """Write canonically; leave the file alone when only volatile header dates would change.
    Returns whether the file changed (or, with dry_run, would change)."""
    data = render_catalog(catalog)
    if path.exists() and _stable(path.read_bytes()) == _stable(data):
        return False
    if dry_run:
        return True
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update_catalog(catalog: Catalog | None, template: Catalog, language: str) -> Catalog:
    """Babel's update: changed entries become fuzzy, new ones empty, removed ones obsolete.
    The catalog's plural forms follow the locale's CLDR data (entries whose number of forms
    changes become fuzzy)."""
    if catalog is None:
        catalog = _new_catalog(template.domain, language,
                               f"# {name_in(language, 'en')} translation of {template.domain}.")
    else:
        catalog.mime_headers = [("Plural-Forms", get_plural(catalog.locale).plural_forms)]
    # Babel's update puts the template's own message objects into the catalog, so catalogs updated
    # from one template would share them: each catalog gets a copy of its own.
    previous_ids = {(m.id, m.context): m.previous_id for m in catalog if m.previous_id}  # Babel's update drops them
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_creation_date=False)
    for message in catalog:
        if "fuzzy" in message.flags and (message.id, message.context) in previous_ids:
            message.previous_id = previous_ids[(message.id, message.context)]
    # Babel's own fuzzy matching compares msgids across all contexts and can hand a translation to
    # the wrong unit; a context that names one unit (a tip's paragraph, a topic's name) matches a
    # changed text to its old translation. A context several site strings share ('search') names
    # none of them, so their changed texts start empty.
    unique = {context for context, count in Counter(m.context for m in template if m.id).items() if count == 1}
    old_contexts = Counter(m.context for m in catalog.obsolete.values())
    obsolete_by_context = {m.context: key for key, m in catalog.obsolete.items()
                           if m.context in unique and old_contexts[m.context] == 1 and has_translation(m)}
    for message in catalog:
        if message.id and not has_translation(message) and message.context in obsolete_by_context:
            old = catalog.obsolete.pop(obsolete_by_context.pop(message.context))
            message.string = old.string
            message.user_comments = old.user_comments
            if not message.context.endswith(READER_TERMS_SUFFIX):
                message.flags.add("fuzzy")
                message.previous_id = [old.id] if isinstance(old.id, str) else list(old.id)
            # Reader terms are each language's own words for what the tip answers, not a translation
            # of the source's: new source terms leave them as they are.
    return catalog


def add_pivot_comments(catalog: Catalog, english: Catalog | None) -> None:
    """Show translators the English text of each entry, so nobody needs the original language."""
    for message in catalog:
        if not message.id:
            continue
        comments = [c for c in message.auto_comments if not c.startswith(PIVOT_PREFIX)]
        pivot = english.get(message.id, message.context) if english is not None else None
        if pivot is not None and pivot.string and "fuzzy" not in pivot.flags:
            comments.append(PIVOT_PREFIX + pivot.string)
        message.auto_comments = comments


def has_translation(message: Message) -> bool:
    """Whether every form of an entry is filled (a plural entry holds a tuple of forms)."""
    forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return all(forms)


def translated(message: Message | None) -> bool:
    return bool(message and has_translation(message) and "fuzzy" not in message.flags)


def catalog_stats(catalog) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) entries of a catalog."""
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if has_translation(m) and "fuzzy" in m.flags)
    translated = sum(1 for m in messages if has_translation(m) and "fuzzy" not in m.flags)
    return translated, fuzzy, len(messages) - translated - fuzzy
