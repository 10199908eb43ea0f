"""Load and validate the hand-written sources: one YAML file per guide, plus the shared topics.

Every problem is reported as `path:line: rule: message`; nothing here lets a traceback escape for
bad input.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .markdown_text import TIP_LINK, MarkdownError, inline_problems, inline_shape, split_blocks
from .model import (
    AUDIENCES,
    DATE_MEANINGS,
    READER_TERMS,
    Attribution,
    Contrast,
    Guide,
    KnowledgeBase,
    PathGroup,
    ReaderPath,
    Section,
    Tip,
    Topic,
)
from .problems import Problem, raise_if_errors

SOURCES_DIR = "sources"
GUIDES_DIR = f"{SOURCES_DIR}/guides"
TOPICS_FILE = f"{SOURCES_DIR}/topics.yml"
CONTRASTS_FILE = f"{SOURCES_DIR}/contrasts.yml"
PATHS_FILE = f"{SOURCES_DIR}/reader-paths.yml"
KEBAB_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class _Mapping(dict):
    line = 0
    lines: dict


class _Sequence(list):
    line = 0
    lines: list


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping value and list item."""


def _value_line(node: yaml.Node) -> int:
    # A block scalar (| or >) starts on the line after its indicator.
    extra = 1 if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") else 0
    return node.start_mark.line + 1 + extra


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line, mapping.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = _value_line(value_node)
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Sequence:
    seq = _Sequence(loader.construct_object(item, deep=True) for item in node.value)
    seq.line, seq.lines = node.start_mark.line + 1, [_value_line(item) for item in node.value]
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _Reader:
    """Reads typed fields out of a parsed file and records what is wrong with them."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, int, str]] = []  # (kind, tip id, line, place): checked once all tips are known

    def problem(self, line: int, rule: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, rule, message))

    def load(self, text: str) -> Any:
        try:
            return yaml.load(text, Loader=_LineLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self.problem(mark.line + 1 if mark else 1, "yaml-syntax", str(exc.problem or exc))
        except yaml.YAMLError as exc:
            self.problem(1, "yaml-syntax", str(exc))
        return None

    def mapping(self, value: Any, where: str, line: int, required: tuple, optional: tuple = ()) -> _Mapping | None:
        if not isinstance(value, _Mapping):
            self.problem(line, "field-type", f"{where} must be a mapping")
            return None
        for key in required:
            if key not in value:
                self.problem(value.line, "missing-field", f"{where} has no '{key}'")
        for key in value:
            if key not in required and key not in optional:
                self.problem(value.lines[key], "unknown-field", f"{where} has an unknown field '{key}'")
        return value

    def text(self, mapping: _Mapping, key: str, where: str, *, optional: bool = False) -> str | None:
        if key not in mapping or (optional and mapping[key] is None):
            return None
        value = mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(mapping.lines[key], "field-type", f"{where}.{key} must be non-empty text")
            return None
        if value != value.strip() and not value.endswith("\n"):
            self.problem(mapping.lines[key], "whitespace", f"{where}.{key} has leading or trailing spaces")
        return value.strip()

    def plain_text(self, mapping: _Mapping, key: str, where: str, *, optional: bool = False) -> str | None:
        value = self.text(mapping, key, where, optional=optional)
        if value is not None and ("\n" in value or inline_problems(value) or _has_markup(value)):
            self.problem(mapping.lines[key], "plain-text", f"{where}.{key} must be one line of plain text")
        return value

    def plain_list(self, mapping: _Mapping, key: str, where: str) -> tuple[str, ...]:
        """An optional list of one-line plain texts."""
        value = mapping.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() and "\n" not in v
                                                  and not _has_markup(v) for v in value):
            self.problem(mapping.lines[key], "field-type", f"{where}.{key} must be a list of one-line plain texts")
            return ()
        return tuple(v.strip() for v in value)

    def identifier(self, mapping: _Mapping, key: str, where: str) -> str | None:
        value = mapping.get(key)
        if key not in mapping:
            return None
        if not isinstance(value, str) or not KEBAB_ID.match(value):
            self.problem(mapping.lines[key], "invalid-id", f"{where}.{key} {value!r} is not an English kebab-case id")
            return None
        return value

    def choice(self, mapping: _Mapping, key: str, where: str, choices: tuple) -> str | None:
        value = mapping.get(key)
        if key in mapping and value not in choices:
            self.problem(mapping.lines[key], f"unknown-{key}", f"{where}.{key} {value!r} is not one of {', '.join(choices)}")
            return None
        return value

    def id_list(self, mapping: _Mapping, key: str, where: str) -> list[tuple[str, int]]:
        value = mapping.get(key)
        if key not in mapping:
            return []
        if not isinstance(value, _Sequence) or not value:
            self.problem(mapping.lines[key], "field-type", f"{where}.{key} must be a non-empty list of ids")
            return []
        out = []
        for item, line in zip(value, value.lines, strict=True):
            if not isinstance(item, str) or not KEBAB_ID.match(item):
                self.problem(line, "invalid-id", f"{where}.{key} has {item!r}, not a kebab-case id")
            elif item in [seen for seen, _ in out]:
                self.problem(line, "duplicate-id", f"{where}.{key} lists '{item}' twice")
            else:
                out.append((item, line))
        return out

    def reader_terms(self, mapping: _Mapping, key: str, where: str) -> tuple[str, ...]:
        """A tip's reader terms: a list of one-line plain texts, none twice."""
        value = mapping.get(key)
        if key not in mapping:
            return ()
        low, high = READER_TERMS
        if not isinstance(value, _Sequence) or not low <= len(value) <= high:
            self.problem(mapping.lines[key], "reader-terms", f"{where}.{key} must be a list of {low} to {high} terms")
            return ()
        terms = []
        for item, line in zip(value, value.lines, strict=True):
            if not isinstance(item, str) or not item.strip() or "\n" in item.strip() or _has_markup(item) \
                    or inline_problems(item):
                self.problem(line, "reader-terms", f"{where}.{key} has {item!r}: a term is one line of plain text")
            elif item.strip().casefold() in (t.casefold() for t in terms):
                self.problem(line, "reader-terms", f"{where}.{key} lists {item.strip()!r} twice")
            else:
                terms.append(item.strip())
        return tuple(terms)

    def markdown(self, mapping: _Mapping, key: str, where: str, *, optional: bool = False) -> tuple[str | None, list[tuple[str, int]]]:
        """A Markdown body and the tip links it contains (with their lines)."""
        value = self.text(mapping, key, where, optional=optional)
        if value is None:
            return None, []
        start = mapping.lines[key]
        try:
            blocks = split_blocks(value)
        except MarkdownError as exc:
            self.problem(start + exc.line, "markdown", f"{where}.{key}: {exc}")
            return value, []
        links = []
        for block in blocks:
            for offset, item in enumerate(block.items):
                line = start + block.line + (offset if block.kind != "paragraph" else 0)
                for message in inline_problems(item):
                    self.problem(line, "markdown", f"{where}.{key}: {message}")
                links.extend((m.group(1), line) for m in map(TIP_LINK.match, _links_of(item)) if m)
        return value, links


