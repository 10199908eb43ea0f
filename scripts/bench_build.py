#!/usr/bin/env python3
"""Build benchmark: the real build, then synthetic knowledge bases made from the real one.

For each size (languages x guides) it prints seconds, pages per second and peak memory of
`scripts/build.py`, and the same for a plain `mkdocs build` (Material and mkdocs-static-i18n, no
etiquette-kb plugin, no Pagefind) of the very pages our pipeline generated, and the ratio of the two.
The plain build runs upstream mkdocs-static-i18n; "plain*" is the same build with the
etiquette-kb-i18n routing (etiquette_kb/i18n_routing.py), which isolates what the rest of our
pipeline costs.
Synthetic guides are renamed copies of the real ones; synthetic languages are placeholder folders
under locales/ whose pages fall back to the originals, as a newly added language does.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(5, 4), (20, 20), (40, 40)]
# Languages Babel, Material and mkdocs-static-i18n all know, to pad the site languages.
EXTRA_LANGUAGES = ["de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "fi", "nb", "tr", "el",
                   "uk", "bg", "ro", "hr", "sl", "lt", "lv", "et", "ko", "zh", "vi", "th", "ca", "eu", "gl",
                   "is", "mk", "sq", "af", "cy", "ms", "hy", "ka", "az", "bn", "hi", "ta", "te", "fa"]
MEASURE = """import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - started
if code.returncode:
    sys.stderr.write(code.stderr[-3000:])
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code.returncode)
"""


def measure(command: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Seconds (the fastest of `repeat` runs: the machine is shared, noise only adds time) and
    peak resident memory (MiB) of a command run in its own process tree."""
    runs = []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=False,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds, peak_kib, code = result.stdout.split()
        if code != "0":
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
        runs.append((float(seconds), int(peak_kib) / 1024))
    return min(s for s, _ in runs), max(m for _, m in runs)


def copy_guide(text: str, copy: int, tip_ids: list[str], section_ids: list[str], guide_id: str) -> str:
    """A renamed copy of a guide source: every id gets the suffix of its copy."""
    suffix = f"-copy{copy}"
    for identifier in sorted([guide_id, *tip_ids, *section_ids], key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", identifier + suffix, text)
    return text


def make_project(target: Path, languages: int, guides: int) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "theme", "docs", "sources", "locales"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    (target / "sources" / "reader-paths.yml").unlink()  # copies would not be listed in the paths
    originals = sorted((ROOT / "sources" / "guides").glob("*.yml"))
    for index in range(guides - len(originals)):
        original = originals[index % len(originals)]
        data = yaml.safe_load(original.read_text(encoding="utf-8"))
        tips = [t["id"] for s in data["sections"] for t in s.get("tips", [])]
        sections = [s["id"] for s in data["sections"]]
        text = copy_guide(original.read_text(encoding="utf-8"), index, tips, sections, data["id"])
        (target / "sources" / "guides" / f"{data['id']}-copy{index}.yml").write_text(text, encoding="utf-8")
    existing = [p.name for p in (target / "locales").iterdir() if p.name != "templates"]
    for code in EXTRA_LANGUAGES[: max(0, languages - len(existing))]:
        (target / "locales" / code / "LC_MESSAGES").mkdir(parents=True)
    return target


def plain_config(project: Path, generated: Path, i18n_plugin: str) -> Path:
    """mkdocs.yml for the same pages without our plugin: Material and an mkdocs-static-i18n only."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    languages = sorted(p.name for p in (project / "locales").iterdir() if (p / "LC_MESSAGES").is_dir())
    entries = "\n".join(f"        - locale: {code}\n          name: {code}\n          build: true"
                        + ("\n          default: true" if code == "en" else "") for code in ["en", *[c for c in languages if c != "en"]])
    config = config.replace("  - etiquette-kb\n", "")
    config = re.sub(r"  - etiquette-kb-i18n:.*\n", f"  - {i18n_plugin}:\n", config)
    config = re.sub(r"      languages:.*?\n(?=\S)", f"      languages:\n{entries}\n\n", config, flags=re.DOTALL)
    config = config.replace("docs_dir: docs", f"docs_dir: {generated}")
    config = config.replace("strict: true", "strict: false")  # without our nav, unlisted pages warn
    config += "\nextra:\n  kb_search: {}\n  kb_language_root: ''\n"  # what our plugin would set
    path = project / f"mkdocs-plain-{i18n_plugin}.yml"
    path.write_text(config, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(f"{languages}x{guides}" for languages, guides in SIZES),
                        help="languages x guides, comma-separated (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; the fastest counts (default: %(default)s)")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    print("plain: Material + upstream mkdocs-static-i18n; plain*: the same with etiquette-kb-i18n")
    print(f"{'':<17}" + "".join(f"{' ' + name + ' ':-^28}" for name in ("ours", "plain", "plain*")))
    print(f"{'size':<10}{'pages':>7}" + f"{'s':>9}{'pages/s':>9}{'peak MiB':>10}" * 3
          + f"{'ours/plain':>12}{'ours/plain*':>12}")
    for languages, guides in sizes:
        with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
            project = make_project(Path(tmp) / "project", languages, guides)
            # Catalogs for the copies and the new languages, as `l10n.py update` makes them.
            subprocess.run([sys.executable, str(ROOT / "scripts" / "l10n.py"), "--root", str(project), "update"],
                           check=True, capture_output=True)
            site = Path(tmp) / "site"
            ours, ours_peak = measure([sys.executable, str(ROOT / "scripts" / "build.py"), "--config-file",
                                       str(project / "mkdocs.yml"), "--site-dir", str(site)], project, args.repeat)
            pages = sum(1 for _ in site.rglob("index.html"))
            generated = Path(tmp) / "pages"
            shutil.copytree(project / "build" / "pages", generated)
            row = [(ours, ours_peak)]
            for i18n_plugin in ("i18n", "etiquette-kb-i18n"):
                row.append(measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                    str(plain_config(project, generated, i18n_plugin)), "-d",
                                    str(Path(tmp) / f"plain-{i18n_plugin}")], project, args.repeat))
            print(f"{f'{languages}x{guides}':<10}{pages:>7}"
                  + "".join(f"{seconds:>9.1f}{pages / seconds:>9.1f}{peak:>10.0f}" for seconds, peak in row)
                  + f"{ours / row[1][0]:>12.2f}{ours / row[2][0]:>12.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
