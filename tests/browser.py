"""Serve a built site over HTTP and drive Debian's Chromium with Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `mount` (the path of site_url), as on the published host."""

    mount = "/"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.mount):])

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


def site_path() -> str:
    """The path part of the configured site_url ('/kb/'), where the site is served."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', config, re.M).group(1)
    return urlsplit(url).path or "/"


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site's base URL on a free local port, for the duration of the block."""
    mount = site_path()
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        raise RuntimeError(
            "The browser tests need Debian's Chromium at /usr/bin/chromium: run "
            "'sudo apt-get install chromium' (bash scripts/dev.sh test installs it when run as root)."
        )
