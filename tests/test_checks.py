"""Catalog checks: a table of good and bad translations, each bad one with its rule; bad catalogs
stop the build and leave the last good site; the command line never prints a traceback."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from etiquette_kb import l10n
from etiquette_kb.catalogs import read_catalog, write_catalog

from conftest import build_project, run_script

KALM_ID = Path("locales/id/LC_MESSAGES/kalm.po")
SITE_ID = Path("locales/id/LC_MESSAGES/site.po")
LINK_ENTRY = "breathe.body.2.2"  # source: "Utána hívd fel őket, lásd [itt](#listen)."
EMPHASIS_ENTRY = "basics.body.1"  # source: "Bevezető *bekezdés*."
TERMS_ENTRY = "breathe.terms"  # source: three reader terms, one per line


@pytest.fixture
def project(tiny_project: Path) -> Path:
    l10n.update(tiny_project)
    return tiny_project


def _set(project: Path, rel: Path, context: str, translation, *, fuzzy: bool = False) -> None:
    catalog = read_catalog(project / rel, project)
    message = next(m for m in catalog if m.context == context)
    message.string = translation
    if fuzzy:
        message.flags.add("fuzzy")
    write_catalog(project / rel, catalog)


def _problems(project: Path, rel: Path = KALM_ID) -> list[str]:
    return [f"{p.rule}:{p.severity}" for p in l10n.check(project, [project / rel])]


GOOD = [
    pytest.param(LINK_ENTRY, "Lalu telepon mereka, lihat [di sini](#listen).", id="same-link"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf *pembuka*.", id="same-emphasis"),
    pytest.param(LINK_ENTRY, "Lalu telepon mereka — lihat [di sini](#listen) — dengan tenang.", id="punctuation"),
    pytest.param(TERMS_ENTRY, "bagaimana agar tetap tenang?\ngugup\npanik saat menelepon\ntarik napas", id="terms-own-number"),
]

BAD = [
    pytest.param(LINK_ENTRY, "Lalu telepon mereka, lihat [di sini](#breathe).", "markdown-links", id="other-link-target"),
    pytest.param(LINK_ENTRY, "Lalu telepon mereka, lihat di sini.", "markdown-links", id="dropped-link"),
    pytest.param(LINK_ENTRY, "Lihat [di sini](#listen) dan [di sana](#listen).", "markdown-links", id="extra-link"),
    pytest.param(LINK_ENTRY, "Lihat [di sini](https://example.com/).", "link-scheme", id="other-host"),
    pytest.param(LINK_ENTRY, "Lihat [di sini](javascript:alert(1)).", "link-scheme", id="javascript-link"),
    pytest.param(LINK_ENTRY, "Lihat [di sini](data:text/html,x).", "link-scheme", id="data-link"),
    pytest.param(LINK_ENTRY, "Lihat ![gambar](#listen).", "markdown-image", id="image"),
    pytest.param(LINK_ENTRY, "Lihat <script>alert(1)</script> [di sini](#listen).", "html", id="script-tag"),
    pytest.param(LINK_ENTRY, 'Lihat <img src=x onerror="alert(1)"> [di sini](#listen).', "html", id="event-handler"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf pembuka.", "markdown-emphasis", id="dropped-emphasis"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf *pembuka.", "markdown-emphasis", id="unbalanced-emphasis"),
    pytest.param(EMPHASIS_ENTRY, '<iframe src="https://evil.example/"></iframe> Paragraf *pembuka*.', "html", id="html-starting-the-block"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf *pembuka*. { #evil .x }", "attribute-list", id="attribute-list"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf *pembuka*.\n--8<-- \"/etc/passwd\"", "snippet-include", id="snippet-include"),
    pytest.param(EMPHASIS_ENTRY, "---\ntitle: x\n---\nParagraf *pembuka*.", "front-matter", id="front-matter"),
    pytest.param(EMPHASIS_ENTRY, "## Paragraf *pembuka*.", "heading", id="heading"),
    pytest.param(EMPHASIS_ENTRY, "- Paragraf *pembuka*.", "markdown-list", id="new-list"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf\u202e *pembuka*.", "hidden-character", id="bidi-override"),
    pytest.param(EMPHASIS_ENTRY, "Para\u200bgraf *pembuka*.", "hidden-character", id="zero-width-space"),
    pytest.param(EMPHASIS_ENTRY, "Paragraf *pembuka*. " + "Sangat panjang sekali. " * 20, "length", id="far-too-long"),
    pytest.param(TERMS_ENTRY, "gugup\npanik", "reader-terms", id="too-few-terms"),
    pytest.param(TERMS_ENTRY, "gugup\npanik\nGugup", "reader-terms", id="term-twice"),
    pytest.param(TERMS_ENTRY, "gugup\n*panik*\ntenang", "reader-terms", id="term-with-markup"),
    pytest.param(TERMS_ENTRY, "a\nb\nc\nd\ne\nf\ng", "reader-terms", id="too-many-terms"),
]


@pytest.mark.parametrize("context, translation", GOOD)
def test_good_translation_passes(project: Path, context, translation):
    _set(project, KALM_ID, context, translation)
    assert _problems(project) == []


@pytest.mark.parametrize("context, translation, rule", BAD)
def test_bad_translation_is_rejected_with_its_rule(project: Path, context, translation, rule):
    _set(project, KALM_ID, context, translation)
    assert f"{rule}:error" in _problems(project)


def test_identical_translation_is_only_a_warning(project: Path):
    _set(project, KALM_ID, "breathe.title", "Lélegezz")
    assert _problems(project) == ["identical:warning"]


@pytest.mark.parametrize("translation, expected", [
    ("Langkah %(num)s", []),
    ("Langkah", ["placeholders:error"]),
    ("Langkah %(count)s", ["placeholders:error"]),
], ids=["kept", "dropped", "renamed"])
def test_site_placeholders_are_kept(project: Path, translation, expected):
    catalog = read_catalog(project / SITE_ID, project)
    message = next(m for m in catalog if m.id == "Original language: %(language)s")
    message.string = translation.replace("num", "language") if expected == [] else translation
    write_catalog(project / SITE_ID, catalog)
    assert _problems(project, SITE_ID) == expected


@pytest.mark.parametrize("header_edit, rule", [
    (('"Language: id\\n"', '"Language: ru\\n"'), "header-language"),
    ((f'"Plural-Forms: {get_plural("id").plural_forms}\\n"', '"Plural-Forms: nplurals=3; plural=(n%3);\\n"'), "plural-forms"),
    (("", ""), None),
], ids=["language", "plural-forms", "as-created"])
def test_header_rules(project: Path, header_edit, rule):
    path = project / KALM_ID
    text = path.read_text(encoding="utf-8")
    old, new = header_edit
    assert old in text or rule is None
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _problems(project) == ([f"{rule}:error"] if rule else [])


def test_fuzzy_header_is_rejected(project: Path):
    path = project / KALM_ID
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid ""\nmsgstr ""\n', '#, fuzzy\nmsgid ""\nmsgstr ""\n', 1), encoding="utf-8")
    assert "header-fuzzy:error" in _problems(project)


@pytest.mark.parametrize("edit, rule", [
    (lambda t: t + '\nmsgctxt "breathe.invented"\nmsgid "Új"\nmsgstr "Baru"\n', "unknown-entry"),
    (lambda t: t.replace('msgid "Lélegezz"', 'msgid "Lélegezz mélyen"', 1), "edited-source"),
    (lambda t: t + '\nmsgctxt "breathe.title"\nmsgid "Lélegezz"\nmsgstr "Bernapas"\n', "duplicate-entry"),
    (lambda t: t.replace('msgctxt "breathe.title"\nmsgid "Lélegezz"\nmsgstr ""\n', "", 1), "missing-entry"),
    (lambda t: t.replace('msgid "Lélegezz"', 'msgid "Lélegezz"\nnot a catalog line', 1), "po-syntax"),
], ids=["added", "edited", "duplicated", "dropped", "syntax"])
def test_entries_must_match_the_template(project: Path, edit, rule):
    path = project / KALM_ID
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert f"{rule}:error" in _problems(project)


def test_a_catalog_that_is_not_utf8_is_rejected(project: Path):
    path = project / KALM_ID
    path.write_bytes(path.read_bytes().replace("Lélegezz".encode(), "Lélegezz".encode("latin-1")))
    assert _problems(project) == ["encoding:error"]


def test_glossary_terms_are_used_consistently(project: Path):
    (project / "locales/id/glossary.yml").write_text("terms:\n  calm: tenang\n", encoding="utf-8")
    catalog = read_catalog(project / SITE_ID, project)
    message = next(m for m in catalog if m.context == "topic.calm.name")
    message.string = "Santai"
    write_catalog(project / SITE_ID, catalog)
    assert _problems(project, SITE_ID) == ["glossary:warning"]
    message.string = "Tetap tenang"
    write_catalog(project / SITE_ID, catalog)
    assert _problems(project, SITE_ID) == []


def test_check_command_prints_file_line_rule_and_exits_1(project: Path):
    _set(project, KALM_ID, LINK_ENTRY, "Lihat [di sini](javascript:alert(1)).")
    result = run_script("l10n.py", "--root", str(project), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(re.match(rf"^{re.escape(KALM_ID.as_posix())}:\d+: link-scheme: ", line) for line in lines), lines
    assert re.fullmatch(r"[1-9]\d* error\(s\), 0 warning\(s\)", lines[-1]), lines[-1]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_refuses_a_bad_catalog_and_keeps_the_last_good_site(project: Path, tiny_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(tiny_site, site)  # the last good site
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _set(project, KALM_ID, LINK_ENTRY, 'Lihat <a href="https://evil.example/">di sini</a>.')
    failed = build_project(project, site)
    assert failed.returncode == 1
    assert f"{KALM_ID.as_posix()}:" in failed.stderr and ": html: " in failed.stderr
    assert "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
