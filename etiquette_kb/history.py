"""When a text last changed, from git: the date of the last commit that touched its file.

Builds stay reproducible (the same commit gives the same dates). Without git or without history
(a source tarball, a shallow clone's single commit aside) the dates are simply not shown."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

_COMMIT = "\0"  # starts a commit's line in the log below (git writes it for %x00); its files follow


def last_changed(root: Path, paths: list[Path]) -> dict[Path, dt.date]:
    """The date of the last commit that touched each file (files git does not know are left out).
    One walk of the history for all the files: the first commit that names a file is its last."""
    git = shutil.which("git")
    base = root.resolve()
    wanted = {p.resolve().relative_to(base).as_posix(): p for p in paths if p.resolve().is_relative_to(base)}
    if git is None or not wanted:
        return {}
    try:
        result = subprocess.run([git, "-c", "core.quotePath=false", "log", "--relative", "--format=%x00%cs",
                                 "--name-only", "--", *wanted], cwd=root, capture_output=True, text=True,
                                timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:  # not a git work tree
        return {}
    dates: dict[Path, dt.date] = {}
    date = None
    for line in result.stdout.splitlines():
        if line.startswith(_COMMIT):
            date = dt.date.fromisoformat(line[1:])
        elif date and line in wanted:
            dates.setdefault(wanted[line], date)
    return dates
