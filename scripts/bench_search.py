#!/usr/bin/env python3
"""Search benchmark on a built site: how well the header search answers each query set.

Serves the site, runs every query of each set through the search's own function in a browser
(`window.kbSearch.search`, as the search box does) and prints, per set and language: recall@1,
recall@5 (the share of a query's expected tips in its first 1 and 5 results, averaged), MRR (the
mean of 1/rank of the first expected tip), the median number of results, of results for
single-word queries, the share of results from another language, the median and 95th-percentile
warm query time, and what the first query downloads.

The sets: tests/search_queries.yml (the tuning set the search was developed on) and
tests/search_heldout.yml (written before the search changed, by someone who had not seen its
code: the number that counts), and tests/search_words.yml (single common words, for the number of
results alone). `--verbose` lists the misses of the tuning set only.

    python scripts/bench_search.py [--site site] [--set tests/search_heldout.yml ...]
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

from browser import CHROMIUM_ARGS, NoBrowser, find_browser, serve  # noqa: E402

TUNING = ROOT / "tests" / "search_queries.yml"
HELD_OUT = ROOT / "tests" / "search_heldout.yml"
WORDS = ROOT / "tests" / "search_words.yml"
# Runs in the page, through the header search's own functions (assets/kb-search.js).
SEARCH = """async (query) => {
  await window.kbSearch.loadPagefind();
  const started = performance.now();
  const found = await window.kbSearch.search(query, {});
  const elapsed = performance.now() - started;
  const results = Array.isArray(found) ? found : found.tips;  // an array on sites built before 2026-11-30
  const data = await Promise.all(results.slice(0, 20).map(r => r.data()));
  return { elapsed, urls: data.map(d => d.url), total: results.length };
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def tip_of(url: str) -> str | None:
    parts = urlsplit(url).path.strip("/").split("/")
    return parts[parts.index("tips") + 1] if "tips" in parts else None


def single_word(query: str, language: str) -> bool:
    return len(query.split()) == 1 and (language != "ja" or len(query) <= 6)


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

    at1, at5, reciprocal, timings, totals, single_totals = [], [], [], [], [], []
    foreign = results = 0
    site_path = urlsplit(base_url).path
    for entry in queries:
        page.evaluate(SEARCH, entry["query"])  # warm the chunks this query needs
        outcome = page.evaluate(SEARCH, entry["query"])
        timings.append(outcome["elapsed"])
        totals.append(outcome["total"])
        if single_word(entry["query"], language):
            single_totals.append(outcome["total"])
        ranked = [tip_of(u) for u in outcome["urls"]]
        expected = set(entry.get("tips", ()))
        if not expected:  # a query measured for its result count only (search_words.yml)
            continue
        at1.append(len(set(ranked[:1]) & expected) / len(expected))
        at5.append(len(set(ranked[:5]) & expected) / len(expected))
        rank = next((i for i, tip in enumerate(ranked, 1) if tip in expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
        if verbose and expected - set(ranked[:5]):
            print(f"  {language} miss: {entry['query']!r} expected {sorted(expected - set(ranked[:5]))}, "
                  f"top 5 {[t for t in ranked[:5] if t]}")
        for url in outcome["urls"][:5]:
            first = url[len(site_path):].split("/")[0]
            in_language = first == language if language != "en" else first not in languages
            foreign += not in_language
            results += 1
    context.close()
    return {
        "queries": len(queries),
        "recall1": statistics.mean(at1) if at1 else float("nan"),
        "recall5": statistics.mean(at5) if at5 else float("nan"),
        "mrr": statistics.mean(reciprocal) if reciprocal else float("nan"),
        "results": statistics.median(totals),
        "single": statistics.median(single_totals) if single_totals else float("nan"),
        "foreign": foreign / results if results else 0.0,
        "median": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "first_gzip_kb": downloaded["gzip"] / 1024,
    }


HEADER = (f"{'set':<17}{'language':<9}{'queries':>8}{'R@1':>6}{'R@5':>6}{'MRR':>6}{'results':>8}{'1-word':>7}"
          f"{'foreign':>8}{'ms med':>8}{'ms p95':>8}{'first KB':>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--set", dest="sets", type=Path, action="append",
                        help=f"a query set (repeatable; default: {TUNING.name}, {HELD_OUT.name}, {WORDS.name})")
    parser.add_argument("--verbose", action="store_true", help="list each tuning-set query that misses a tip")
    parser.add_argument("--show-held-out-misses", action="store_true",
                        help="also list the misses of every other set: each query looked at must then be replaced by a "
                             "reserve query (tests/search_reserve.yml) and the replacement said in the closing note")
    parser.add_argument("--language", action="append", help="only these languages (repeatable)")
    parser.add_argument("--port", type=int, default=0, help="serve here (default: a free port)")
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

    sets = args.sets or [TUNING, HELD_OUT, WORDS]
    print(HEADER)
    with serve(args.site, args.port) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=CHROMIUM_ARGS)
        for path in sets:
            query_set = yaml.safe_load(path.read_text(encoding="utf-8"))
            languages = list(query_set)
            name = "held-out" if path.resolve() == HELD_OUT.resolve() else path.stem.replace("search_", "")
            for language in args.language or languages:
                # Any set but the tuning set is held out: its misses are listed only on request.
                tuning = path.resolve() == TUNING.resolve()
                verbose = args.verbose if tuning else args.show_held_out_misses
                row = bench_language(browser, base_url, language, query_set[language], languages, verbose)
                print(f"{name:<17}{language:<9}{row['queries']:>8}{row['recall1']:>6.2f}{row['recall5']:>6.2f}"
                      f"{row['mrr']:>6.2f}{row['results']:>8.0f}{row['single']:>7.0f}{row['foreign']:>8.2f}"
                      f"{row['median']:>8.1f}{row['p95']:>8.1f}{row['first_gzip_kb']:>9.1f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
