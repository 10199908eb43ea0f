"""Site languages: English is the default and the source of the site's own strings; every other
language is a folder under locales/ (so `l10n.py add-language` registers one by creating it)."""
from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError

SOURCE_LANGUAGE = "en"
LOCALES_DIR = "locales"
TEMPLATES_DIR = f"{LOCALES_DIR}/templates"


def site_languages(root: Path) -> tuple[str, ...]:
    others = sorted(
        p.name for p in (root / LOCALES_DIR).iterdir()
        if p.is_dir() and p.name not in ("templates", SOURCE_LANGUAGE) and (p / "LC_MESSAGES").is_dir()
    ) if (root / LOCALES_DIR).is_dir() else []
    return (SOURCE_LANGUAGE, *others)


def parse_language(code: str) -> Locale:
    """The Babel locale of a language code, or ValueError with a message fit for a contributor."""
    try:
        return Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError) as exc:
        raise ValueError(f"'{code}' is not a language code Babel knows ({exc})") from None


def own_name(code: str) -> str:
    """The language's name in itself, from CLDR, capitalised as a label: 'Magyar', 'Русский'."""
    name = parse_language(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def name_in(code: str, reader_language: str) -> str:
    """The language's name in the reader's language, from CLDR."""
    return parse_language(code).get_display_name(reader_language) or code
