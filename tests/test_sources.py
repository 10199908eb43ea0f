"""Source validation: every bad source gives one clear line naming file, place and rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from etiquette_kb.problems import InputError
from etiquette_kb.sources import load_knowledge_base

from conftest import build_project

LANGUAGES = ("en", "hu", "id", "ru")
KALM = "sources/guides/kalm.yml"
PATHS = "sources/reader-paths.yml"
LISTEN = "sources/guides/listen-guide.yml"


def test_the_tiny_fixture_loads(tiny_project: Path):
    kb = load_knowledge_base(tiny_project, LANGUAGES)
    assert [g.id for g in kb.guides] == ["kalm", "listen-guide"]
    assert [t.id for t in kb.guide("kalm").tips] == ["breathe"]
    assert kb.tip("breathe").related == ("listen",)


# (file, text to replace, replacement, expected problem line)
BAD_SOURCES = [
    pytest.param(KALM, "        audience: customers\n", "", f"{KALM}:20: missing-field: tip 'breathe' has no 'audience'", id="missing-field"),
    pytest.param(KALM, "topics: [calm]", "topics: [calmness]", f"{KALM}:23: unknown-topic: tip 'breathe' names topic 'calmness', which sources/topics.yml does not define", id="unknown-topic"),
    pytest.param(LISTEN, "- id: listen\n", "- id: breathe\n", f"{LISTEN}:18: duplicate-id: tip id 'breathe' is also used in kalm", id="duplicate-tip-id"),
    pytest.param(KALM, "related: [listen]", "related: [nowhere]", f"{KALM}:24: dangling-related: tip 'breathe' points to tip 'nowhere', which does not exist", id="dangling-related"),
    pytest.param(KALM, "lásd [itt](#listen)", "lásd [itt](#nowhere)", f"{KALM}:29: dangling-link: tip 'breathe' points to tip 'nowhere', which does not exist", id="dangling-link"),
    pytest.param(KALM, "Vegyél egy mély levegőt.", "Vegyél <b>egy</b> mély levegőt.", f"{KALM}:26: markdown: tip 'breathe'.body: raw HTML is not allowed: <b>", id="raw-html"),
    pytest.param(KALM, "Vegyél egy mély levegőt.", "Vegyél *egy mély levegőt.", f"{KALM}:26: markdown: tip 'breathe'.body: unbalanced emphasis marker (*)", id="unbalanced-emphasis"),
    pytest.param(KALM, "          - Számolj tízig.\n", "          - Számolj tízig.\n            - Lassan.\n", f"{KALM}:29: markdown: tip 'breathe'.body: nested lists are not allowed", id="nested-list"),
    pytest.param(KALM, "          Vegyél egy mély levegőt.\n", "          ## Cím\n", f"{KALM}:26: markdown: tip 'breathe'.body: a heading is not allowed in a body", id="heading"),
    pytest.param(KALM, "lásd [itt](#listen)", "lásd [itt](https://example.com/)", f"{KALM}:29: markdown: tip 'breathe'.body: a link must point to a tip as (#tip-id), not 'https://example.com/'", id="external-link"),
    pytest.param(KALM, "id: breathe", "id: Breathe_Now", f"{KALM}:20: invalid-id: section 'basics'.tips[0].id 'Breathe_Now' is not an English kebab-case id", id="invalid-id"),
    pytest.param(KALM, "audience: customers\ntitle", "audience: everyone\ntitle", f"{KALM}:3: unknown-audience: guide.audience 'everyone' is not one of customers, support-staff", id="unknown-audience"),
    pytest.param(KALM, "date: 2024-04-27", "date: 27/04/2024", f"{KALM}:9: invalid-date: source.date must be an ISO date (YYYY-MM-DD) or null", id="invalid-date"),
    pytest.param(KALM, "title: Alapok", "title: Alapok\n    colour: blue", f"{KALM}:17: unknown-field: section 'basics' has an unknown field 'colour'", id="unknown-field"),
    pytest.param(KALM, "title: Alapok", "title: [Alapok", f"{KALM}:17: yaml-syntax: ", id="yaml-syntax"),
    pytest.param(LISTEN, "related: [breathe]", "related: [listen]", f"{LISTEN}:22: dangling-related: tip 'listen' lists itself as related", id="self-related"),
    pytest.param(PATHS, "tips: [breathe, listen]", "tips: [listen]", f"{PATHS}:2: path-coverage: path 'checklist' is for customers but leaves out tip 'breathe'", id="path-coverage"),
    pytest.param(PATHS, "tips: [breathe, listen]", "tips: [breathe, listen]\n      - id: again\n        title: Again\n        tips: [breathe]", f"{PATHS}:2: path-coverage: path 'checklist' lists tip 'breathe' more than once", id="path-duplicate"),
    pytest.param(PATHS, "tips: [breathe, listen]", "tips: [breathe, nowhere]", f"{PATHS}:10: dangling-link: path 'checklist'.groups[0] points to tip 'nowhere', which does not exist", id="path-dangling"),
    pytest.param(LISTEN, "topics: [calm]", "topics: [calm]\n        related_x: 1", f"{LISTEN}:22: unknown-field: tip 'listen' has an unknown field 'related_x'", id="unknown-tip-field"),
    pytest.param(KALM, "          - idegesség\n", "", f"{KALM}:31: reader-terms: tip 'breathe'.terms must be a list of 3 to 6 terms", id="too-few-terms"),
    pytest.param(KALM, "- idegesség", "- '*idegesség*'", f"{KALM}:32: reader-terms: tip 'breathe'.terms has '*idegesség*': a term is one line of plain text", id="term-with-markup"),
    pytest.param(KALM, "- idegesség", "- Megnyugodni", f"{KALM}:33: reader-terms: tip 'breathe'.terms lists 'megnyugodni' twice", id="term-twice"),
    pytest.param(KALM, "language: hu", "language: xx", f"{KALM}:2: unknown-language: guide.language 'xx' is not one of en, hu, id, ru", id="unknown-language"),
]


def _break(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("rel, old, new, expected", BAD_SOURCES)
def test_bad_source_is_reported_with_file_line_and_rule(tiny_project: Path, rel, old, new, expected):
    _break(tiny_project, rel, old, new)
    with pytest.raises(InputError) as caught:
        load_knowledge_base(tiny_project, LANGUAGES)
    lines = [str(p) for p in caught.value.problems]
    assert any(line.startswith(expected) for line in lines), lines


def test_related_tip_from_the_same_guide_is_rejected(tiny_project: Path):
    second_tip = ("      - id: count\n        title: Számolj\n        audience: customers\n        topics: [calm]\n"
                  "        related: [listen]\n        body: |\n          Számolj tízig.\n"
                  "        terms: [számolás, tízig, lassan]\n")
    _break(tiny_project, KALM, "related: [listen]", "related: [listen, count]")
    (tiny_project / KALM).write_text((tiny_project / KALM).read_text(encoding="utf-8") + second_tip, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_knowledge_base(tiny_project, LANGUAGES)
    assert [str(p) for p in caught.value.problems] == [
        f"{KALM}:24: related-other-guide: tip 'breathe' lists 'count', a tip of its own guide, as related"]


def test_topic_used_by_one_guide_only_is_rejected(tiny_project: Path):
    _break(tiny_project, "sources/topics.yml", "topics:\n", "topics:\n  - id: lonely\n    name: Lonely\n    description: Used once.\n    synthesis: Only one guide.\n")
    _break(tiny_project, KALM, "topics: [calm]", "topics: [calm, lonely]")
    with pytest.raises(InputError) as caught:
        load_knowledge_base(tiny_project, LANGUAGES)
    assert [str(p) for p in caught.value.problems] == [
        "sources/topics.yml:2: topic-coverage: topic 'lonely' gathers tips from 1 guide(s); it needs at least 2"
    ]


@pytest.mark.slow
def test_build_reports_bad_source_in_one_line_without_traceback(tiny_project: Path, tmp_path: Path):
    _break(tiny_project, KALM, "topics: [calm]", "topics: [calmness]")
    result = build_project(tiny_project, tmp_path / "site")
    assert result.returncode == 1
    assert f"{KALM}:23: unknown-topic:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
