"""Where pages live: English at the root, every other language under /<lang>/."""
from __future__ import annotations

import posixpath

from .languages import SOURCE_LANGUAGE


def page_url(language: str, path: str = "") -> str:
    """Site-relative URL of a page, `path` being e.g. 'guides/<id>/' ('' for the home page)."""
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    return prefix + path


def doc_file(language: str, path: str) -> str:
    """The generated Markdown file (mkdocs-static-i18n suffix structure) for a page path."""
    stem = path.rstrip("/") or "index"
    return f"{stem}.{language}.md"


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site-relative URLs of directory-style pages."""
    target, _, fragment = to_url.partition("#")
    rel = posixpath.relpath("/" + target, "/" + from_url)
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel + (f"#{fragment}" if fragment else "")
