"""Serve a built site over HTTP, and find a Chromium-based browser for Playwright to drive.

`python tests/browser.py` says which browser the tests will use, or what to install (exit 1).
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

# Where to look, in order. Ubuntu's chromium and chromium-browser packages are wrappers that install
# a snap, which cannot run here; they are skipped (GitHub's ubuntu-24.04 image has Google Chrome).
BROWSER_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BENCH_PORT = 8765  # where the benchmarks serve site/ (built with SITE_URL for this port)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `mount` (the path of site_url), as on the published host."""

    mount = "/"
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.mount):])

    def send_head(self):
        # Like a static host (GitHub Pages), send text gzipped to browsers that accept it.
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        textual = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not textual or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        # Like a static host: a missing page gets the 404 page of its language folder.
        if code != 404:
            return super().send_error(code, message, explain)
        rest = self.path[len(self.mount):] if self.path.startswith(self.mount) else ""
        folder = rest.split("/", 1)[0]
        page = Path(self.directory) / folder / "404.html"
        if not folder or not page.is_file():
            page = Path(self.directory) / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def configured_site_url() -> str:
    """The site_url of mkdocs.yml, used when SITE_URL is not set."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', config, re.MULTILINE).group(1)


def site_path() -> str:
    """The path part of the configured site_url ('/kb/'), where the site is served."""
    return urlsplit(configured_site_url()).path or "/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection early (a page left mid-load) is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0, mount: str | None = None) -> Iterator[str]:
    """The site's base URL on a local port (a free one by default), for the duration of the block,
    served under the site_url's path (or under `mount`)."""
    mount = mount or site_path()
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(site))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Browser:
    path: str
    found_by: str  # how it was found, to say so


class NoBrowser(RuntimeError):
    pass


def _is_snap_wrapper(path: str) -> bool:
    real = os.path.realpath(path)
    if real.startswith("/snap/"):
        return True
    try:
        with open(real, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(b"#!") and b"snap" in head


def _playwright_browser() -> str | None:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Error:  # its driver cannot start
        return None
    return path if path and os.access(path, os.X_OK) else None


def find_browser() -> Browser:
    """CHROME_PATH, then Debian's chromium, chromium-browser, Google Chrome, then a browser that
    Playwright downloaded; NoBrowser says what to install."""
    skipped = []
    configured = os.environ.get("CHROME_PATH")
    if configured:
        if os.access(configured, os.X_OK):
            return Browser(configured, "CHROME_PATH")
        raise NoBrowser(f"CHROME_PATH is set to {configured!r}, which is not an executable file")
    for command in BROWSER_COMMANDS:
        path = shutil.which(command)
        if path and _is_snap_wrapper(path):
            skipped.append(f"{path} (a snap wrapper)")
        elif path:
            return Browser(path, f"'{command}' on PATH")
    managed = _playwright_browser()
    if managed:
        return Browser(managed, "Playwright's browser folder")
    raise NoBrowser(
        "The browser tests need Chromium or Google Chrome, and none was found"
        + (f" ({'; '.join(skipped)} skipped)" if skipped else "")
        + ". Install one: 'sudo apt-get install chromium' on Debian, Google Chrome on Ubuntu, or set "
        "CHROME_PATH to a Chromium-based browser (bash scripts/dev.sh test installs Debian's when run as root)."
    )


if __name__ == "__main__":
    try:
        found = find_browser()
    except NoBrowser as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
    print(f"Browser for the tests: {found.path} (found by {found.found_by})")


def open_page(page, url: str):
    """Go to a page of the site and wait until its own scripts have run: they start after the load
    event (theme/main.html), and <html data-kb-ready> says they all have."""
    response = page.goto(url)
    page.wait_for_selector("html[data-kb-ready]", state="attached")
    return response


def reload_page(page):
    """Reload and wait for our scripts, as open_page does."""
    page.reload()
    page.wait_for_selector("html[data-kb-ready]", state="attached")
