"""When a text last changed, from git: the date of the last commit that touched its file.

Builds stay reproducible (the same commit gives the same dates). Without git or without history
(a source tarball, a shallow clone's single commit aside) the dates are simply not shown."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path


def last_changed(root: Path, paths: list[Path]) -> dict[Path, dt.date]:
    """The date of the last commit that touched each file (files git does not know are left out)."""
    git = shutil.which("git")
    if git is None:
        return {}
    dates = {}
    for path in paths:
        try:
            result = subprocess.run([git, "log", "-1", "--format=%cs", "--", str(path)], cwd=root,
                                    capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return {}
        if result.returncode != 0:  # not a git work tree
            return {}
        if result.stdout.strip():
            dates[path] = dt.date.fromisoformat(result.stdout.strip())
    return dates
