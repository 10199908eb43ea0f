"""`python scripts/build.py serve`: a broken catalog while serving leaves the last good site served."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from browser import free_port
from conftest import ROOT, make_project

pytestmark = pytest.mark.slow


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return 0


def _wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_broken_catalog_while_serving_keeps_the_last_good_site_served(tmp_path: Path):
    project = make_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/kb/hu/guides/kalm/"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/build.py"), "serve", "--config-file", str(project / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    try:
        assert _wait_for(lambda: _status(url) == 200), "the site is served"
        catalog = project / "locales/hu/LC_MESSAGES/site.po"
        catalog.write_text('msgid ""\nmsgstr "broken\n', encoding="utf-8")
        assert _wait_for(lambda: any("still serving the last good site" in line for line in output)), "".join(output)
        assert _status(url) == 200, "the last good site is still served"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert any("po-syntax" in line for line in output)
