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
from etiquette_kb.checks import LanguageRules, StyleRule, check_entry, check_identical, load_style
from etiquette_kb.problems import InputError

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


# The source texts of the tiny fixture's entries, for the rules called directly.
SOURCES = {
    LINK_ENTRY: "Utána hívd fel őket, lásd [itt](#listen).",
    EMPHASIS_ENTRY: "Bevezető *bekezdés*.",
    TERMS_ENTRY: "mit tegyek, ha ideges vagyok?\nidegesség\nmegnyugodni",
}


def _rules(context: str, translation: str, language: str = "id", style=()) -> list[str]:
    findings = check_entry(context, SOURCES[context], translation, LanguageRules(language, {}, tuple(style)))
    return [f"{f.rule}:{f.severity}" for f in findings]


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
def test_good_translation_passes(context, translation):
    assert _rules(context, translation) == []


@pytest.mark.parametrize("context, translation, rule", BAD)
def test_bad_translation_is_rejected_with_its_rule(context, translation, rule):
    assert f"{rule}:error" in _rules(context, translation)


# Invisible characters: joiners where the script uses them, direction marks in right-to-left text;
# never bidi embeddings, overrides or isolates, which can reorder what a reader sees.
INVISIBLE = [
    pytest.param("fa", "می\u200cخواهم *بدانم*.", [], id="zwnj-in-persian"),
    pytest.param("hi", "क्\u200dष *बोलो*.", [], id="zwj-in-hindi"),
    pytest.param("ar", "اتصل \u200fبـ *الدعم*.", [], id="rlm-in-arabic"),
    pytest.param("ar", "اتصل \u061cبـ *الدعم*.", [], id="alm-in-arabic"),
    pytest.param("he", "התקשר \u200eCtrl+V *עכשיו*.", [], id="lrm-in-hebrew"),
    pytest.param("id", "Para\u200cgraf *pembuka*.", ["hidden-character:error"], id="zwnj-in-indonesian"),
    pytest.param("ru", "Абзац\u200f *вводный*.", ["hidden-character:error"], id="rlm-in-russian"),
    pytest.param("ar", "اتصل \u202eبـ *الدعم*.", ["hidden-character:error"], id="override-in-arabic"),
    pytest.param("ar", "اتصل \u2067بـ *الدعم*\u2069.", ["hidden-character:error"], id="isolate-in-arabic"),
    pytest.param("fa", "می\u200bخواهم *بدانم*.", ["hidden-character:error"], id="zero-width-space-in-persian"),
]


@pytest.mark.parametrize("language, translation, expected", INVISIBLE)
def test_invisible_characters_by_language(language, translation, expected):
    assert [r for r in _rules(EMPHASIS_ENTRY, translation, language) if r.startswith("hidden")] == expected


STYLE = [StyleRule("style-quotes", re.compile('"'), "use „…”"),
         StyleRule("style-comma", re.compile(r"\bahelyett hogy\b"), "write “ahelyett, hogy”"),
         StyleRule("style-spelling", re.compile(r"(?<!\w)Hungaria(?!\w)"), "write 'Hongaria'")]


@pytest.mark.parametrize("translation, expected", [
    pytest.param("Bevezető „*bekezdés*”.", [], id="right-quotes"),
    pytest.param('Bevezető "*bekezdés*".', ["style-quotes:error"], id="straight-quotes"),
    pytest.param("Kérdezz *pontosan*, ahelyett, hogy mesélnél.", [], id="comma-there"),
    pytest.param("Kérdezz *pontosan* ahelyett hogy mesélnél.", ["style-comma:error"], id="comma-missing"),
    pytest.param("Dari *Hungaria*.", ["style-spelling:error"], id="spelling"),
    pytest.param("Dari *Hungariana*.", [], id="spelling-whole-words-only"),
])
def test_house_style_rules(translation, expected):
    assert _rules(EMPHASIS_ENTRY, translation, "hu", STYLE) == expected


