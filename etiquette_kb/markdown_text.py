"""The small Markdown dialect of guide bodies: parse, validate, describe and render it.

A body is paragraphs and flat lists; each paragraph and each list item is one translation unit.
Inline Markdown allows emphasis, code spans and links to tips (`[text](#tip-id)`). One parser
(markdown-it, CommonMark) serves validation, segmentation, the catalog checks and rendering, so
they cannot disagree about what a text means.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

# html=True so that raw HTML shows up as tokens we can reject; rendering uses _RENDERER (html off).
_PARSER = MarkdownIt("commonmark", {"html": True})
_RENDERER = MarkdownIt("commonmark", {"html": False})

TIP_LINK = re.compile(r"^#([a-z0-9]+(?:-[a-z0-9]+)*)$")
_ALLOWED_TAGS = {"a", "em", "strong", "code"}
_FORBIDDEN_BLOCKS = {
    "heading_open": "a heading",
    "html_block": "raw HTML",
    "code_block": "a code block",
    "fence": "a code block",
    "hr": "a horizontal rule",
    "blockquote_open": "a block quote",
    "table_open": "a table",
}


class MarkdownError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line  # 0-based line within the text
        super().__init__(message)


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "bullet" or "ordered"
    items: tuple[str, ...]  # the paragraph's text, or one text per list item
    line: int  # 0-based line of the block within the body


@functools.lru_cache(maxsize=4096)  # every page of every language splits the same bodies
def split_blocks(text: str) -> tuple[Block, ...]:
    """Split a body into paragraphs and flat lists, rejecting anything else."""
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    depth = 0
    list_kind = ""
    items: list[str] = []
    list_line = 0
    for tok in tokens:
        line = tok.map[0] if tok.map else 0
        if tok.type in _FORBIDDEN_BLOCKS:
            raise MarkdownError(line, f"{_FORBIDDEN_BLOCKS[tok.type]} is not allowed in a body")
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            if depth:
                raise MarkdownError(line, "nested lists are not allowed")
            depth, items, list_line = 1, [], line
            list_kind = "bullet" if tok.type == "bullet_list_open" else "ordered"
            if tok.type == "ordered_list_open" and tok.attrGet("start") not in (None, 1, "1"):
                raise MarkdownError(line, "an ordered list must start at 1")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            blocks.append(Block(list_kind, tuple(items), list_line))
            depth = 0
        elif tok.type == "list_item_open":
            items.append("")
        elif tok.type == "paragraph_open" and depth and items[-1]:
            raise MarkdownError(line, "a list item must be a single line of text")
        elif tok.type == "inline":
            content = " ".join(part.strip() for part in tok.content.splitlines())
            if depth:
                items[-1] = content
            else:
                blocks.append(Block("paragraph", (content,), line))
    if not blocks:
        raise MarkdownError(0, "the body is empty")
    return tuple(blocks)


@dataclass(frozen=True)
class InlineShape:
    """What a translation must keep from its source: links, emphasis, code spans."""

    links: tuple[str, ...]
    emphasis: int
    strong: int
    code: int
    html: tuple[str, ...]
    images: int
    stray_markers: tuple[str, ...]

    def structure(self) -> tuple:
        return (Counter(self.links), self.emphasis, self.strong, self.code)


def inline_shape(text: str) -> InlineShape:
    links: list[str] = []
    html: list[str] = []
    counts = Counter()
    stray: list[str] = []
    for block in _PARSER.parse(text):
        if block.type == "html_block":  # raw HTML that starts a block (`<iframe …>` at the start)
            html.append(block.content.strip())
        for tok in block.children or ():
            if tok.type == "link_open":
                links.append(str(tok.attrGet("href") or ""))
            elif tok.type in ("em_open", "strong_open", "code_inline", "image"):
                counts[tok.type] += 1
            elif tok.type == "html_inline":
                html.append(tok.content)
            elif tok.type == "text":
                stray.extend(m for m in ("*", "`") if m in tok.content)
            elif tok.type == "hardbreak":
                stray.append("hard line break")
    return InlineShape(
        links=tuple(links),
        emphasis=counts["em_open"],
        strong=counts["strong_open"],
        code=counts["code_inline"],
        html=tuple(html),
        images=counts["image"],
        stray_markers=tuple(dict.fromkeys(stray)),
    )


def inline_problems(text: str) -> list[str]:
    """Why an inline text is not valid in a source body (empty list when it is)."""
    shape = inline_shape(text)
    problems = []
    if shape.html:
        problems.append(f"raw HTML is not allowed: {shape.html[0]}")
    if shape.images:
        problems.append("images are not allowed")
    for marker in shape.stray_markers:
        problems.append(f"unbalanced {'emphasis' if marker == '*' else marker} marker ({marker})")
    for href in shape.links:
        if not TIP_LINK.match(href):
            problems.append(f"a link must point to a tip as (#tip-id), not {href!r}")
    return problems


def render_inline(text: str, resolve_link: Callable[[str], str]) -> str:
    """Render one unit to safe HTML; `#tip-id` links are resolved to page URLs."""
    return _render_inline(text, tuple(resolve_link(href) for href in _link_targets(text)))


# A unit appears on many pages (a tip on its page, its guide, its topics, the tips that relate to
# it), and its HTML differs only by its links' URLs: each text is rendered once per set of URLs.
@functools.lru_cache(maxsize=1 << 16)
def _link_targets(text: str) -> tuple[str, ...]:
    tokens = _RENDERER.parseInline(text)
    return tuple(str(tok.attrGet("href")) for tok in tokens[0].children or () if tok.type == "link_open")


@functools.lru_cache(maxsize=1 << 16)
def _render_inline(text: str, hrefs: tuple[str, ...]) -> str:
    tokens = _RENDERER.parseInline(text)
    links = iter(hrefs)
    for tok in tokens[0].children or ():
        if tok.type == "link_open":
            tok.attrSet("href", next(links))
    html = _RENDERER.renderer.render(tokens[0].children, _RENDERER.options, {})
    # Defence in depth: catalogs are checked before a build, and the output is sanitised anyway.
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel=None)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!<>&|~-])")


def escape_plain(text: str) -> str:
    """Escape plain text (a title) so Markdown renders it literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)
