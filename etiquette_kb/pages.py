"""Render the per-language pages (Markdown for MkDocs, with our own sanitised HTML inside)."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from babel.dates import format_date
from babel.numbers import format_percent
from babel.support import NullTranslations
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .catalogs import SITE_DOMAIN, catalog_stats
from .labels import OFFER_CONTEXT, audience_label, language_offer, site_labels
from .languages import (
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    direction,
    format_locale,
    name_in,
    own_name,
    sentence_space,
)
from .markdown_text import render_inline
from .model import Contrast, Guide, KnowledgeBase, Tip, Topic
from .segments import AUTONYM_CONTEXT, body_units, guide_segments, language_context, split_terms, terms_context
from .translations import ORIGINAL, OUTDATED, TRANSLATED, CatalogSet, Unit
from .urls import doc_file, page_url, relative

# Python-Markdown's escapable characters; HTML is escaped separately.
_MD_ESCAPABLE = set("\\`*_{}[]()>#+-.!")

Lookup = Callable[[str, str], Unit]  # (context, source text) -> the unit in the reader's language


def markdown_title(text: str) -> Markup:
    if isinstance(text, Markup):  # a label already marked up (an English fallback in its <span lang>)
        return text
    escaped = html.escape(text, quote=False)
    return Markup("".join("\\" + c if c in _MD_ESCAPABLE else c for c in escaped))


def combined_state(states: set[str]) -> str:
    """One state for several units: the least finished one wins."""
    for state in ("untranslated", "outdated"):
        if state in states:
            return state
    return ORIGINAL if states == {ORIGINAL} else TRANSLATED


@dataclass(frozen=True)
class Link:
    text: Unit
    url: str


@dataclass(frozen=True)
class GuideRef:
    """A guide as other pages mention it."""

    id: str
    title: Unit
    url: str  # relative to the page
    language_name: str
    audience: str


@dataclass(frozen=True)
class TipView:
    id: str
    title: Unit
    audience: str
    guide: GuideRef
    topics: list[Link]
    body: Markup
    excerpt: Markup  # the first paragraph or list
    state: str
    page_url: str  # the tip's own page, relative
    anchor_url: str  # the tip on its guide page, relative
    original_url: str | None  # the same tip in the guide's language, relative (None on the original)
    terms: Unit | None  # what readers type to find the tip, one per line
    improve: dict | None  # links to improve its translation (None on the original or without a repository)


@dataclass(frozen=True)
class ContrastView:
    id: str
    title: Unit
    body: Markup
    tips: list[Link]


@dataclass(frozen=True)
class SiteFacts:
    """What pages say around the texts: where the site and its repository are (for the links that
    lead a reader to an entry's catalog line or to a new issue; none without a repository), and
    when each text last changed (git dates by project-relative path)."""

    site_url: str = ""
    repository: str | None = None
    changed: dict[str, dt.date] = field(default_factory=dict)


class PageContext:
    """Everything the templates of one page need, in the reader's language. `compare` turns on the
    original text (and the English pivot) beside each paragraph of a translated guide."""

    def __init__(self, language: str, url: str, kb: KnowledgeBase, catalogs: CatalogSet, t,
                 facts: SiteFacts | None = None):
        self.language, self.url, self.kb, self.catalogs, self.t = language, url, kb, catalogs, t
        self.facts = facts or SiteFacts()
        self.compare: Guide | None = None  # the guide whose paragraphs get their originals beside them
        self.format_locale = format_locale(language)  # British dates on English pages
        self.space = sentence_space(language)  # between a sentence and what follows it: '' in Japanese

    def link(self, target_url: str) -> str:
        return relative(self.url, target_url)

    def url_of(self, path: str, language: str | None = None) -> str:
        return self.link(page_url(language or self.language, path))

    def lang_of(self, language: str) -> Markup:
        """`lang` (and `dir` where the direction differs) for text in another language than the page's."""
        if language == self.language:
            return Markup("")
        text_direction = direction(language)
        dir_attr = f' dir="{text_direction}"' if text_direction != direction(self.language) else ""
        return Markup(f' lang="{language}"{dir_attr}')

    def lang_attr(self, unit: Unit) -> Markup:
        return self.lang_of(unit.language)

    def heading_attrs(self, unit: Unit, anchor: str | None = None) -> Markup:
        """A Markdown heading's attribute list: its anchor, and its language when not the page's."""
        parts = ([f"#{anchor}"] if anchor else []) + ([str(self.lang_attr(unit)).strip()] if unit.language != self.language else [])
        return Markup(" { " + " ".join(parts) + " }") if parts else Markup("")

    def inline(self, unit: Unit) -> Markup:
        return Markup(render_inline(unit.text, lambda href: self.url_of(f"tips/{href[1:]}/")))

    def paragraph(self, unit: Unit, css: str = "") -> Markup:
        cls = Markup(f' class="{css}"') if css else Markup("")
        return Markup(f"<p{cls}{self.lang_attr(unit)}>{self.inline(unit)}</p>")

    def body_html(self, lookup: Lookup, owner: str, body: str, guide: Guide | None = None) -> tuple[Markup, set[str]]:
        """The body's blocks as HTML, and the translation states of its units."""
        parts, states = self.body_blocks(lookup, owner, body, guide)
        return Markup("\n".join(parts)), states

    def body_blocks(self, lookup: Lookup, owner: str, body: str,
                    guide: Guide | None = None) -> tuple[list[Markup], set[str]]:
        """Each block of the body (paragraph or list) as HTML, and the translation states of its
        units; with `guide` (the guide the body belongs to) each unit carries its originals."""
        parts, states = [], set()
        for block, contexts in body_units(owner, body):
            units = [lookup(c, text) for c, text in zip(contexts, block.items, strict=True)]
            states.update(u.state for u in units)
            others = [self.originals(guide, c, text, unit) if guide else Markup("")
                      for c, text, unit in zip(contexts, block.items, units, strict=True)]
            if block.kind == "paragraph":
                paragraph = self.paragraph(units[0])
                parts.append(Markup('<div class="kb-pair">{}{}</div>').format(paragraph, others[0]) if others[0] else paragraph)
            else:
                tag = "ul" if block.kind == "bullet" else "ol"
                items = "".join(f"<li{self.lang_attr(u)}>{self.inline(u)}{other}</li>" for u, other in zip(units, others, strict=True))
                parts.append(Markup(f"<{tag}>{items}</{tag}>"))
        return parts, states

    def originals(self, guide: Guide, context: str, source: str, shown: Unit) -> Markup:
        """On a translated guide's page, the unit in the guide's language and in English, hidden
        until the reader asks for them (assets/kb-compare.js); kept out of the search index."""
        if self.compare is not guide or self.language == guide.language:
            return Markup("")
        versions = [("original", Unit(source, guide.language, ORIGINAL))]
        if SOURCE_LANGUAGE not in (self.language, guide.language):
            english = self.catalogs.guide_unit(guide, context, source, SOURCE_LANGUAGE)
            if english.state == TRANSLATED:
                versions.append((SOURCE_LANGUAGE, english))
        return Markup("").join(
            Markup('<span class="kb-pair__other" data-kb-compare="{}" data-pagefind-ignore{}>{}</span>').format(
                key, self.lang_of(unit.language), self.inline(unit))
            for key, unit in versions if unit.language != shown.language)

    def compare_choices(self) -> list[tuple[str, str]]:
        """What a translated guide's paragraphs can be compared with: its original, and English."""
        guide = self.compare
        if guide is None or self.language == guide.language:
            return []
        choices = [("original", self.language_name(guide.language))]
        if SOURCE_LANGUAGE not in (self.language, guide.language):
            choices.append((SOURCE_LANGUAGE, self.language_name(SOURCE_LANGUAGE)))
        return choices

    def improve_links(self, guide: Guide, tip: Tip, title: Unit) -> dict | None:
        """Where a reader improves a tip's translation: the catalog open in the repository's editor
        at the tip's first entry, and a new issue with the page, entry and text filled in."""
        repository = self.facts.repository
        if repository is None or self.language == guide.language:
            return None
        context = f"{tip.id}.title"
        catalog = f"{LOCALES_DIR}/{self.language}/LC_MESSAGES/{guide.id}.po"
        line = self.catalogs.entry_line(self.language, guide.id, context)
        page = f"{self.facts.site_url.rstrip('/')}/{page_url(self.language, f'tips/{tip.id}/')}"
        issue = urlencode({"template": "translation-error.yml", "title": f"[translation] {self.language}: {title.text}",
                           "page": page, "language": self.language, "tip": tip.id, "context": context,
                           "current": title.text})
        return {"edit": f"{repository}/edit/main/{catalog}" + (f"#L{line}" if line else ""),
                "issue": f"{repository}/issues/new?{issue}", "catalog": catalog, "line": line}

    def catalog_url(self, language: str, domain: str) -> str | None:
        repository = self.facts.repository
        return f"{repository}/blob/main/{LOCALES_DIR}/{language}/LC_MESSAGES/{domain}.po" if repository else None

    def changed(self, path: str) -> str | None:
        """When a project file last changed (git), in the reader's format; None without history."""
        date = self.facts.changed.get(path)
        return format_date(date, "long", locale=self.format_locale) if date else None


    # Lookups in the catalogs
    def guide_lookup(self, guide: Guide) -> Lookup:
        return lambda context, source: self.catalogs.guide_unit(guide, context, source, self.language)

    def site_unit(self, context: str, source: str) -> Unit:
        return self.catalogs.site_unit(context, source, self.language)

    def topic_name(self, topic: Topic) -> Unit:
        return self.site_unit(f"topic.{topic.id}.name", topic.name)

    def topic_description(self, topic: Topic) -> Unit:
        return self.site_unit(f"topic.{topic.id}.description", topic.description)

    def links(self, links: list[Link], css_class: str) -> Markup:
        """Links as separate items that the stylesheet sets apart, with no words between them: joined
        with "and", names that hold an "and" themselves ("Waiting and time") would run together."""
        return Markup("").join(Markup('<a class="{}" href="{}"{}>{}</a>').format(
            css_class, link.url, self.lang_attr(link.text), link.text.text) for link in links)

    def percent(self, ratio: float) -> str:
        return format_percent(ratio, locale=self.format_locale)

    # Views
    def date(self, guide: Guide) -> str | None:
        if guide.source.date:
            return format_date(guide.source.date, "long", locale=self.format_locale)
        return guide.source.date_shown

    def guide_ref(self, guide: Guide) -> GuideRef:
        return GuideRef(guide.id, self.guide_lookup(guide)(f"{guide.id}.title", guide.title),
                        self.url_of(f"guides/{guide.id}/"), self.language_name(guide.language),
                        audience_label(self.t, guide.audience))

    def language_name(self, language: str) -> str:
        """A language's name in the page's language: the site's translation where it has one
        (site.po, language.<tag>), CLDR's otherwise."""
        unit = self.site_unit(language_context(language), name_in(language, SOURCE_LANGUAGE))
        return unit.text if unit.state in (ORIGINAL, TRANSLATED) else name_in(language, self.language)

    def guides_crumb(self) -> Link:
        """The guides level of a breadcrumb: the guides' list on the home page."""
        label = Unit(site_labels(self.t)["nav_guides"], self.language, ORIGINAL)
        return Link(label, self.url_of("") + "#guides")

    def guide_link(self, guide: Guide) -> Link:
        return Link(self.guide_lookup(guide)(f"{guide.id}.title", guide.title), self.url_of(f"guides/{guide.id}/"))

    def topic_link(self, topic_id: str) -> Link:
        return Link(self.topic_name(self.kb.topics_by_id[topic_id]), self.url_of(f"topics/{topic_id}/"))

    def tip_link(self, tip_id: str) -> Link:
        tip = self.kb.tip(tip_id)
        return Link(self.guide_lookup(self.kb.guide_of(tip_id))(f"{tip.id}.title", tip.title), self.url_of(f"tips/{tip.id}/"))

    def tip(self, tip: Tip, *, original_page: str = "tip") -> TipView:
        guide = self.kb.guide_of(tip.id)
        lookup = self.guide_lookup(guide)
        title = lookup(f"{tip.id}.title", tip.title)
        blocks, states = self.body_blocks(lookup, tip.id, tip.body, guide)
        body, excerpt = Markup("\n".join(blocks)), blocks[0]
        terms = lookup(terms_context(tip.id), "\n".join(tip.terms)) if tip.terms else None
        improve = self.improve_links(guide, tip, title)
        original = None
        if self.language != guide.language:
            original = (self.url_of(f"tips/{tip.id}/", guide.language) if original_page == "tip"
                        else self.url_of(f"guides/{guide.id}/", guide.language) + f"#{tip.id}")
        return TipView(
            tip.id, title, audience_label(self.t, tip.audience), self.guide_ref(guide),
            [self.topic_link(t) for t in tip.topics], body, excerpt,
            combined_state(states | {title.state} | ({terms.state} if terms else set())),
            self.url_of(f"tips/{tip.id}/"), self.url_of(f"guides/{guide.id}/") + f"#{tip.id}", original, terms,
            improve,
        )

    def contrast(self, contrast: Contrast) -> ContrastView:
        body, _ = self.body_html(self.site_unit, f"contrast.{contrast.id}", contrast.body)
        return ContrastView(contrast.id, self.site_unit(f"contrast.{contrast.id}.title", contrast.title), body,
                            [self.tip_link(t) for t in contrast.tips])


def guide_summary_view(ctx: PageContext, guide: Guide) -> dict:
    """What the home and sources pages show of a guide: no tips, which they do not list."""
    lookup = ctx.guide_lookup(guide)
    unit = lambda field, source: lookup(f"{guide.id}.{field}", source)  # noqa: E731
    return {
        "guide": guide,
        "ref": ctx.guide_ref(guide),
        "title": unit("title", guide.title),
        "summary": unit("summary", guide.summary),
        "source_title": unit("source-title", guide.source.title),
        "source_note": unit("source-note", guide.source.note),
        "source_category": unit("source-category", guide.source.category) if guide.source.category else None,
        "source_keywords": [unit(f"source-keyword.{n}", keyword) for n, keyword in enumerate(guide.source.keywords, 1)],
        "date": ctx.date(guide),
    }


def guide_view(ctx: PageContext, guide: Guide) -> dict:
    ctx.compare = guide
    lookup = ctx.guide_lookup(guide)
    sections = []
    for section in guide.sections:
        body = ctx.body_html(lookup, section.id, section.body, guide)[0] if section.body else None
        tips = [ctx.tip(tip, original_page="guide") for tip in section.tips]
        sections.append({"id": section.id, "title": lookup(f"{section.id}.title", section.title), "body": body, "tips": tips})
    return {
        **guide_summary_view(ctx, guide),
        "unfinished": lookup(f"{guide.id}.unfinished", guide.unfinished) if guide.unfinished else None,
        "original_url": None if ctx.language == guide.language else ctx.url_of(f"guides/{guide.id}/", guide.language),
        "sections": sections,
        "state": combined_state({t.state for s in sections for t in s["tips"]}),
        "source_changed": ctx.changed(guide.path),
        "translation_changed": None if ctx.language == guide.language
        else ctx.changed(f"{LOCALES_DIR}/{ctx.language}/LC_MESSAGES/{guide.id}.po"),
    }


def tip_page_view(ctx: PageContext, tip: Tip) -> dict:
    guide = ctx.kb.guide_of(tip.id)
    ctx.compare = guide
    tips = guide.tips
    index = tips.index(tip)
    view = ctx.tip(tip)
    first_unit = body_units(tip.id, tip.body)[0]
    guides = ctx.kb.guides
    next_guide = guides[(guides.index(guide) + 1) % len(guides)] if len(guides) > 1 else None
    return {
        "tip": view,
        "g": {**guide_summary_view(ctx, guide),
              "original_url": None if ctx.language == guide.language else ctx.url_of(f"guides/{guide.id}/", guide.language)},
        "description": first_sentence(ctx.guide_lookup(guide)(first_unit[1][0], first_unit[0].items[0]).text),
        "crumbs": [ctx.guides_crumb(), Link(view.guide.title, view.guide.url)],
        "current": view.title,
        "related": [ctx.tip(ctx.kb.tip(r)) for r in tip.related],
        "contrasts": [ctx.contrast(c) for c in ctx.kb.contrasts_of_tip(tip.id)],
        "previous": ctx.tip_link(tips[index - 1].id) if index > 0 else None,
        "next": ctx.tip_link(tips[index + 1].id) if index + 1 < len(tips) else None,
        # The last tip of a guide leads back to its guide and on to the next one.
        "guide": Link(view.guide.title, view.guide.url) if index + 1 == len(tips) else None,
        "next_guide": ctx.guide_link(next_guide) if next_guide and index + 1 == len(tips) else None,
    }


def home_language_offers(ctx: PageContext) -> list[dict]:
    """On the English home page: for each published language with the offer translated, what the
    first-visit banner says in that language (assets/kb-language.js shows at most one, once)."""
    english = language_offer(NullTranslations())
    offers = []
    for language in ctx.catalogs.published:
        translated = all(ctx.catalogs.site_translated(OFFER_CONTEXT, text, language) for text in english.values())
        if language != SOURCE_LANGUAGE and translated:
            offers.append({"language": language, "dir": direction(language), "url": ctx.url_of("", language),
                           **language_offer(ctx.catalogs.site_gettext(language))})
    return offers


def topic_summary_view(ctx: PageContext, topic: Topic) -> dict:
    """What the topics index shows of a topic: its name, description and counts."""
    tips = ctx.kb.tips_of_topic(topic.id)
    return {
        "id": topic.id,
        "name": ctx.topic_name(topic),
        "description": ctx.topic_description(topic),
        "tip_count": len(tips),
        "guide_count": len({t.guide_id for t in tips}),
    }


def topic_view(ctx: PageContext, topic: Topic) -> dict:
    synthesis, _ = ctx.body_html(ctx.site_unit, f"topic.{topic.id}.synthesis", topic.synthesis)
    tips = ctx.kb.tips_of_topic(topic.id)
    by_guide = [(ctx.guide_ref(g), [ctx.tip(t) for t in tips if t.guide_id == g.id])
                for g in ctx.kb.guides if any(t.guide_id == g.id for t in tips)]
    topics_label = Unit(site_labels(ctx.t)["nav_topics"], ctx.language, ORIGINAL)
    summary = topic_summary_view(ctx, topic)
    return {
        **summary,
        "crumbs": [Link(topics_label, ctx.url_of("topics/"))],
        "current": summary["name"],
        "synthesis": synthesis,
        "contrasts": [ctx.contrast(c) for c in ctx.kb.contrasts_of_topic(topic.id)],
        "by_guide": by_guide,
    }


def matrix_view(ctx: PageContext) -> dict:
    """Rows are topics, columns guides; each cell counts the guide's tips on the topic."""
    guides = [ctx.guide_ref(g) for g in ctx.kb.guides]
    rows = []
    for topic in ctx.kb.topics:
        tips = ctx.kb.tips_of_topic(topic.id)
        cells = []
        for index, guide in enumerate(ctx.kb.guides):
            count = sum(1 for t in tips if t.guide_id == guide.id)
            cells.append({"guide": guide.id, "index": index, "count": count,
                          "url": ctx.url_of(f"topics/{topic.id}/") + f"#{guide.id}" if count else None})
        rows.append({"topic": ctx.topic_link(topic.id), "id": topic.id, "cells": cells, "total": len(tips)})
    return {"guides": guides, "rows": rows}


def path_link(ctx: PageContext, path) -> Link:
    return Link(ctx.site_unit(f"path.{path.id}.title", path.title), ctx.url_of(f"{path.id}/"))


def path_view(ctx: PageContext, path) -> dict:
    intro, _ = ctx.body_html(ctx.site_unit, f"path.{path.id}.intro", path.intro)
    return {
        "id": path.id,
        "title": ctx.site_unit(f"path.{path.id}.title", path.title),
        "intro": intro,
        "groups": [{"id": g.id, "title": ctx.site_unit(f"path.{path.id}.{g.id}.title", g.title), "checkable": g.checkable,
                    "tips": [ctx.tip(ctx.kb.tip(t)) for t in g.tips]} for g in path.groups],
        "checklist": path.checklist,
    }


def status_view(ctx: PageContext) -> dict:
    """Languages by catalogs: how much of each guide a reader of each language sees translated."""
    columns = [ctx.guide_ref(g) for g in ctx.kb.guides]
    rows = []
    for language in ctx.catalogs.languages:
        cells = []
        for guide in ctx.kb.guides:
            if guide.language == language:
                cells.append({"original": True})
                continue
            states = [ctx.catalogs.guide_unit(guide, s.context, s.text, language).state for s in guide_segments(guide)]
            cells.append(_progress(states.count(TRANSLATED), states.count(OUTDATED), len(states),
                                   ctx.catalog_url(language, guide.id)))
        if language == SOURCE_LANGUAGE:
            cells.append({"original": True})
        else:
            site = ctx.catalogs.catalogs.get((language, SITE_DOMAIN))
            translated, fuzzy, untranslated = catalog_stats(site) if site else (0, 0, 0)
            cells.append(_progress(translated, fuzzy, translated + fuzzy + untranslated,
                                   ctx.catalog_url(language, SITE_DOMAIN)))
        rows.append({"language": language, "name": autonym(ctx.catalogs, language), "cells": cells})
    return {"columns": columns, "rows": rows}


def autonym(catalogs: CatalogSet, language: str) -> str:
    """A language's name in itself, as its translators write it (site.po), or CLDR's."""
    unit = catalogs.site_unit(AUTONYM_CONTEXT, name_in(SOURCE_LANGUAGE, SOURCE_LANGUAGE), language)
    return unit.text if unit.state in (ORIGINAL, TRANSLATED) else own_name(language)


def _progress(translated: int, outdated: int, total: int, catalog_url: str) -> dict:
    return {"original": False, "translated": translated, "outdated": outdated, "total": total,
            "ratio": translated / total if total else 1.0, "url": catalog_url}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("etiquette_kb", "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md_title"] = markdown_title
    env.filters["json"] = lambda value: Markup(json.dumps(value, ensure_ascii=False))
    env.filters["terms"] = split_terms
    return env


def first_sentence(text: str, limit: int = 160) -> str:
    """A plain-text description for meta tags: the first sentence of a Markdown unit, or its
    start cut at a word."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
    sentence = re.match(r"(.+?(?:[.!?](?=\s|$)|[。！？]))", plain)
    plain = sentence.group(1) if sentence else plain
    if len(plain) <= limit:
        return plain
    cut = plain[:limit].rsplit(" ", 1)[0] if " " in plain[:limit] else plain[:limit]
    return cut.rstrip(",;:") + "…"


class _FallbackMarker:
    """The page templates' gettext: a site string not yet translated into the page's language is
    shown in English inside <span lang="en"> (and dir="ltr" on a right-to-left page), so screen
    readers and search engines know it is English. Attributes take the text alone (`|striptags`)."""

    def __init__(self, t, catalogs: CatalogSet, language: str):
        self.t, self.catalogs, self.language = t, catalogs, language
        self.direction = "" if direction(language) == direction(SOURCE_LANGUAGE) else f' dir="{direction(SOURCE_LANGUAGE)}"'

    def _mark(self, context: str, message: str, text: str) -> str:
        if self.language == SOURCE_LANGUAGE or self.catalogs.site_translated(context, message, self.language):
            return text
        return Markup('<span lang="{}"{}>{}</span>').format(SOURCE_LANGUAGE, Markup(self.direction), text)

    def pgettext(self, context: str, message: str) -> str:
        return self._mark(context, message, self.t.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._mark(context, singular, self.t.npgettext(context, singular, plural, n))


def _page_writer(env: Environment, kb: KnowledgeBase, catalogs: CatalogSet, out_dir: Path, language: str,
                 written: list[str], facts: SiteFacts) -> Callable[..., None]:
    """A function that renders one page of `language` (values may be functions of its context)."""
    t = catalogs.site_gettext(language)
    # The reader's language named in itself, lower-case where CLDR writes it so ("magyar").
    common = {"language": language, "labels": site_labels(t),
              "language_name": PageContext(language, "", kb, catalogs, t).language_name(language)}

    marked = _FallbackMarker(t, catalogs, language)

    def write(page_path: str, template: str, **values) -> None:
        env.install_gettext_callables(t.gettext, t.ngettext, newstyle=True, pgettext=marked.pgettext,
                                      npgettext=marked.npgettext)
        ctx = PageContext(language, page_url(language, page_path), kb, catalogs, t, facts)
        values = {k: (v(ctx) if callable(v) else v) for k, v in values.items()}
        rel = doc_file(language, page_path)
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.get_template(template).render(ctx=ctx, **common, **values), encoding="utf-8")
        written.append(rel)

    return write


def render_site(kb: KnowledgeBase, catalogs: CatalogSet, out_dir: Path, facts: SiteFacts) -> list[str]:
    """Write every generated page of every language into `out_dir`; return their paths."""
    env = _environment()
    written: list[str] = []
    for language in catalogs.languages:
        write = _page_writer(env, kb, catalogs, out_dir, language, written, facts)
        write("", "home.md.j2", guides=lambda c: [guide_summary_view(c, g) for g in kb.guides], matrix=matrix_view,
              starts=lambda c: {p.audience: path_link(c, p) for p in reversed(kb.paths)},
              offers=lambda c: home_language_offers(c) if c.language == SOURCE_LANGUAGE else [])
        write("sources/", "sources.md.j2", guides=lambda c: [guide_summary_view(c, g) for g in kb.guides])
        for guide in kb.guides:
            write(f"guides/{guide.id}/", "guide.md.j2", g=lambda c, guide=guide: guide_view(c, guide))
            for tip in guide.tips:
                write(f"tips/{tip.id}/", "tip.md.j2", page=lambda c, tip=tip: tip_page_view(c, tip))
        write("topics/", "topics.md.j2", topics=lambda c: [topic_summary_view(c, topic) for topic in kb.topics])
        for topic in kb.topics:
            write(f"topics/{topic.id}/", "topic.md.j2", topic=lambda c, topic=topic: topic_view(c, topic))
        for path in kb.paths:
            write(f"{path.id}/", "path.md.j2", path=lambda c, path=path: path_view(c, path))
        write("status/", "status.md.j2", status=status_view)
        write("search/", "search.md.j2")
    return sorted(written)