def _place(kind: str, raw: Any, fallback: str) -> str:
    """How a message names a section or tip: by its id when it has a usable one."""
    item_id = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} '{item_id}'" if isinstance(item_id, str) and KEBAB_ID.match(item_id) else fallback


def _links_of(text: str) -> list[str]:
    return list(inline_shape(text).links)


def _has_markup(text: str) -> bool:
    shape = inline_shape(text)
    return bool(shape.links or shape.emphasis or shape.strong or shape.code)


def _read_date(reader: _Reader, source: _Mapping, where: str) -> dt.date | None:
    value = source.get("date")
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    reader.problem(source.lines["date"], "invalid-date", f"{where}.date must be an ISO date (YYYY-MM-DD) or null")
    return None


def _list_entries(root: Path, rel: str, key: str, required: tuple, optional: tuple = (), *, must_exist: bool = True):
    """The entries of a list file (`<key>: [...]`) as (mapping, place) pairs, and a reader for problems."""
    reader = _Reader(rel)
    path = root / rel
    if not path.is_file():
        if must_exist:
            reader.problem(1, "missing-file", f"{rel} is missing")
        return reader, []
    data = reader.load(path.read_text(encoding="utf-8"))
    doc = reader.mapping(data, "the file", 1, (key,)) if data is not None else None
    entries = doc.get(key) if doc else None
    if doc and key in doc and not isinstance(entries, _Sequence):
        reader.problem(doc.lines[key], "field-type", f"{key} must be a list")
        entries = None
    found = []
    for index, (entry, line) in enumerate(zip(entries or [], getattr(entries, "lines", []), strict=True)):
        where = _place(key.rstrip("s"), entry, f"{key}[{index}]")
        item = reader.mapping(entry, where, line, required, optional)
        if item is not None:
            found.append((item, where))
    return reader, found


