#!/usr/bin/env python3
"""Translation commands for contributors: update, check, add-language, stats.

    python scripts/l10n.py update [--check] [--no-obsolete]   re-extract templates, update every catalog
    python scripts/l10n.py check [PATH ...]   validate catalogs (all, or the ones named)
    python scripts/l10n.py fmt [PATH ...]     rewrite catalogs the way the project writes them
    python scripts/l10n.py add-language CODE  create the catalogs of a new site language
    python scripts/l10n.py stats [--json]     translated, fuzzy and untranslated counts
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etiquette_kb import l10n  # noqa: E402
from etiquette_kb.problems import InputError  # noqa: E402
from etiquette_kb.theme_languages import material_language  # noqa: E402


def cmd_update(args) -> int:
    changed = l10n.update(args.root, dry_run=args.check, no_obsolete=args.no_obsolete)
    verb = "out of date" if args.check else "updated"
    for path in changed:
        print(f"{verb}: {path.relative_to(args.root)}")
    if args.check:
        print(f"{len(changed)} file(s) differ from what `l10n.py update` would write")
        return 1 if changed else 0
    print(f"{len(changed)} file(s) changed")
    return 0


def cmd_fmt(args) -> int:
    changed = l10n.fmt(args.root, [Path(p) for p in args.paths] or None)
    for path in changed:
        print(f"rewritten: {path.relative_to(args.root)}")
    print(f"{len(changed)} file(s) rewritten")
    return 0


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command: the finding shows on the line in the pull request's diff."""
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    level = "error" if problem.severity == "error" else "warning"
    where = escape(problem.path).replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={where},line={problem.line},title={problem.rule}::{escape(problem.message)}"


def cmd_check(args) -> int:
    problems = l10n.check(args.root, [Path(p) for p in args.paths] or None)
    for problem in problems:
        print(github_annotation(problem) if args.format == "github" else problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_add_language(args) -> int:
    try:
        tag, created = l10n.add_language(args.root, args.code)
    except ValueError as exc:
        print(f"add-language: {exc}", file=sys.stderr)
        return 2
    for path in created:
        print(f"created {path.relative_to(args.root)}")
    print(f"'{tag}' is registered: the next `python scripts/build.py` builds it under /{tag}/")
    if not material_language(tag):
        print(f"warning: Material for MkDocs has no labels for '{tag}'; its theme labels fall back to English "
              f"until site.po translates them", file=sys.stderr)
    return 0


def cmd_stats(args) -> int:
    rows = l10n.stats(args.root)
    if args.json:
        print(json.dumps([{**asdict(r), "total": r.total, "percent_translated": r.percent_translated} for r in rows], indent=2))
        return 0
    print(f"{'language':<9}{'catalog':<28}{'translated':>11}{'fuzzy':>7}{'untranslated':>13}{'%':>7}")
    for r in rows:
        print(f"{r.language:<9}{r.domain:<28}{r.translated:>11}{r.fuzzy:>7}{r.untranslated:>13}{r.percent_translated:>7.1f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    update = sub.add_parser("update", help="re-extract templates from the sources and update every catalog")
    update.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if updating would change a file (CI's drift check)")
    update.add_argument("--no-obsolete", action="store_true",
                        help="drop entries no source has any more (#~), as msgattrib --no-obsolete does")
    update.set_defaults(func=cmd_update)
    fmt = sub.add_parser("fmt", help="rewrite catalogs the way the project writes them (after Poedit, msgcat...)")
    fmt.add_argument("paths", nargs="*", help="catalogs to rewrite (default: all)")
    fmt.set_defaults(func=cmd_fmt)
    check = sub.add_parser("check", help="validate catalogs: path:line: rule-id: message, then a summary")
    check.add_argument("paths", nargs="*", help="catalogs to check (default: all)")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: workflow commands, shown as annotations on the pull request's lines")
    check.set_defaults(func=cmd_check)
    add = sub.add_parser("add-language", help="create the catalogs of a new site language and register it")
    add.add_argument("code", help="a language code Babel knows, BCP 47 or POSIX: 'es', 'pt-BR', 'pt_BR', 'zh-Hant', 'es-419'")
    add.set_defaults(func=cmd_add_language)
    stat = sub.add_parser("stats", help="per language and catalog: translated, fuzzy and untranslated entries")
    stat.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stat.set_defaults(func=cmd_stats)
    args = parser.parse_args()
    try:
        return args.func(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} error(s) in the sources or catalogs", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
