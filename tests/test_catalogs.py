"""Extraction, Babel's update round trip, and canonical catalog writing."""
from __future__ import annotations

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


def test_changed_source_marks_exactly_its_translations_fuzzy(tiny_project: Path):
    l10n.update(tiny_project)
    _translate_all(tiny_project, KALM_ID, "ID")
    before = _entries(tiny_project, KALM_ID)
    source = tiny_project / "sources/guides/kalm.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Számolj tízig.", "Számolj húszig."), encoding="utf-8")

    l10n.update(tiny_project)
    after = _entries(tiny_project, KALM_ID)
    assert after["breathe.body.2.1"] == ("Számolj húszig.", "ID Számolj tízig.", True)
    assert {k: v for k, v in after.items() if k != "breathe.body.2.1"} == \
        {k: v for k, v in before.items() if k != "breathe.body.2.1"}
    assert l10n.update(tiny_project) == [], "updating again keeps the fuzzy entry as it is"


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