def test_reader_terms_are_not_held_to_the_house_style():
    """Terms are what readers type, misspellings and loanwords included."""
    assert _rules(TERMS_ENTRY, "Hungaria\nahelyett hogy\n\"idegesség\"", "hu", STYLE) == []


def test_a_fuzzy_entry_is_not_yet_held_to_the_house_style():
    findings = check_entry(EMPHASIS_ENTRY, SOURCES[EMPHASIS_ENTRY], 'Bevezető "*bekezdés*".',
                           LanguageRules("hu", {}, tuple(STYLE)), fuzzy=True)
    assert findings == []


@pytest.mark.parametrize("text, rule", [
    ("forbid:\n  - rule: style-x\n    pattern: '(unclosed'\n    message: m\n", "style-syntax"),
    ("forbid:\n  - rule: style-x\n    pattern: a\n", "style-syntax"),
    ("spelling: [a, b]\n", "style-syntax"),
    ("colour: red\n", "style-syntax"),
    ("forbid: [\n", "style-syntax"),
])
def test_a_broken_style_file_is_named(tmp_path: Path, text, rule):
    (tmp_path / "locales/hu").mkdir(parents=True)
    (tmp_path / "locales/hu/style.yml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_style(tmp_path, "hu")
    assert [p.rule for p in caught.value.problems] == [rule]
    assert all(p.path == "locales/hu/style.yml" for p in caught.value.problems)


def test_a_style_rule_applies_to_catalogs_and_to_the_sources_of_its_language(project: Path):
    (project / "locales/hu/style.yml").write_text("spelling:\n  levegőt: levegőt vegyél\n", encoding="utf-8")
    (project / "locales/id/style.yml").write_text("spelling:\n  Lalu: Kemudian\n", encoding="utf-8")
    _set(project, KALM_ID, LINK_ENTRY, "Lalu telepon mereka, lihat [di sini](#listen).")
    problems = [str(p) for p in l10n.check(project)]
    assert any(p.startswith(f"{KALM_ID.as_posix()}:") and "style-spelling" in p and "Lalu" in p for p in problems), problems
    assert any(p.startswith("sources/guides/kalm.yml:") and "style-spelling" in p and "'breathe.body.1'" in p
               for p in problems), problems


@pytest.mark.parametrize("source, translation, expected", [
    ("Close", "Close", ["identical"]),
    ("%(title)s (%(gloss)s)", "%(title)s (%(gloss)s)", []),  # nothing but placeholders and brackets
    ("%(date)s (%(shown)s)", "%(date)s (%(shown)s)", []),
    ("Page %(n)s", "Page %(n)s", ["identical"]),
])
def test_identical_rule_spares_patterns_without_words(source: str, translation: str, expected: list[str]):
    assert [f.rule for f in check_identical(source, translation)] == expected


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
    message = next(m for m in catalog if m.id == "Read the guide in %(original)s")
    message.string = translation.replace("num", "original") if expected == [] else translation
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


def test_check_command_annotates_the_lines_on_github(project: Path):
    _set(project, KALM_ID, LINK_ENTRY, "Lihat [di sini](javascript:alert(1)).")
    result = run_script("l10n.py", "--root", str(project), "check", "--format", "github")
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "link-scheme" in line)
    assert re.fullmatch(r"::error file=locales/id/LC_MESSAGES/kalm\.po,line=\d+,title=link-scheme::'breathe\.body\.2\.2' .+", line)


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


def test_an_entry_whose_context_is_shared_is_named_by_its_source_text_too(project: Path):
    catalog = read_catalog(project / SITE_ID, project)
    catalog.get('No tips match "%(query)s".', "search").string = "Tidak ada kiat."
    write_catalog(project / SITE_ID, catalog)
    problems = [str(p) for p in l10n.check(project, [project / SITE_ID]) if p.rule == "placeholders"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{SITE_ID.as_posix()}:")
    assert "'search' \"No tips match \\\"%(query)s\\\".\" placeholders" in problems[0]
