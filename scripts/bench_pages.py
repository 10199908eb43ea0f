#!/usr/bin/env python3
"""Page benchmark on the built site/ with Lighthouse (npm `lighthouse`, Debian's Chromium).

Serves site/ locally and runs Lighthouse on each page type in each language; prints the four
category scores, the bytes transferred before any search and the largest contentful paint of the
median run (by performance score) of --runs runs, as Lighthouse's own guidance on variability
advises, with the range of the performance scores over the runs.
Needs npm (npx fetches Lighthouse) and site/ built for the local address, as `bash scripts/dev.sh bench` does:
`SITE_URL=http://127.0.0.1:8765/kb/ python scripts/build.py`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import BENCH_PORT, CHROMIUM_ARGS, NoBrowser, find_browser, serve  # noqa: E402

LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.8.2"]  # from the npm registry, at a pinned version
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def page_types() -> dict[str, str]:
    from etiquette_kb.languages import site_languages
    from etiquette_kb.sources import load_knowledge_base

    kb = load_knowledge_base(ROOT, site_languages(ROOT))
    return {
        "home": "", "guide": f"guides/{kb.guides[0].id}/", "tip": f"tips/{kb.guides[1].tips[0].id}/",
        "topic": f"topics/{kb.topics[0].id}/", "topics": "topics/", "checklist": "checklist/",
        "status": "status/", "search": "search/?q=operator",
        # Lighthouse refuses to audit a page served with status 404; the browser tests check the 404s.
    }


def lighthouse(url: str, out: Path, chrome: str) -> dict:
    command = [*LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
               f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "CHROME_PATH": chrome})
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--language", action="append", help="only these languages (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median counts (default %(default)s)")
    parser.add_argument("--port", type=int, default=BENCH_PORT,
                        help="serve here; build with SITE_URL=http://127.0.0.1:PORT/kb/ (default %(default)s)")
    args = parser.parse_args()
    try:
        chrome = find_browser().path
    except NoBrowser as exc:
        print(exc, file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from etiquette_kb.languages import SOURCE_LANGUAGE, site_languages

    languages = args.language or list(site_languages(ROOT))
    print(f"{'language':<9}{'page':<11}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'KiB':>8}{'LCP ms':>9}{'perf runs':>12}")
    worst = {c: 1.0 for c in CATEGORIES}
    heaviest = 0.0
    with serve(args.site, args.port) as base, tempfile.TemporaryDirectory() as tmp:
        for language in languages:
            prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
            for kind, path in page_types().items():
                runs = sorted((lighthouse(base + prefix + path, Path(tmp) / "report.json", chrome) for _ in range(args.runs)),
                              key=lambda r: r["categories"]["performance"]["score"] or 0.0)
                report = runs[len(runs) // 2]
                spread = [r["categories"]["performance"]["score"] or 0.0 for r in (runs[0], runs[-1])]
                scores = [report["categories"][c]["score"] or 0.0 for c in CATEGORIES]
                kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
                lcp = report["audits"]["largest-contentful-paint"]["numericValue"]
                for category, score in zip(CATEGORIES, scores, strict=True):
                    worst[category] = min(worst[category], score)
                heaviest = max(heaviest, kib if kind != "search" else 0.0)
                print(f"{language:<9}{kind:<11}" + "".join(f"{s:>6.2f}" for s in scores) + f"{kib:>8.1f}{lcp:>9.0f}{spread[0]:>7.2f}–{spread[1]:.2f}",
                      flush=True)
    print(f"lowest scores (median of {args.runs} runs): " + ", ".join(f"{c} {s:.2f}" for c, s in worst.items())
          + f"; heaviest page before any search: {heaviest:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
