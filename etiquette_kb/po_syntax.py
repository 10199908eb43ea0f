"""The syntax of a gettext catalog, checked line by line as strictly as GNU msgfmt checks it.

Babel's reader is lenient: it accepts a string without its closing quote, a keyword followed by
bare text, or an unescaped quote inside a string, and quietly reads something else than what the
translator wrote. This checker runs first and names the line of each such mistake.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A C string as gettext writes it: escapes are \n \t \" \\ and the other C escapes, octal or hex.
_STRING = r'"(?:[^"\\\n]|\\(?:[abfnrtv\\"\'?]|[0-7]{1,3}|x[0-9A-Fa-f]+))*"'
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])[ \t]+({_STRING})[ \t]*$")
_STRING_LINE = re.compile(rf"^[ \t]*{_STRING}[ \t]*$")
_COMMENT_KINDS = ("#.", "#:", "#,", "#|", "# ", "#~")

# What may come next in an entry, by what came last (None: the entry has not started).
_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": set(),
    "msgstr[]": {"msgstr[]"},
}


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    message: str


def check_po_syntax(text: str) -> Iterator[SyntaxProblem]:
    """Every line that GNU gettext would refuse, with a message fit for a translator."""
    last: str | None = None  # the field the current entry ended with (None: between entries)
    plural_index = -1
    obsolete = False  # inside a `#~` entry
    number = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if line.startswith("#~"):
            body = line[2:]
            if body.startswith("|") or not body.strip():
                continue  # a previous msgid of an obsolete entry
            if not obsolete:
                last, plural_index = _end_entry(last, number, plural_index, problems := [])
                yield from problems
            obsolete, line = True, body.lstrip()
        elif line.startswith("#"):
            if line != "#" and not line.startswith(_COMMENT_KINDS):
                yield SyntaxProblem(number, f"a comment must start with '# ', '#.', '#:', '#,' or '#|': {_short(line)}")
            if last in _COMPLETE:
                last, plural_index = None, -1  # comments belong to the next entry
            continue
        elif not line.strip():
            last, plural_index = _end_entry(last, number, plural_index, problems := [])
            yield from problems
            obsolete = False
            continue
        elif obsolete:
            last, plural_index = _end_entry(last, number, plural_index, problems := [])
            yield from problems
            obsolete = False
        if line.lstrip().startswith('"'):
            if not _STRING_LINE.match(line):
                yield SyntaxProblem(number, _string_problem(line.strip()))
            elif last is None:
                yield SyntaxProblem(number, "a continuation string with no msgid or msgstr before it")
            continue
        word = line.split(None, 1)[0]
        keyword = word.split("[")[0]
        if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            yield SyntaxProblem(number, f"not a catalog line (a keyword, a \"string\" or a # comment): {_short(line)}")
            continue
        match = _KEYWORD_LINE.match(line)
        if not match:
            rest = line[len(word):].strip()
            if word.startswith("msgstr[") and not re.fullmatch(r"msgstr\[\d+\]", word):
                yield SyntaxProblem(number, f"a plural msgstr needs its index in brackets: {_short(line)}")
            elif not rest.startswith('"'):
                yield SyntaxProblem(number, f"{word} must be followed by a string in double quotes: {_short(line)}")
            else:
                yield SyntaxProblem(number, _string_problem(rest))
            last = "msgstr[]" if word.startswith("msgstr[") else keyword  # read on as if it were right
            continue
        field = "msgstr[]" if match.group(2) is not None else match.group(1)
        if last in _COMPLETE and field in ("msgctxt", "msgid"):
            last, plural_index = None, -1  # the next entry, with no empty line before it
        if field not in _NEXT[last]:
            expected = " or ".join(sorted(k.replace("[]", "[0]") for k in _NEXT[last])) or "a new entry"
            yield SyntaxProblem(number, f"{match.group(1)} cannot come here; expected {expected}")
        elif field == "msgstr[]":
            index = int(match.group(2))
            if index != plural_index + 1:
                after = f"follows msgstr[{plural_index}]" if plural_index >= 0 else "comes first"
                yield SyntaxProblem(number, f"msgstr[{index}] {after}: plural forms are numbered 0, 1, 2… in order")
            plural_index = index
        last = field
    _, _ = _end_entry(last, number, plural_index, problems := [])
    yield from problems


_COMPLETE = {"msgstr", "msgstr[]"}


def _end_entry(last: str | None, number: int, plural_index: int, problems: list[SyntaxProblem]):
    """Close the current entry; an entry without its msgstr is a problem (on the line that ends it)."""
    if last is not None and last not in _COMPLETE:
        problems.append(SyntaxProblem(number, f"the entry ends after its {last} without a msgstr"))
    return None, -1


def _string_problem(text: str) -> str:
    if not text.startswith('"'):
        return f"a string must start with a double quote: {_short(text)}"
    body = text[1:]
    escaped = False
    for position, char in enumerate(body):
        if escaped:
            if char not in 'abfnrtv\\"\'?x01234567':
                return f"'\\{char}' is not an escape sequence gettext knows: {_short(text)}"
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            if body[position + 1:].strip():
                return f"a double quote inside a string must be written \\\": {_short(text)}"
            return f"not a valid string: {_short(text)}"
    return f"the string has no closing double quote: {_short(text)}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
