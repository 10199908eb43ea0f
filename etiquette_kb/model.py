"""The content model: guides, their sections and tips, and the shared topics."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

AUDIENCES = ("customers", "support-staff")
# What the date an article shows is: when it was published, or only the date a portal prints at
# the top of every page (the day the page was saved), which says nothing of the article itself.
DATE_MEANINGS = ("published", "page-header")
READER_TERMS = (3, 6)  # how many reader terms a tip has, at least and at most


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str
    synthesis: str  # one paragraph of Markdown: what the guides say together
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Contrast:
    """A written comparison where guides disagree; shown on its tips and its topics' pages."""

    id: str
    title: str
    body: str
    tips: tuple[str, ...]
    topics: tuple[str, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PathGroup:
    id: str
    title: str
    tips: tuple[str, ...]
    checkable: bool = True  # a checklist's group the reader ticks off (not what others will do)


@dataclass(frozen=True)
class ReaderPath:
    """A page assembled from tips of all guides for one kind of reader (a checklist, a staff page)."""

    id: str  # also the page's path: /<lang>/<id>/
    audience: str  # every tip for this audience appears on the page exactly once
    title: str
    intro: str  # Markdown
    groups: tuple[PathGroup, ...]
    line: int = field(default=0, compare=False)
    checklist: bool = False  # a printable checklist whose lines the reader ticks off


@dataclass(frozen=True)
class Tip:
    id: str
    guide_id: str
    section_id: str
    title: str
    body: str
    audience: str
    topics: tuple[str, ...]
    related: tuple[str, ...]
    line: int  # where the tip starts in its source file
    terms: tuple[str, ...] = ()  # what a reader would type to find the tip (questions, everyday words)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str | None
    tips: tuple[Tip, ...]


@dataclass(frozen=True)
class Attribution:
    title: str  # as published
    date: dt.date | None
    date_shown: str | None
    publisher: str | None
    date_meaning: str  # one of DATE_MEANINGS
    category: str | None  # the section the publisher filed it under
    keywords: tuple[str, ...]  # the keywords the publisher gave it
    note: str  # says the guide is an adaptation (translatable)


@dataclass(frozen=True)
class Guide:
    id: str
    language: str
    audience: str
    title: str
    summary: str
    source: Attribution
    unfinished: str | None
    sections: tuple[Section, ...]
    path: str  # source file, relative to the project

    @property
    def tips(self) -> tuple[Tip, ...]:
        return tuple(tip for section in self.sections for tip in section.tips)


@dataclass(frozen=True)
class KnowledgeBase:
    guides: tuple[Guide, ...]
    topics: tuple[Topic, ...]
    contrasts: tuple[Contrast, ...] = ()
    paths: tuple[ReaderPath, ...] = ()
    tips_by_id: dict[str, Tip] = field(default_factory=dict, compare=False)

    def guide(self, guide_id: str) -> Guide:
        return next(g for g in self.guides if g.id == guide_id)

    def tip(self, tip_id: str) -> Tip:
        return self.tips_by_id[tip_id]

    @property
    def topics_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    def guide_of(self, tip_id: str) -> Guide:
        return self.guide(self.tips_by_id[tip_id].guide_id)

    def contrasts_of_tip(self, tip_id: str) -> list[Contrast]:
        return [c for c in self.contrasts if tip_id in c.tips]

    def contrasts_of_topic(self, topic_id: str) -> list[Contrast]:
        return [c for c in self.contrasts if topic_id in c.topics]

    def tips_of_topic(self, topic_id: str) -> list[Tip]:
        return [tip for guide in self.guides for tip in guide.tips if topic_id in tip.topics]
