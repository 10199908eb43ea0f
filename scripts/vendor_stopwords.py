#!/usr/bin/env python3
"""Vendor the stop word lists of the npm package `stopword` into etiquette_kb/data/.

The search drops a query's stop words before it looks for the words that matter (kb-search.js);
the lists come from a maintained package rather than from the project. This script (for
maintainers; it needs npm and the npm registry) fetches the pinned version, keys its lists by BCP 47
language with CLDR's aliases from Babel ('eng' -> 'en', 'porBr' -> 'pt-BR'), and writes
etiquette_kb/data/stopwords.json and the package's licences next to it.

    python scripts/vendor_stopwords.py [--version 3.1.5]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from babel.core import get_global

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "etiquette_kb" / "data"
PACKAGE = "stopword"
VERSION = "3.1.5"
# The package's own keys that are not ISO 639-3 codes.
SPECIAL = {"porBr": "pt-BR", "panGu": "pa", "lgg": None, "lggNd": None, "_123": None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION)
    args = parser.parse_args()
    aliases = get_global("language_aliases")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{args.version}", "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        lists = json.loads(subprocess.run(
            ["node", "-e", "const s = require('./dist/stopword.cjs.js'); const o = {};"
             "for (const [k, v] of Object.entries(s)) if (Array.isArray(v)) o[k] = v;"
             "process.stdout.write(JSON.stringify(o));"],
            cwd=package, check=True, capture_output=True, text=True).stdout)
        licences = (package / "dist" / "3rd-party.txt").read_text(encoding="utf-8")
    by_language = {}
    for key, words in sorted(lists.items()):
        language = SPECIAL[key] if key in SPECIAL else aliases.get(key)
        if language:
            by_language[language] = sorted({w.strip().casefold() for w in words if w.strip()})
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "stopwords.json").write_text(json.dumps(
        {"source": f"npm {PACKAGE}@{args.version} (MIT; each list under its own licence: stopwords-LICENSES.txt)",
         "languages": by_language}, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    (DATA / "stopwords-LICENSES.txt").write_text(licences, encoding="utf-8")
    print(f"{len(by_language)} languages from {PACKAGE}@{args.version} into {DATA.relative_to(ROOT)}/stopwords.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
