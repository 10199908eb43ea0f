"""Pagefind indexing while the site is being written.

Pagefind's Japanese segmenter takes over a second to load, whatever the size of the site. Given
each language's folder through Pagefind's service API as soon as that language is written, it
loads and indexes in its own process while MkDocs renders the remaining languages, instead of
after all of them. (Folders, not pages: the Python client waits 0.1 s for every response.)
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

# Inside an indexed page, what is not the tip's or topic's own text: permalinks, navigation aids,
# labels, and notes that other pages also carry (related tips, contrasts); a topic page lists
# tips, and the tip pages themselves are the results.
NOT_INDEXED = (".headerlink", ".kb-breadcrumbs", ".kb-pager", ".kb-tip__source", ".kb-tip__meta",
               ".kb-notice", "#related", ".kb-related", ".kb-contrast", ".kb-facts-inline",
               ".kb-tip--summary")
BUNDLE_DIR = "pagefind"
_JAPANESE_SAMPLE = '<html lang="ja"><body>返事を待ちます。</body></html>'


class SearchIndexer:
    """One Pagefind index for one build: `add` each written page, then `write` the bundle.
    Pages without `data-pagefind-body` are left out by Pagefind itself once any page has it."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._pending: list[Future] = []
        config = IndexConfig(exclude_selectors=list(NOT_INDEXED))
        self._index: PagefindIndex = self._run(PagefindIndex(config).__aenter__())
        self._pending.append(asyncio.run_coroutine_threadsafe(self._load_segmenter(), self._loop))

    async def _load_segmenter(self) -> None:
        """Index one Japanese sentence in a throwaway index of the same service, so the segmenter
        is loaded while the pages are still being generated."""
        scratch = await self._index._service.create_index(IndexConfig())
        await scratch.add_html_file(content=_JAPANESE_SAMPLE, url="/")
        await scratch.delete_index()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def add_folder(self, site_dir: Path, folder: str) -> None:
        """Queue the pages of one language folder; Pagefind indexes them while the build goes on."""
        self._add(site_dir, f"{folder}/**/*.html")

    def add_root_pages(self, site_dir: Path, other_folders: Iterable[str]) -> None:
        """Queue the pages at the site root (the default language), not the other folders."""
        skip = set(other_folders)
        folders = sorted(p.name for p in site_dir.iterdir() if p.is_dir() and p.name not in skip)
        self._add(site_dir, "{" + ",".join(["*.html", *(f"{name}/**/*.html" for name in folders)]) + "}")

    def _add(self, site_dir: Path, glob: str) -> None:
        self._pending.append(asyncio.run_coroutine_threadsafe(
            self._index.add_directory(str(site_dir.resolve()), glob=glob), self._loop))

    def write(self, site_dir: Path) -> None:
        """Wait for the queued pages, write the bundle into the site, and stop the service."""
        try:
            for page in self._pending:
                page.result()
            self._run(self._index.write_files(output_path=str(site_dir / BUNDLE_DIR)))
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service without writing (a failed build keeps no half index)."""
        if self._thread.is_alive():
            self._run(self._index.__aexit__(RuntimeError, None, None))
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