def load_topics(root: Path):
    reader, entries = _list_entries(root, TOPICS_FILE, "topics", ("id", "name", "description", "synthesis"))
    topics: list[Topic] = []
    for item, where in entries:
        topic_id = reader.identifier(item, "id", where)
        name = reader.plain_text(item, "name", where)
        description = reader.plain_text(item, "description", where)
        synthesis, links = reader.markdown(item, "synthesis", where)
        reader.refs += [("link", target, line, where) for target, line in links]
        if topic_id in [t.id for t in topics]:
            reader.problem(item.lines["id"], "duplicate-id", f"topic '{topic_id}' is defined twice")
        elif topic_id and name and description and synthesis:
            topics.append(Topic(topic_id, name, description, synthesis, item.line))
    return topics, reader


def load_contrasts(root: Path, topic_ids: set[str]):
    reader, entries = _list_entries(root, CONTRASTS_FILE, "contrasts", ("id", "title", "tips", "topics", "body"))
    contrasts: list[Contrast] = []
    for item, where in entries:
        contrast_id = reader.identifier(item, "id", where)
        title = reader.plain_text(item, "title", where)
        tips = reader.id_list(item, "tips", where)
        reader.refs += [("contrast", target, line, where) for target, line in tips]
        topics = reader.id_list(item, "topics", where)
        for topic, line in topics:
            if topic not in topic_ids:
                reader.problem(line, "unknown-topic", f"{where} names topic '{topic}', which {TOPICS_FILE} does not define")
        body, links = reader.markdown(item, "body", where)
        reader.refs += [("link", target, line, where) for target, line in links]
        if contrast_id in [c.id for c in contrasts]:
            reader.problem(item.lines["id"], "duplicate-id", f"contrast '{contrast_id}' is defined twice")
        elif contrast_id and title and tips and topics and body:
            contrasts.append(Contrast(contrast_id, title, body, tuple(t for t, _ in tips), tuple(t for t, _ in topics), item.line))
    return contrasts, reader


