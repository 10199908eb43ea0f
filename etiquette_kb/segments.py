"""Cut guides into translation units, each named by a message context (`<tip-id>.body.2.1`)."""
from __future__ import annotations

from dataclasses import dataclass

from .languages import SOURCE_LANGUAGE, name_in
from .markdown_text import Block, split_blocks
from .model import READER_TERMS, Guide, KnowledgeBase

READER_TERMS_SUFFIX = ".terms"
READER_TERMS_COMMENT = (
    "Reader terms: what a reader would type into the search box to find this tip, one per line, "
    f"{READER_TERMS[0]} to {READER_TERMS[1]} lines (questions, everyday words, synonyms, short forms). "
    "Write what readers of your language would type; the lines need not match the source one by one."
)


def terms_context(tip_id: str) -> str:
    return tip_id + READER_TERMS_SUFFIX


def split_terms(text: str) -> list[str]:
    """The terms of a reader-terms entry, one per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Segment:
    context: str
    text: str
    comment: str  # tells the translator what the unit is
    markdown: bool  # whether inline Markdown is allowed
    origin: str = ""  # the source file, for site segments that live in sources/


def body_units(owner: str, body: str) -> list[tuple[Block, list[str]]]:
    """Each block of a body with the contexts of its units: `<owner>.body.N` for a paragraph,
    `<owner>.body.N.M` for item M of the list that is block N."""
    return [
        (block, [f"{owner}.body.{n}"] if block.kind == "paragraph"
         else [f"{owner}.body.{n}.{m}" for m in range(1, len(block.items) + 1)])
        for n, block in enumerate(split_blocks(body), 1)
    ]


def _body_segments(owner: str, what: str, body: str, origin: str = "") -> list[Segment]:
    segments = []
    for n, (block, contexts) in enumerate(body_units(owner, body), 1):
        for m, (context, text) in enumerate(zip(contexts, block.items, strict=True), 1):
            if block.kind == "paragraph":
                comment = f"{what}, paragraph {n}"
            else:
                kind = "bulleted" if block.kind == "bullet" else "numbered"
                comment = f"{what}, item {m} of the {kind} list in block {n}"
            segments.append(Segment(context, text, comment, True, origin))
    return segments


def guide_segments(guide: Guide) -> list[Segment]:
    g = guide.id
    segments = [
        Segment(f"{g}.title", guide.title, "Guide title", False),
        Segment(f"{g}.summary", guide.summary, "Guide summary (one paragraph)", True),
        Segment(f"{g}.source-title", guide.source.title,
                "Title of the original article, shown next to it as a gloss: translate its meaning", False),
        Segment(f"{g}.source-note", guide.source.note, "Note that the guide adapts the article", True),
    ]
    if guide.source.category:
        segments.append(Segment(f"{g}.source-category", guide.source.category, "The section the publisher filed "
                                "the article under, shown next to it as a gloss: translate its meaning", False))
    segments += [Segment(f"{g}.source-keyword.{n}", keyword, "A keyword the publisher gave the article, shown "
                         "next to it as a gloss: translate its meaning", False)
                 for n, keyword in enumerate(guide.source.keywords, 1)]
    if guide.unfinished:
        segments.append(Segment(f"{g}.unfinished", guide.unfinished, "Notice: the article is unfinished", True))
    for section in guide.sections:
        segments.append(Segment(f"{section.id}.title", section.title, "Section title", False))
        if section.body:
            segments += _body_segments(section.id, "Section introduction", section.body)
        for tip in section.tips:
            segments.append(Segment(f"{tip.id}.title", tip.title, "Tip title", False))
            segments += _body_segments(tip.id, "Tip", tip.body)
            if tip.terms:
                segments.append(Segment(terms_context(tip.id), "\n".join(tip.terms), READER_TERMS_COMMENT, False))
    return segments


AUTONYM_CONTEXT = "language.autonym"


def language_context(language: str) -> str:
    return f"language.{language}"


def site_segments(kb: KnowledgeBase) -> list[Segment]:
    """The site's own source texts that live in sources/ rather than in the templates, and the names
    of the guides' languages (CLDR's are not always the ones a language's readers write)."""
    topics, contrasts, paths = "sources/topics.yml", "sources/contrasts.yml", "sources/reader-paths.yml"
    segments = [Segment(AUTONYM_CONTEXT, name_in(SOURCE_LANGUAGE, SOURCE_LANGUAGE),
                        "The name of YOUR language in itself, as the language menu shows it "
                        "(Bahasa Indonesia, 日本語, Русский, magyar)", False, "etiquette_kb/segments.py")]
    for language in sorted({guide.language for guide in kb.guides} | {SOURCE_LANGUAGE}):
        segments.append(Segment(language_context(language), name_in(language, SOURCE_LANGUAGE),
                                "The name of this language as your language writes it after “Original language:” "
                                "and in “Translated from …”", False, "etiquette_kb/segments.py"))
    for topic in kb.topics:
        segments += [Segment(f"topic.{topic.id}.name", topic.name, "Topic name", False, topics),
                     Segment(f"topic.{topic.id}.description", topic.description, "Topic description (one line)", False, topics)]
        segments += _body_segments(f"topic.{topic.id}.synthesis", "Topic synthesis", topic.synthesis, topics)
    for contrast in kb.contrasts:
        segments.append(Segment(f"contrast.{contrast.id}.title", contrast.title, "Contrast note title", False, contrasts))
        segments += _body_segments(f"contrast.{contrast.id}", "Contrast note", contrast.body, contrasts)
    for path in kb.paths:
        segments.append(Segment(f"path.{path.id}.title", path.title, "Reader path page title", False, paths))
        segments += _body_segments(f"path.{path.id}.intro", "Reader path introduction", path.intro, paths)
        for group in path.groups:
            segments.append(Segment(f"path.{path.id}.{group.id}.title", group.title, "Reader path group title", False, paths))
    return segments
