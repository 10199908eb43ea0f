"""Where pages live: English at the root, every other language under /<lang>/."""
from __future__ import annotations

from .languages import SOURCE_LANGUAGE


def page_url(language: str, path: str = "") -> str:
    """Site-relative URL of a page, `path` being e.g. 'guides/<id>/' ('' for the home page)."""
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    return prefix + path


def doc_file(language: str, path: str) -> str:
    """The generated Markdown file (mkdocs-static-i18n suffix structure) for a page path: each page
    is its folder's index, so a guide's page can head the section of its tips in the navigation."""
    stem = path.rstrip("/")
    return f"{stem}/index.{language}.md" if stem else f"index.{language}.md"


def relative(from_url: str, to_url: str) -> str:
    """A relative link from a directory-style page ('' or ending in '/') to a site-relative URL.

    Segments compared by hand, not posixpath.relpath: a build makes over 100,000 of these links,
    and relpath's normalisation was a tenth of page generation."""
    target, _, fragment = to_url.partition("#")
    source_parts, target_parts = from_url.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(source_parts), len(target_parts)) and source_parts[common] == target_parts[common]:
        common += 1
    rel = "/".join([".."] * (len(source_parts) - common) + target_parts[common:]) or "./"
    return rel + (f"#{fragment}" if fragment else "")
