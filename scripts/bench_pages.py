#!/usr/bin/env python3
"""Page benchmark with Lighthouse (mobile), the project's pages beside plain Material pages of the
same text, run in alternation so the machine's noise falls on both.

For each page type (and language) the page's article is copied into a plain MkDocs + Material site
(Material's defaults, `font: false`, no plugin, no script of ours), built with the same MkDocs and
Material. Both sites are served the same way (gzipped, like a static host) and Lighthouse audits
project, plain, project, plain... --runs times each. Printed per page type: the median performance,
LCP, TBT and transfer size of each, and the ratios (project / plain): the number the project is
judged by. Every number is that metric's median over the runs; `TBT +` is the difference in ms
(a plain page's TBT is often near 0 ms, where a ratio only shows noise). `--absolute` adds the
project's four category scores.

    python scripts/bench_pages.py [--site site] [--language en --language ja] [--runs 3] [--absolute]

Needs npm (npx fetches Lighthouse at a pinned version) and a browser (tests/browser.py finds it).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, NoBrowser, find_browser, serve  # noqa: E402

LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.8.2"]  # from the npm registry, at a pinned version
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ARTICLE_START = '<article class="md-content__inner md-typeset">'
ARTICLE_TAG = re.compile(r"<(/?)article\b")
PLAIN_CONFIG = """site_name: {site_name}
site_url: {site_url}
use_directory_urls: true
theme:
  name: material
  language: {language}
  font: false
"""


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


def article_html(page: str) -> str:
    """The content of the page's main <article>, nested <article>s (the home page's guide cards) included."""
    start = page.find(ARTICLE_START)
    if start < 0:
        return ""
    depth, body = 1, start + len(ARTICLE_START)
    for tag in ARTICLE_TAG.finditer(page, body):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[body:tag.start()]
    return ""


def build_plain_site(site: Path, languages: list[str], kinds: dict[str, str], out: Path) -> None:
    """A plain Material site holding, for each language and page type, the same article text."""
    docs = out / "docs"
    for language in languages:
        prefix = "" if language == "en" else f"{language}/"
        for kind, path in kinds.items():
            page = site / prefix / path.split("?")[0] / "index.html"
            article = article_html(page.read_text(encoding="utf-8"))
            target = docs / language / kind / "index.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            # Raw HTML passes through Markdown as it is: the same text and markup, without our scripts.
            target.write_text(f"<div markdown=\"0\">\n{article}\n</div>\n", encoding="utf-8")
    (docs / "index.md").write_text("# Plain\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(PLAIN_CONFIG.format(site_name="Support Etiquette", site_url="http://127.0.0.1/kb/",
                                                        language="en"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out / "site")],
                   cwd=out, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def lighthouse(url: str, report: Path, chrome: str) -> dict:
    command = [*LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
               f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "CHROME_PATH": chrome})
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": data["categories"]["performance"]["score"],
        "scores": {c: data["categories"][c]["score"] for c in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def medians(runs: list[dict]) -> dict:
    """Each metric's own median over the runs (not the metrics of one run)."""
    return {key: statistics.median(r[key] for r in runs) for key in ("performance", "lcp", "tbt", "kib")} | {
        "scores": {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--language", action="append", help="languages (repeatable; default: en and ja)")
    parser.add_argument("--kind", action="append", help="page types (repeatable; default: all)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site (default %(default)s)")
    parser.add_argument("--absolute", action="store_true", help="also print the project's four category scores")
    args = parser.parse_args()
    try:
        chrome = find_browser().path
    except NoBrowser as exc:
        print(exc, file=sys.stderr)
        return 1
    languages = args.language or ["en", "ja"]
    kinds = {k: v for k, v in page_types().items() if not args.kind or k in args.kind}
    print(f"{'lang':<5}{'page':<10}{'perf':>6}{'plain':>7}{'LCP ms':>8}{'plain':>7}{'TBT ms':>8}{'plain':>7}"
          f"{'KiB':>7}{'plain':>7}{'LCP x':>7}{'TBT x':>7}{'TBT +':>7}{'KiB x':>7}  perf runs (project | plain)")
    with tempfile.TemporaryDirectory() as tmp:
        build_plain_site(args.site, languages, kinds, Path(tmp) / "plain")
        with serve(args.site) as project_url, serve(Path(tmp) / "plain" / "site") as plain_url:
            for language in languages:
                prefix = "" if language == "en" else f"{language}/"
                for kind, path in kinds.items():
                    runs = {"project": [], "plain": []}
                    for _ in range(args.runs):  # alternated: the same noise for both
                        runs["project"].append(lighthouse(project_url + prefix + path, Path(tmp) / "r.json", chrome))
                        plain = f"{plain_url}{language}/{kind}/"
                        runs["plain"].append(lighthouse(plain, Path(tmp) / "r.json", chrome))
                    ours, base = medians(runs["project"]), medians(runs["plain"])
                    spread = " ".join(f"{r['performance']:.2f}" for r in runs["project"]) + " | " + \
                        " ".join(f"{r['performance']:.2f}" for r in runs["plain"])
                    print(f"{language:<5}{kind:<10}{ours['performance']:>6.2f}{base['performance']:>7.2f}"
                          f"{ours['lcp']:>8.0f}{base['lcp']:>7.0f}{ours['tbt']:>8.0f}{base['tbt']:>7.0f}"
                          f"{ours['kib']:>7.1f}{base['kib']:>7.1f}{ours['lcp'] / base['lcp']:>7.2f}"
                          f"{(ours['tbt'] + 1) / (base['tbt'] + 1):>7.2f}{ours['tbt'] - base['tbt']:>+7.0f}"
                          f"{ours['kib'] / base['kib']:>7.2f}  {spread}",
                          flush=True)
                    if args.absolute:
                        print("      " + "  ".join(f"{c} {ours['scores'][c]:.2f}" for c in CATEGORIES), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
