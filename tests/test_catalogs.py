"""Extraction, Babel's update round trip, and canonical catalog writing."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from etiquette_kb import l10n
from etiquette_kb.catalogs import PIVOT_PREFIX, read_catalog, render_catalog, write_catalog

from conftest import ROOT

KALM_ID = Path("locales/id/LC_MESSAGES/kalm.po")


def _entries(project: Path, rel: Path) -> dict:
    catalog = read_catalog(project / rel, project)
    return {m.context: (m.id, m.string, "fuzzy" in m.flags) for m in catalog if m.id}


def _translate_all(project: Path, rel: Path, prefix: str) -> None:
    catalog = read_catalog(project / rel, project)
    for message in catalog:
        if message.id:
            message.string = f"{prefix} {message.id}"
    write_catalog(project / rel, catalog)


def test_update_creates_templates_and_a_catalog_per_language_and_guide(tiny_project: Path):
    changed = {p.relative_to(tiny_project).as_posix() for p in l10n.update(tiny_project)}
    assert changed == {
        "locales/templates/kalm.pot", "locales/templates/listen-guide.pot", "locales/templates/site.pot",
        "locales/en/LC_MESSAGES/kalm.po", "locales/en/LC_MESSAGES/listen-guide.po",
        "locales/hu/LC_MESSAGES/listen-guide.po", "locales/hu/LC_MESSAGES/site.po",
        "locales/id/LC_MESSAGES/kalm.po", "locales/id/LC_MESSAGES/listen-guide.po", "locales/id/LC_MESSAGES/site.po",
        "locales/ru/LC_MESSAGES/kalm.po", "locales/ru/LC_MESSAGES/site.po",
    }
    contexts = list(_entries(tiny_project, KALM_ID))
    assert contexts == ["kalm.title", "kalm.summary", "kalm.source-title", "kalm.source-note", "basics.title",
                        "basics.body.1", "breathe.title", "breathe.body.1", "breathe.body.2.1", "breathe.body.2.2",
                        "breathe.terms"]
    assert l10n.update(tiny_project) == [], "a second update must change nothing"


def _edit_translated_source(project: Path, old: str, new: str) -> tuple[dict, dict]:
    """The Indonesian entries before and after an edit of the translated guide's source."""
    l10n.update(project)
    _translate_all(project, KALM_ID, "ID")
    before = _entries(project, KALM_ID)
    source = project / "sources/guides/kalm.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    l10n.update(project)
    return before, _entries(project, KALM_ID)


def test_changed_source_marks_exactly_its_translations_fuzzy(tiny_project: Path):
    before, after = _edit_translated_source(tiny_project, "Számolj tízig.", "Számolj húszig.")
    assert after["breathe.body.2.1"] == ("Számolj húszig.", "ID Számolj tízig.", True)
    assert {k: v for k, v in after.items() if k != "breathe.body.2.1"} == \
        {k: v for k, v in before.items() if k != "breathe.body.2.1"}
    assert l10n.update(tiny_project) == [], "updating again keeps the fuzzy entry as it is"


def test_new_source_terms_leave_each_language_its_own_terms(tiny_project: Path):
    """Reader terms are written per language, not translated: changed source terms keep them current."""
    before, after = _edit_translated_source(tiny_project, "- megnyugodni", "- lenyugodni")
    assert after["breathe.terms"] == (before["breathe.terms"][0].replace("megnyugodni", "lenyugodni"),
                                      before["breathe.terms"][1], False)
    assert {k: v for k, v in after.items() if k != "breathe.terms"} == \
        {k: v for k, v in before.items() if k != "breathe.terms"}


