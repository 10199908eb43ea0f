#!/usr/bin/env python3
"""Search benchmark on the built site/ (build it first for the local address, as `bash scripts/dev.sh
bench` does: `SITE_URL=http://127.0.0.1:8765/kb/ python scripts/build.py`).

Serves site/, drives Debian's Chromium through Pagefind's API with the query set of
tests/search_queries.yml and prints, per language: recall@5, the share of results from another
language, median and 95th-percentile warm query time, and the kilobytes the first query downloads (as served, and gzipped
as a static host such as GitHub Pages serves text).
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import BENCH_PORT, CHROMIUM_ARGS, NoBrowser, find_browser, serve  # noqa: E402

# Runs in the page, through the header search's own functions (assets/kb-search.js).
SEARCH = """async (query) => {
  await window.kbSearch.loadPagefind();
  const started = performance.now();
  const results = await window.kbSearch.search(query, {});
  const top = await Promise.all(results.slice(0, 5).map(r => r.data()));
  const elapsed = performance.now() - started;
  return { elapsed, urls: top.map(d => d.url), total: results.length };
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def tip_of(url: str) -> str | None:
    parts = urlsplit(url).path.strip("/").split("/")
    return parts[parts.index("tips") + 1] if "tips" in parts else None


def bench_language(browser, base_url: str, language: str, queries: list[dict], languages: list[str],
                   verbose: bool = False) -> dict:
    context = browser.new_context()
    page = context.new_page()
    downloaded = {"bytes": 0, "gzip": 0, "counting": False}

    def count(response):
        if downloaded["counting"] and "/pagefind/" in response.url:
            try:
                body = response.body()
            except PlaywrightError:  # a response without a body (redirect, cache)
                return
            downloaded["bytes"] += len(body)
            # Static hosts (GitHub Pages) gzip text; Pagefind's own index files are gzipped already.
            textual = response.url.endswith((".js", ".json", ".css"))
            downloaded["gzip"] += len(gzip.compress(body, 9)) if textual else len(body)

    page.on("response", count)
    page.goto(base_url + ("" if language == "en" else f"{language}/"))
    page.wait_for_load_state("networkidle")
    downloaded["counting"] = True
    page.evaluate(SEARCH, queries[0]["query"])
    page.wait_for_load_state("networkidle")
    downloaded["counting"] = False
    first_kb, first_gzip_kb = downloaded["bytes"] / 1024, downloaded["gzip"] / 1024

    recalls, timings, foreign, results = [], [], 0, 0
    site_path = urlsplit(base_url).path
    for entry in queries:
        page.evaluate(SEARCH, entry["query"])  # warm the chunks this query needs
        outcome = page.evaluate(SEARCH, entry["query"])
        timings.append(outcome["elapsed"])
        found = {tip_of(u) for u in outcome["urls"]}
        expected = set(entry["tips"])
        recalls.append(len(found & expected) / len(expected))
        if verbose and expected - found:
            print(f"  {language} miss: {entry['query']!r} expected {sorted(expected - found)}, top 5 {sorted(found - {None})}")
        for url in outcome["urls"]:
            first = url[len(site_path):].split("/")[0]
            in_language = first == language if language != "en" else first not in languages
            foreign += not in_language
            results += 1
    context.close()
    return {
        "recall": statistics.mean(recalls),
        "foreign": foreign / results if results else 0.0,
        "median": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "first_kb": first_kb,
        "first_gzip_kb": first_gzip_kb,
        "queries": len(queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    parser.add_argument("--verbose", action="store_true", help="also print each query that misses a tip")
    parser.add_argument("--language", action="append", help="only these languages (repeatable)")
    parser.add_argument("--port", type=int, default=BENCH_PORT,
                        help="serve here; build with SITE_URL=http://127.0.0.1:PORT/kb/ (default %(default)s)")
    args = parser.parse_args()
    if not (args.site / "pagefind").is_dir():
        print(f"{args.site} has no Pagefind index: run `python scripts/build.py` first", file=sys.stderr)
        return 1
    try:
        chrome = find_browser().path
    except NoBrowser as exc:
        print(exc, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    query_set = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    languages = list(query_set)
    chosen = args.language or languages
    print(f"{'language':<9}{'queries':>8}{'recall@5':>10}{'foreign':>9}{'median ms':>11}{'p95 ms':>9}{'first KB':>10}{'gzipped':>9}")
    with serve(args.site, args.port) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=CHROMIUM_ARGS)
        for language in chosen:
            row = bench_language(browser, base_url, language, query_set[language], languages, args.verbose)
            print(f"{language:<9}{row['queries']:>8}{row['recall']:>10.2f}{row['foreign']:>9.2f}"
                  f"{row['median']:>11.1f}{row['p95']:>9.1f}{row['first_kb']:>10.1f}{row['first_gzip_kb']:>9.1f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
