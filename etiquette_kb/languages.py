"""Site languages: English is the default and the source of the site's own strings; every other
language is a folder under locales/ (so `l10n.py add-language` registers one by creating it).

A language is named by its BCP 47 tag in folders, URLs and `<html lang>` (`pt-BR`, `zh-Hant`,
`es-419`, `fil`); gettext headers use the POSIX form Babel reads (`pt_BR`). Both forms are accepted
from contributors.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

from .problems import InputError, Problem

SOURCE_LANGUAGE = "en"
LOCALES_DIR = "locales"
TEMPLATES_DIR = f"{LOCALES_DIR}/templates"
# language, then optional script, region (letters or UN M.49 digits) and variants, by - or _
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?((?:[-_][A-Za-z0-9]{5,8})*)$")


LANGUAGE_FILE = "language.yml"
LAUNCH_NOTE = """\
# Whether this language is published: listed in the language menu, the sitemaps and the hreflang
# links of every page, and held to the whole test suite (complete catalogs, search queries).
# Until then its pages are built for review at /<tag>/, marked noindex and left out of the menu.
# Launch criteria (CONTRIBUTING.md, "Add a language"): site.po and every guide catalog 100%
# translated and reviewed, a style.md, search queries in tests/search_queries.yml and
# tests/search_heldout.yml, and a CODEOWNERS line.
"""


def site_languages(root: Path) -> tuple[str, ...]:
    others = sorted(
        p.name for p in (root / LOCALES_DIR).iterdir()
        if p.is_dir() and p.name not in ("templates", SOURCE_LANGUAGE) and (p / "LC_MESSAGES").is_dir()
    ) if (root / LOCALES_DIR).is_dir() else []
    return (SOURCE_LANGUAGE, *others)


def published_languages(root: Path) -> tuple[str, ...]:
    """The site languages that meet the launch criteria: English, and every language whose
    locales/<tag>/language.yml says `published: true`."""
    def published(tag: str) -> bool:
        path = root / LOCALES_DIR / tag / LANGUAGE_FILE
        if not path.exists():
            return False
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            raise InputError([Problem(path.relative_to(root).as_posix(), 1, "language-file", "not valid YAML")]) from None
        if not isinstance(data, dict) or not isinstance(data.get("published"), bool):
            raise InputError([Problem(path.relative_to(root).as_posix(), 1, "language-file",
                                      "expected `published: true` or `published: false`")])
        return data["published"]
    return tuple(tag for tag in site_languages(root) if tag == SOURCE_LANGUAGE or published(tag))


def language_tag(code: str) -> str:
    """The BCP 47 tag of a language code in either form ('pt_BR' -> 'pt-BR', 'zh_hant_tw' ->
    'zh-Hant-TW'), or ValueError with a message fit for a contributor."""
    match = _TAG.match(code.strip())
    if not match:
        raise ValueError(f"'{code}' is not a language code such as 'es', 'pt-BR', 'zh-Hant' or 'es-419'")
    language, script, region, variants = match.groups()
    variant_list = re.split(r"[-_]", variants)[1:] if variants else []
    parts = [language.lower(), script.title() if script else None, region.upper() if region else None,
             *(v.lower() for v in variant_list)]
    tag = "-".join(p for p in parts if p)
    parse_language(tag)  # Babel must know it
    return tag


@cache
def parse_language(code: str) -> Locale:
    """The Babel locale of a language code (BCP 47 or POSIX), or ValueError for a contributor."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError) as exc:
        raise ValueError(f"'{code}' is not a language code Babel knows ({exc})") from None


def format_locale(code: str) -> str:
    """The CLDR locale whose date and number formats a language's pages use: the site's English is
    British (locales/en/style.md), every other language's its own."""
    return "en_GB" if code == SOURCE_LANGUAGE else posix_locale(code)


def posix_locale(code: str) -> str:
    """The form gettext headers and Babel use: 'pt-BR' -> 'pt_BR'."""
    return code.replace("-", "_")


def direction(code: str) -> str:
    """'rtl' or 'ltr', from CLDR."""
    return "rtl" if parse_language(code).character_order == "right-to-left" else "ltr"


# ISO 15924 scripts written without spaces between words or sentences.
_UNSPACED_SCRIPTS = frozenset({"Hans", "Hant", "Hani", "Jpan", "Thai", "Laoo", "Khmr", "Mymr"})


def sentence_space(code: str) -> str:
    """What separates two sentences, or a sentence and a link after it: a space, or nothing in a
    script written without spaces (the language's likely script, from CLDR)."""
    locale = parse_language(code)
    likely = get_global("likely_subtags")
    script = locale.script or parse_locale(likely.get(str(locale)) or likely.get(locale.language, "und"))[2]
    return "" if script in _UNSPACED_SCRIPTS else " "


def own_name(code: str) -> str:
    """The language's name in itself, from CLDR, capitalised as a label: 'Magyar', 'Русский'."""
    name = parse_language(code).get_display_name(posix_locale(code)) or code
    return name[:1].upper() + name[1:]


def name_in(code: str, reader_language: str) -> str:
    """The language's name in the reader's language, from CLDR."""
    return parse_language(code).get_display_name(posix_locale(reader_language)) or code