def test_an_outdated_entry_shows_the_old_source_text_until_it_is_confirmed(tiny_project: Path):
    """The old source goes in `#| msgid` lines (editors show the change as a diff); they survive
    reading, fmt and update, and go once the translator removes the fuzzy flag."""
    l10n.update(tiny_project)
    _translate_all(tiny_project, KALM_ID, "ID")
    source = tiny_project / "sources/guides/kalm.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Számolj tízig.", "Számolj húszig."), encoding="utf-8")
    l10n.update(tiny_project)
    text = (tiny_project / KALM_ID).read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "Számolj tízig."\nmsgctxt "breathe.body.2.1"\nmsgid "Számolj húszig."' in text
    assert text.count("#|") == 1
    assert l10n.fmt(tiny_project) == [] and l10n.update(tiny_project) == [], "read and written back unchanged"

    catalog = read_catalog(tiny_project / KALM_ID, tiny_project)
    catalog.get("Számolj húszig.", "breathe.body.2.1").flags.discard("fuzzy")
    write_catalog(tiny_project / KALM_ID, catalog)
    assert "#|" not in (tiny_project / KALM_ID).read_text(encoding="utf-8")


def test_removed_source_string_becomes_obsolete(tiny_project: Path):
    l10n.update(tiny_project)
    _translate_all(tiny_project, KALM_ID, "ID")
    before = _entries(tiny_project, KALM_ID)
    source = tiny_project / "sources/guides/kalm.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("          - Számolj tízig.\n", ""), encoding="utf-8")

    l10n.update(tiny_project)
    catalog = read_catalog(tiny_project / KALM_ID, tiny_project)
    after = {m.context: (m.id, m.string, "fuzzy" in m.flags) for m in catalog if m.id}
    # The list lost its first item, so item 2 moved to item 1: the entry at that place keeps the
    # old translation for review (fuzzy), and the entry of the place that is gone is obsolete.
    assert after["breathe.body.2.1"] == (before["breathe.body.2.2"][0], "ID Számolj tízig.", True)
    assert "breathe.body.2.2" not in after
    assert [m.context for m in catalog.obsolete.values()] == ["breathe.body.2.2"]
    untouched = {k for k in before if not k.startswith("breathe.body.2")}
    assert {k: after[k] for k in untouched} == {k: before[k] for k in untouched}


def test_no_obsolete_drops_only_the_obsolete_entries_in_every_language(tiny_project: Path):
    l10n.update(tiny_project)
    catalogs = sorted(tiny_project.glob("locales/*/LC_MESSAGES/*.po"))
    for path in catalogs:
        _translate_all(tiny_project, path.relative_to(tiny_project), path.parts[-3].upper())
    l10n.update(tiny_project)
    guide = tiny_project / "sources/guides/kalm.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("          - Számolj tízig.\n", ""), encoding="utf-8")
    l10n.update(tiny_project)
    with_obsolete = {p: read_catalog(p, tiny_project) for p in catalogs}
    assert any(c.obsolete for c in with_obsolete.values())
    l10n.update(tiny_project, no_obsolete=True)
    for path, before in with_obsolete.items():
        after = read_catalog(path, tiny_project)
        assert not after.obsolete, path
        assert {(m.context, m.id, str(m.string), tuple(sorted(m.flags))) for m in after if m.id} == \
            {(m.context, m.id, str(m.string), tuple(sorted(m.flags))) for m in before if m.id}, path


def test_removed_paragraph_leaves_its_translation_obsolete(tiny_project: Path):
    l10n.update(tiny_project)
    _translate_all(tiny_project, KALM_ID, "ID")
    source = tiny_project / "sources/guides/kalm.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("    body: |\n      Bevezető *bekezdés*.\n", ""), encoding="utf-8")

    l10n.update(tiny_project)
    catalog = read_catalog(tiny_project / KALM_ID, tiny_project)
    assert [(m.context, m.string) for m in catalog.obsolete.values()] == [("basics.body.1", "ID Bevezető *bekezdés*.")]
    assert all(m.string and "fuzzy" not in m.flags for m in catalog if m.id)


