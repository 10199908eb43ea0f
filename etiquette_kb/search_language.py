"""What the search script needs to know about a language, written next to the pages: its stop
words, from the vendored lists of the npm package `stopword` (data/stopwords.json, refreshed by
scripts/vendor_stopwords.py; licences in data/stopwords-LICENSES.txt).

The browser fetches the file of its page's language the first time a reader searches."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "stopwords.json"


@cache
def _lists() -> dict[str, list[str]]:
    return json.loads(DATA.read_text(encoding="utf-8"))["languages"]


def stop_words(tag: str) -> list[str]:
    """The stop words of a language: its own list, or its base language's ('pt-BR', then 'pt')."""
    lists = _lists()
    return lists.get(tag) or lists.get(tag.split("-")[0], [])


def search_data_path(tag: str) -> str:
    """Where a language's search data lives in the site (a path MkDocs copies as it is)."""
    return f"assets/kb-search/{tag}.json"


def write_search_data(docs_dir: Path, languages: tuple[str, ...]) -> None:
    for tag in languages:
        target = docs_dir / search_data_path(tag)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"stopWords": stop_words(tag)}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