def load_reader_paths(root: Path, topic_ids: set[str]):
    reader, entries = _list_entries(root, PATHS_FILE, "paths", ("id", "audience", "title", "intro", "groups"),
                                    ("checklist",), must_exist=False)
    paths: list[ReaderPath] = []
    for item, where in entries:
        path_id = reader.identifier(item, "id", where)
        audience = reader.choice(item, "audience", where, AUDIENCES)
        title = reader.plain_text(item, "title", where)
        intro, links = reader.markdown(item, "intro", where)
        reader.refs += [("link", target, line, where) for target, line in links]
        groups = []
        raw_groups = item.get("groups")
        if not isinstance(raw_groups, _Sequence):
            reader.problem(item.lines.get("groups", item.line), "field-type", f"{where}.groups must be a list")
            raw_groups = []
        for index, (entry, line) in enumerate(zip(raw_groups, getattr(raw_groups, "lines", []), strict=True)):
            group_where = f"{where}.groups[{index}]"
            group = reader.mapping(entry, group_where, line, ("id", "title", "tips"), ("checkable",))
            if group is None:
                continue
            group_id = reader.identifier(group, "id", group_where)
            group_title = reader.plain_text(group, "title", group_where)
            tips = reader.id_list(group, "tips", group_where)
            reader.refs += [("path", target, tip_line, group_where) for target, tip_line in tips]
            checkable = group.get("checkable", True)
            if not isinstance(checkable, bool):
                reader.problem(group.lines["checkable"], "field-type", f"{group_where}.checkable must be true or false")
            if group_id and group_title and tips:
                groups.append(PathGroup(group_id, group_title, tuple(t for t, _ in tips), checkable is not False))
        checklist = item.get("checklist", False)
        if not isinstance(checklist, bool):
            reader.problem(item.lines["checklist"], "field-type", f"{where}.checklist must be true or false")
        if path_id in [p.id for p in paths]:
            reader.problem(item.lines["id"], "duplicate-id", f"path '{path_id}' is defined twice")
        elif path_id and audience and title and intro and groups and isinstance(checklist, bool):
            paths.append(ReaderPath(path_id, audience, title, intro, tuple(groups), item.line, checklist))
    return paths, reader