def test_translators_see_the_english_text(tiny_project: Path):
    l10n.update(tiny_project)
    _translate_all(tiny_project, Path("locales/en/LC_MESSAGES/kalm.po"), "EN")
    l10n.update(tiny_project)
    catalog = read_catalog(tiny_project / KALM_ID, tiny_project)
    title = next(m for m in catalog if m.context == "breathe.title")
    assert f"{PIVOT_PREFIX}EN Lélegezz" in title.auto_comments
    english = read_catalog(tiny_project / "locales/en/LC_MESSAGES/kalm.po", tiny_project)
    assert not any(c.startswith(PIVOT_PREFIX) for m in english for c in m.auto_comments)


COMMITTED_CATALOGS = sorted((ROOT / "locales").rglob("*.po*"))


@pytest.mark.parametrize("path", COMMITTED_CATALOGS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_committed_catalogs_are_canonical(path: Path):
    assert render_catalog(read_catalog(path, ROOT)) == path.read_bytes()


def test_committed_templates_and_catalogs_are_up_to_date(tmp_path: Path):
    """What CI's drift check asserts: `l10n.py update` would change no committed file."""
    import shutil

    project = tmp_path / "project"
    for name in ("sources", "locales"):
        shutil.copytree(ROOT / name, project / name)
    assert [p.relative_to(project).as_posix() for p in l10n.update(project)] == []


def _entry_blocks(path: Path) -> dict[str, str]:
    """Each entry of a catalog file as written, by context (the header under '')."""
    blocks = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        context = next((line[9:-1] for line in block.splitlines() if line.startswith("msgctxt ")), "")
        blocks[context if not block.startswith("#~") else "#~ " + context] = block
    return blocks


TRANSLATED = ("hu", "id", "ru")  # every entry of these languages' catalogs is translated below


def test_update_changes_only_the_changed_entries_in_every_language(tiny_project: Path):
    """Change a site string (a topic name) and a guide string (a title): in every language, that
    entry becomes fuzzy with the language's own previous translation, and every other entry of every
    catalog stays byte for byte as it was."""
    l10n.update(tiny_project)
    catalogs = sorted(tiny_project.glob("locales/*/LC_MESSAGES/*.po"))
    for path in catalogs:
        _translate_all(tiny_project, path.relative_to(tiny_project), path.parts[-3].upper())
    l10n.update(tiny_project)  # the pivot comments follow the English translations
    before = {path: _entry_blocks(path) for path in catalogs}
    topics = tiny_project / "sources/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("name: Calm", "name: Calm and polite"), encoding="utf-8")
    guide = tiny_project / "sources/guides/listen-guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: Слушайте клиента", "title: Выслушайте клиента"),
                     encoding="utf-8")

    changed = l10n.update(tiny_project)
    touched = {"topic.calm.name", "listen.title"}
    expected_files = {p for p in catalogs if any(c in before[p] for c in touched)}
    assert {p for p in changed if p.suffix == ".po"} == expected_files
    assert {p.parts[-3] for p in expected_files} >= {"en", *TRANSLATED}
    for path in catalogs:
        after = _entry_blocks(path)
        language = path.parts[-3].upper()
        for context in touched & before[path].keys():
            message = next(m for m in read_catalog(path, tiny_project) if m.context == context)
            assert "fuzzy" in message.flags, (path, context)
            assert message.string.startswith(f"{language} "), (path, context, message.string)
        unchanged = {k: v for k, v in before[path].items() if k not in touched and k != ""}
        assert {k: after[k] for k in unchanged} == unchanged, path
        assert not [k for k in after if k.startswith("#~")], "no translation moved to an obsolete entry"


def test_each_catalog_gets_its_own_messages(tiny_project: Path):
    """Babel's update stores the template's message objects; catalogs updated from one template
    must not share them (a translation written into one would appear in the others)."""
    from etiquette_kb.build_pipeline import load, templates
    from etiquette_kb.catalogs import update_catalog

    kb, _ = load(tiny_project)
    template = templates(kb)["site"]
    first, second = update_catalog(None, template, "hu"), update_catalog(None, template, "id")
    for a, b in zip((m for m in first if m.id), (m for m in second if m.id), strict=True):
        assert a is not b
    next(m for m in first if m.id).string = "magyar"
    assert not next(m for m in second if m.id).string
    assert not next(m for m in template if m.id).string


