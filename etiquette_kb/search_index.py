"""Pagefind indexing while the site is being written.

Pagefind's Japanese segmenter takes over a second to load, whatever the size of the site. Given
each language's folder through Pagefind's service API as soon as that language is written, it
loads and indexes in its own process while MkDocs renders the remaining languages, instead of
after all of them. (Folders, not pages: the Python client waits 0.1 s for every response.)
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import threading
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path

import cbor2
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
    """One Pagefind index for one build: add each language's pages once they are written, then
    `write` the bundle. Pages without `data-pagefind-body` (404s, the home page…) are left out by
    Pagefind itself once any page has it."""

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
        is loaded while the pages are still being generated. The Python client exposes its
        service only as this attribute; a second service would load its own segmenter."""
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
            wait_until_written(site_dir / BUNDLE_DIR)
            canonicalize_bundle(site_dir / BUNDLE_DIR)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service without writing (a failed build keeps no half index)."""
        if self._thread.is_alive():
            self._run(self._index.__aexit__(RuntimeError, None, None))
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()


def wait_until_written(bundle: Path, timeout: float = 60.0, poll: float = 0.05) -> None:
    """Pagefind answers that the bundle is written while its last writes may still be under way
    (its files are dropped unflushed; on a loaded machine pagefind-entry.json was still empty in 3
    of 8 builds), and stopping the service would cut them short. Wait until every file is whole:
    gzip files decompress, the entry parses, and the others have stopped growing."""
    deadline = time.monotonic() + timeout
    sizes: dict[Path, int] = {}
    pending = [path for path in bundle.rglob("*") if path.is_file()]
    while True:
        pending = [path for path in pending if not _is_whole(path, sizes)]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(pending)} files of the search bundle were still being written after "
                               f"{timeout:.0f} s, e.g. {pending[0].relative_to(bundle)}")
        time.sleep(poll)


def _is_whole(path: Path, sizes: dict[Path, int]) -> bool:
    data = path.read_bytes()
    if not data:  # every file of the bundle has content; an empty one has not been written yet
        return False
    if path.name == "pagefind-entry.json":
        try:
            json.loads(data)
            return True
        except ValueError:
            return False
    if path.suffix.startswith(".pf_") or path.name.startswith("wasm."):  # gzip, whose end is checked
        try:
            gzip.decompress(data)
            return True
        except (OSError, EOFError, zlib.error):
            return False
    seen_before, sizes[path] = sizes.get(path), len(data)
    return seen_before == len(data)


# Pagefind's files: gzip of this signature followed by CBOR. In a .pf_meta file, the item at
# this position lists the filters as [name, file hash] pairs.
_SIGNATURE = b"pagefind_dcd"
_META_FILTERS = 3


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data[len(_SIGNATURE):])


def _write(directory: Path, pattern: str, language: str, digits: int, value) -> str:
    """Write a value under a name made from its content, as Pagefind does; returns the hash."""
    data = _SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (directory / pattern.format(name)).write_bytes(gzip.compress(data, mtime=0))
    return name


def canonicalize_bundle(bundle: Path) -> None:
    """Pagefind writes each filter's values, and the list of filters, in hash-map order, so two
    builds of the same site differ (Pagefind issue #638). Sort them and rename the files after
    their new content, so that the same site always gives the same bytes."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, settings in entry["languages"].items():
        meta_path = bundle / f"pagefind.{settings['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in sorted(meta[_META_FILTERS]):
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(old_path)
            old_path.unlink()
            filters.append([name, _write(bundle / "filter", "{}.pf_filter", language, 7,
                                         [filter_name, sorted(values)])])
        meta[_META_FILTERS] = filters
        meta_path.unlink()
        settings["hash"] = _write(bundle, "pagefind.{}.pf_meta", language, 10, meta)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