def load_guide(root: Path, rel_path: str, languages: tuple[str, ...], topic_ids: set[str]):
    """One guide; returns (guide or None, tip links to check, related ids to check, problems)."""
    reader = _Reader(rel_path)
    data = reader.load((root / rel_path).read_text(encoding="utf-8"))
    if data is None:
        return None, [], reader.problems
    doc = reader.mapping(data, "the guide", 1,
                         ("id", "language", "audience", "title", "summary", "source", "sections"), ("unfinished",))
    if doc is None:
        return None, [], reader.problems
    refs: list[tuple[str, str, int, str]] = []  # (kind, id, line, where)
    guide_id = reader.identifier(doc, "id", "guide")
    if guide_id and Path(rel_path).stem != guide_id:
        reader.problem(doc.lines["id"], "file-name", f"guide '{guide_id}' must live in {GUIDES_DIR}/{guide_id}.yml")
    language = reader.choice(doc, "language", "guide", languages)
    audience = reader.choice(doc, "audience", "guide", AUDIENCES)
    title = reader.plain_text(doc, "title", "guide")
    summary = reader.text(doc, "summary", "guide")
    unfinished = reader.text(doc, "unfinished", "guide", optional=True)

    attribution = None
    source = reader.mapping(doc.get("source"), "source", doc.lines.get("source", doc.line),
                            ("title", "date", "date_shown", "publisher", "note"), ("category", "keywords", "date_meaning")) \
        if "source" in doc else None
    if source is not None:
        attribution = Attribution(
            title=reader.plain_text(source, "title", "source"),
            date=_read_date(reader, source, "source"),
            date_shown=reader.plain_text(source, "date_shown", "source", optional=True),
            publisher=reader.plain_text(source, "publisher", "source", optional=True),
            date_meaning=reader.choice(source, "date_meaning", "source", DATE_MEANINGS) or "published",
            category=reader.plain_text(source, "category", "source", optional=True),
            keywords=reader.plain_list(source, "keywords", "source"),
            note=reader.text(source, "note", "source"),
        )

    sections: list[Section] = []
    seen_ids: dict[str, int] = {}
    raw_sections = doc.get("sections")
    if "sections" in doc and (not isinstance(raw_sections, _Sequence) or not raw_sections):
        reader.problem(doc.lines["sections"], "field-type", "sections must be a non-empty list")
        raw_sections = None
    for s_index, (raw, s_line) in enumerate(zip(raw_sections or [], getattr(raw_sections, "lines", []), strict=True)):
        where = _place("section", raw, f"sections[{s_index}]")
        sec = reader.mapping(raw, where, s_line, ("id", "title"), ("body", "tips"))
        if sec is None:
            continue
        sec_id = reader.identifier(sec, "id", where)
        _claim_id(reader, seen_ids, sec_id, sec.lines.get("id", sec.line), "section")
        sec_title = reader.plain_text(sec, "title", where)
        sec_body, links = reader.markdown(sec, "body", where, optional=True)
        refs += [("link", target, line, where) for target, line in links]
        tips: list[Tip] = []
        raw_tips = sec.get("tips")
        if "tips" in sec and (not isinstance(raw_tips, _Sequence) or not raw_tips):
            reader.problem(sec.lines["tips"], "field-type", f"{where}.tips must be a non-empty list")
            raw_tips = None
        if sec_body is None and not raw_tips:
            reader.problem(sec.line, "missing-field", f"{where} has neither a body nor tips")
        for t_index, (raw_tip, t_line) in enumerate(zip(raw_tips or [], getattr(raw_tips, "lines", []), strict=True)):
            t_where = _place("tip", raw_tip, f"{where}.tips[{t_index}]")
            tip = reader.mapping(raw_tip, t_where, t_line, ("id", "title", "audience", "topics", "related", "body"),
                                 ("terms",))
            if tip is None:
                continue
            tip_id = reader.identifier(tip, "id", t_where)
            _claim_id(reader, seen_ids, tip_id, tip.lines.get("id", tip.line), "tip")
            tip_title = reader.plain_text(tip, "title", t_where)
            tip_audience = reader.choice(tip, "audience", t_where, AUDIENCES)
            tip_topics = reader.id_list(tip, "topics", t_where)
            for topic, line in tip_topics:
                if topic not in topic_ids:
                    reader.problem(line, "unknown-topic", f"{t_where} names topic '{topic}', which {TOPICS_FILE} does not define")
            related = reader.id_list(tip, "related", t_where)
            refs += [("related", target, line, t_where) for target, line in related]
            tip_body, links = reader.markdown(tip, "body", t_where)
            refs += [("link", target, line, t_where) for target, line in links]
            terms = reader.reader_terms(tip, "terms", t_where)
            if all((tip_id, tip_title, tip_audience, tip_topics, related, tip_body, sec_id)):
                tips.append(Tip(tip_id, guide_id or "", sec_id, tip_title, tip_body, tip_audience,
                                tuple(t for t, _ in tip_topics), tuple(r for r, _ in related), tip.line, terms))
        if sec_id and sec_title:
            sections.append(Section(sec_id, sec_title, sec_body, tuple(tips)))

    if reader.problems:
        return None, refs, reader.problems
    guide = Guide(guide_id, language, audience, title, summary, attribution, unfinished, tuple(sections), rel_path)
    return guide, refs, reader.problems


def _claim_id(reader: _Reader, seen: dict[str, int], item_id: str | None, line: int, kind: str) -> None:
    if item_id is None:
        return
    if item_id in seen:
        reader.problem(line, "duplicate-id", f"{kind} id '{item_id}' is already used on line {seen[item_id]}")
    else:
        seen[item_id] = line


