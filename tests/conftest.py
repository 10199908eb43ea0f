"""Shared fixtures: a tiny knowledge base copied into a temporary project, and the real site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
# What a project needs besides its sources and catalogs.
PROJECT_FILES = ("mkdocs.yml", "theme", "docs")


def make_project(target: Path, sources: Path = TINY, languages: tuple[str, ...] = ("en", "hu", "id", "ru")) -> Path:
    """A runnable project: the real configuration and theme around the given sources."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    shutil.copytree(sources / "sources", target / "sources")
    if (sources / "locales").exists():
        shutil.copytree(sources / "locales", target / "locales")
    for language in languages:
        (target / "locales" / language / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    return target


def run_script(script: str, *args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, str(ROOT / "scripts" / script), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def build_project(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return run_script("build.py", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir), cwd=project)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_port() -> int:
    from browser import free_port

    return free_port()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, site_port: int) -> Path:
    """The real knowledge base, built once per test session the way `scripts/build.py` builds it,
    for the local address the browser tests serve it on."""
    from browser import local_site_url

    site = tmp_path_factory.mktemp("real") / "site"
    result = run_script("build.py", "--site-dir", str(site), env={"SITE_URL": local_site_url(site_port)})
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; fails (never skips) when Chromium is missing."""
    from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(real_site: Path, site_port: int):
    """The real site served over HTTP (Pagefind loads its index with fetch)."""
    from browser import serve

    with serve(real_site, site_port) as url:
        yield url


@pytest.fixture
def page(browser):
    """A tab for functional tests: Playwright's polling evaluates strings, which the site's CSP
    forbids, so the CSP is set aside here and tested with `strict_page`."""
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def strict_page(browser):
    """A tab that enforces the site's Content-Security-Policy."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