def _msgcat(*args: str, source: Path, target: Path) -> None:
    msgcat = shutil.which("msgcat")
    assert msgcat, "GNU gettext's msgcat is needed: apt-get install gettext"
    subprocess.run([msgcat, *args, "-o", str(target), str(source)], check=True, capture_output=True)


def _poedit(text: str) -> str:
    """What Poedit does when it saves: its own header fields, and a different header order."""
    return text.replace('"Language: hu\\n"\n', '"Language: hu\\n"\n"X-Generator: Poedit 3.5\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"\n', 1)


@pytest.mark.parametrize("rewrite", [
    pytest.param(lambda path: _msgcat("--no-wrap", source=path, target=path), id="msgcat-no-wrap"),
    pytest.param(lambda path: _msgcat("--width=60", source=path, target=path), id="msgcat-wrapped"),
    pytest.param(lambda path: _msgcat("--sort-output", source=path, target=path), id="msgcat-sorted"),
    pytest.param(lambda path: path.write_text(_poedit(path.read_text(encoding="utf-8")), encoding="utf-8"), id="poedit-header"),
    pytest.param(lambda path: path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes()), id="byte-order-mark"),
])
def test_a_catalog_saved_by_another_tool_is_up_to_date_and_fmt_restores_it(tiny_project: Path, rewrite):
    l10n.update(tiny_project)
    rel = Path("locales/hu/LC_MESSAGES/site.po")
    _translate_all(tiny_project, rel, "HU")
    canonical = (tiny_project / rel).read_bytes()
    rewrite(tiny_project / rel)
    assert (tiny_project / rel).read_bytes() != canonical
    assert l10n.update(tiny_project, dry_run=True) == []
    assert l10n.fmt(tiny_project, [tiny_project / rel]) == [tiny_project / rel]
    assert (tiny_project / rel).read_bytes() == canonical


@pytest.mark.parametrize("edit", [
    pytest.param(lambda t: t.replace('msgctxt "topic.calm.name"\nmsgid "Calm"\nmsgstr ""\n', "", 1), id="entry-dropped"),
    pytest.param(lambda t: t.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '"Plural-Forms: nplurals=3; plural=(n%3);\\n"', 1),
                 id="plural-forms"),
    pytest.param(lambda t: t.replace('#. Topic name\n', '#. Topic name (edited)\n', 1), id="comment-edited"),
])
def test_update_check_sees_what_update_would_change(tiny_project: Path, edit):
    l10n.update(tiny_project)
    path = tiny_project / "locales/hu/LC_MESSAGES/site.po"
    text = path.read_text(encoding="utf-8")
    assert edit(text) != text
    path.write_text(edit(text), encoding="utf-8")
    assert l10n.update(tiny_project, dry_run=True) == [path]


def test_a_changed_site_string_whose_context_is_shared_starts_empty():
    """Site strings share contexts ('search'): a changed one must not take the translation of
    another string of the same context, and two changed strings of one context are both handled."""
    from babel.messages.catalog import Catalog

    from etiquette_kb.catalogs import update_catalog

    old = Catalog(locale="hu")
    for msgid, translation in (("Search", "Keresés"), ("Close", "Bezárás"), ("Topic name", "Téma")):
        old.add(msgid, translation, context="search" if msgid != "Topic name" else "topic.calm.name")
    template = Catalog()
    for msgid, context in (("Find", "search"), ("Shut", "search"), ("Topic title", "topic.calm.name")):
        template.add(msgid, context=context)
    updated = update_catalog(old, template, "hu")
    strings = {(m.context, m.id): (m.string, "fuzzy" in m.flags) for m in updated if m.id}
    assert not strings[("search", "Find")][0] and not strings[("search", "Shut")][0]
    assert strings[("topic.calm.name", "Topic title")] == ("Téma", True)
    assert sorted(m.id for m in updated.obsolete.values()) == ["Close", "Search"]
