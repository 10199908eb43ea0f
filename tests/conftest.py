"""Shared fixtures: a tiny knowledge base copied into a temporary project, and the real site."""
from __future__ import annotations

import contextlib
import fcntl
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


# Tests that need a built site or a browser are the slow tier; `-m "not slow"` leaves them out.
SLOW_FIXTURES = {"real_site", "tiny_site", "site_url", "browser", "page", "strict_page"}
BROWSER_FIXTURES = {"browser", "page", "strict_page"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


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
        if language != "en":  # the fixture's languages are published, as a launched language is
            (target / "locales" / language / "language.yml").write_text("published: true\n", encoding="utf-8")
    return target


def run_script(script: str, *args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, str(ROOT / "scripts" / script), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def build_project(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return run_script("build.py", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir), cwd=project)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@contextlib.contextmanager
def _exclusive(lock_file: Path):
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(tmp_path_factory, name: str, build) -> Path:
    """A site built once per test run, shared by every pytest-xdist worker: the first to ask builds
    it (`build(site_dir)`), the others wait for it and reuse it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder all workers' temporary folders share
    site = base / name
    with _exclusive(base / f"{name}.lock"):
        if not (site / ".complete").exists():
            shutil.rmtree(site, ignore_errors=True)
            build(site)
            (site / ".complete").write_text("")
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real knowledge base, built once per test run the way `scripts/build.py` builds it (for
    the configured site_url: the site works from any address)."""
    def build(site: Path) -> None:
        result = run_script("build.py", "--site-dir", str(site))
        assert result.returncode == 0, result.stderr[-4000:]

    return shared_build(tmp_path_factory, "real-site", build)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture knowledge base with its catalogs, built once per test run (read it, or copy
    it to start from a good site)."""
    def build(site: Path) -> None:
        project = make_project(site.parent / "tiny-site-project")
        result = build_project(project, site)
        assert result.returncode == 0, result.stderr[-3000:]

    return shared_build(tmp_path_factory, "tiny-site", build)


@pytest.fixture(scope="session")
def browser():
    """A Chromium-based browser through Playwright (tests/browser.py finds it); fails, never skips,
    when there is none."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, find_browser

    found = find_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=found.path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(real_site: Path):
    """The real site served over HTTP on a free port (Pagefind loads its index with fetch)."""
    from browser import serve

    with serve(real_site) as url:
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
