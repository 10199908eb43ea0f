"""Serve a built site over HTTP and drive Debian's Chromium with Playwright."""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import http.server
import re
import socket
import shutil
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
BENCH_PORT = 8765  # where the benchmarks serve site/ (built with SITE_URL for this port)
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


def site_path() -> str:
    """The path part of the configured site_url ('/kb/'), where the site is served."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', config, re.M).group(1)
    return urlsplit(url).path or "/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_site_url(port: int) -> str:
    """The site_url to build with (SITE_URL) for a site served here: canonical and hreflang URLs
    are absolute, and the theme fetches its sitemaps from them."""
    return f"http://127.0.0.1:{port}{site_path()}"


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """The site's base URL on a local port (a free one by default), for the duration of the block."""
    mount = site_path()
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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
