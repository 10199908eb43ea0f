"""Catalog syntax: every mistake GNU msgfmt refuses is refused here too, naming its line."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from etiquette_kb.catalogs import read_catalog
from etiquette_kb.po_syntax import check_po_syntax
from etiquette_kb.problems import InputError

from conftest import ROOT

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t 1\\n"\n"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: de\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
FIRST = HEADER.count("\n") + 1  # the line the entry under test starts on

# (entry, line of the problem relative to the entry's first line, what the message says)
BAD = [
    pytest.param('msgctxt "a"\nmsgid "x"\nmsgstr "Kennen Sie die drei Support-Ebene\n', 2, "no closing double quote",
                 id="missing-closing-quote"),
    pytest.param('msgctxt "a"\nmsgid "x"\nmsgstr Kennen Sie die drei Support-Ebenen"\n', 2, "followed by a string",
                 id="missing-opening-quote"),
    pytest.param('msgctxt "a"\nmsgid "x"\nmsgstr "Start "seite"\n', 2, 'must be written \\"', id="unescaped-quote"),
    pytest.param('msgctxt "a"\nmsgid "x"\nmsgstr ""\n"Start "seite"\n', 3, 'must be written \\"',
                 id="unescaped-quote-in-continuation"),
    pytest.param('msgid "x"\nmsgstr "a\\qb"\n', 1, "not an escape sequence", id="unknown-escape"),
    pytest.param('msgid "x"\nmsgid_plural "xs"\nmsgstr[1] "a"\nmsgstr[0] "b"\n', 2, "comes first", id="plural-order"),
    pytest.param('msgctxt "a"\nmsgid "x"\n\nmsgid "y"\nmsgstr "z"\n', 2, "without a msgstr", id="missing-msgstr"),
    pytest.param('msgid "x"\nmsgstr "y"\nmsgtxt "z"\n', 2, "not a catalog line", id="misspelt-keyword"),
    pytest.param('msgid "x"\nmsgstr "y"\nmsgstr "z"\n', 2, "cannot come here", id="second-msgstr"),
]
# Refused here although msgfmt reads on (it joins the string to the header above the empty line).
STRICTER = [
    pytest.param('"orphan"\nmsgid "x"\nmsgstr "y"\n', 0, "no msgid or msgstr before it", id="orphan-string"),
]
GOOD = [
    pytest.param('msgctxt "a"\nmsgid "x"\nmsgstr "Kennen Sie \\"die\\" Ebenen?\\n\\t…"\n', id="escapes"),
    pytest.param('msgid "x"\nmsgstr "y"\n#: here\nmsgid "z"\nmsgstr "w"\n', id="no-empty-line-between-entries"),
    pytest.param('msgid "x"\nmsgid_plural "xs"\nmsgstr[0] "a"\nmsgstr[1] "b"\n', id="plural"),
    pytest.param('#. comment\n#, fuzzy\n#| msgid "old"\nmsgid "x"\nmsgstr ""\n"long "\n"text"\n', id="comments-and-wrapping"),
    pytest.param('msgid "x"\nmsgstr "y"\n\n#~ msgctxt "c"\n#~ msgid "old"\n#~ msgstr ""\n#~ "régi"\n', id="obsolete"),
]


def _msgfmt(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed to compare with: apt-get install gettext"
    path = tmp_path / "t.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("entry, line, message", BAD + STRICTER)
def test_a_malformed_catalog_is_refused_on_its_line(entry, line, message):
    problems = list(check_po_syntax(HEADER + entry))
    assert [(p.line, message in p.message) for p in problems][:1] == [(FIRST + line, True)], problems


@pytest.mark.parametrize("entry", GOOD)
def test_a_well_formed_catalog_passes(entry):
    assert list(check_po_syntax(HEADER + entry)) == []


@pytest.mark.parametrize("entry, line, message", BAD)
def test_gettext_refuses_the_same_catalogs(tmp_path, entry, line, message):
    """The table above is what msgfmt refuses: this checker is at least as strict on it."""
    assert _msgfmt(tmp_path, HEADER + entry).returncode != 0


@pytest.mark.parametrize("entry", GOOD)
def test_gettext_accepts_the_same_good_catalogs(tmp_path, entry):
    result = _msgfmt(tmp_path, HEADER + entry)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def test_every_committed_catalog_passes_msgfmt(tmp_path):
    for path in sorted((ROOT / "locales").rglob("*.po")):
        result = _msgfmt(tmp_path, path.read_text(encoding="utf-8"))
        assert result.returncode == 0, f"{path.relative_to(ROOT)}: {result.stderr}"


def test_reading_a_malformed_catalog_names_file_line_and_rule(tmp_path):
    path = tmp_path / "de.po"
    path.write_text(HEADER + BAD[0].values[0], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_catalog(path, tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"de.po:{FIRST + 2}: po-syntax: the string has no closing double quote: \"Kennen Sie die drei Support-Ebene"]


def test_a_byte_order_mark_is_skipped(tmp_path):
    path = tmp_path / "de.po"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'msgid "x"\nmsgstr "y"\n').encode("utf-8"))
    assert read_catalog(path, tmp_path).get("x").string == "y"