def load_knowledge_base(root: Path, languages: tuple[str, ...]) -> KnowledgeBase:
    """Load every source under `root`, or raise InputError listing every problem."""
    topics, topic_reader = load_topics(root)
    topic_ids = {t.id for t in topics}
    contrasts, contrast_reader = load_contrasts(root, topic_ids)
    paths, paths_reader = load_reader_paths(root, topic_ids)
    readers = [topic_reader, contrast_reader, paths_reader]
    problems = [p for r in readers for p in r.problems]
    refs_by_file = [(r.path, r.refs) for r in readers]
    guides: list[Guide] = []
    guide_files = sorted(p.relative_to(root).as_posix() for p in (root / GUIDES_DIR).glob("*.yml"))
    if not guide_files:
        problems.append(Problem(GUIDES_DIR, 1, "missing-file", "no guide sources found"))
    for rel_path in guide_files:
        guide, refs, found = load_guide(root, rel_path, languages, topic_ids)
        problems += found
        refs_by_file.append((rel_path, refs))
        if guide:
            guides.append(guide)

    tips: dict[str, Tip] = {}
    guide_ids: dict[str, str] = {}
    for guide in guides:
        if guide.id in guide_ids:
            problems.append(Problem(guide.path, 1, "duplicate-id", f"guide id '{guide.id}' is also used by {guide_ids[guide.id]}"))
        guide_ids[guide.id] = guide.path
        for tip in guide.tips:
            if tip.id in tips:
                problems.append(Problem(guide.path, tip.line, "duplicate-id",
                                        f"tip id '{tip.id}' is also used in {tips[tip.id].guide_id}"))
            else:
                tips[tip.id] = tip
    raise_if_errors(problems)

    guide_of_file = {guide.path: guide.id for guide in guides}
    for rel_path, refs in refs_by_file:
        for kind, target, line, where in refs:
            if target not in tips:
                rule = "dangling-related" if kind == "related" else "dangling-link"
                problems.append(Problem(rel_path, line, rule, f"{where} points to tip '{target}', which does not exist"))
            elif kind == "related" and where == f"tip '{target}'":
                problems.append(Problem(rel_path, line, "dangling-related", f"{where} lists itself as related"))
            elif kind == "related" and tips[target].guide_id == guide_of_file.get(rel_path):
                # The page shows them as "related tips from other guides"; its own guide's are in the pager.
                problems.append(Problem(rel_path, line, "related-other-guide",
                                        f"{where} lists '{target}', a tip of its own guide, as related"))
    raise_if_errors(problems)
    problems += _cross_guide_problems(guides, topics, contrasts, paths, tips)
    raise_if_errors(problems)
    return KnowledgeBase(tuple(guides), tuple(topics), tuple(contrasts), tuple(paths), tips)


def _cross_guide_problems(guides, topics, contrasts, paths, tips) -> list[Problem]:
    """What makes the guides a connected knowledge base rather than four separate texts."""
    problems = []
    for guide in guides:
        for tip in guide.tips:
            if not any(tips[r].guide_id != guide.id for r in tip.related):
                problems.append(Problem(guide.path, tip.line, "related-other-guide",
                                        f"tip '{tip.id}' must relate to at least one tip of another guide"))
    for topic in topics:
        covering = {tip.guide_id for tip in tips.values() if topic.id in tip.topics}
        if len(covering) < 2:
            problems.append(Problem(TOPICS_FILE, topic.line, "topic-coverage",
                                    f"topic '{topic.id}' gathers tips from {len(covering)} guide(s); it needs at least 2"))
    for contrast in contrasts:
        if len({tips[t].guide_id for t in contrast.tips}) < 2:
            problems.append(Problem(CONTRASTS_FILE, contrast.line, "contrast-guides",
                                    f"contrast '{contrast.id}' must compare tips of at least two guides"))
    for path in paths:
        listed = [t for group in path.groups for t in group.tips]
        for tip_id in sorted({t for t in listed if listed.count(t) > 1}):
            problems.append(Problem(PATHS_FILE, path.line, "path-coverage",
                                    f"path '{path.id}' lists tip '{tip_id}' more than once"))
        for tip in tips.values():
            if tip.audience == path.audience and tip.id not in listed:
                problems.append(Problem(PATHS_FILE, path.line, "path-coverage",
                                        f"path '{path.id}' is for {path.audience} but leaves out tip '{tip.id}'"))
    return problems
