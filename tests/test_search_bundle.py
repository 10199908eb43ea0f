"""Waiting for Pagefind's bundle to be whole: Pagefind reports it written while its last writes
can still be under way, so the build waits for every file before it reads or publishes them."""
from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pytest

from etiquette_kb.search_index import _is_whole, wait_until_written

WHOLE_GZIP = gzip.compress(b"pagefind_dcd" + b"x" * 2000, mtime=0)


def write_bundle(bundle: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(data)


WHOLE = {"pagefind-entry.json": b'{"version":"1.5.2","languages":{}}', "pagefind.js": b"const a=1;",
         "pagefind.en_0123456789.pf_meta": WHOLE_GZIP, "fragment/en_abc.pf_fragment": WHOLE_GZIP,
         "wasm.en.pagefind": WHOLE_GZIP}


@pytest.mark.parametrize(("name", "unfinished"), [
    ("pagefind-entry.json", b""),
    ("pagefind-entry.json", b'{"version":"1.5.2","langu'),
    ("pagefind.en_0123456789.pf_meta", WHOLE_GZIP[: len(WHOLE_GZIP) // 2]),
    ("fragment/en_abc.pf_fragment", b""),
    ("wasm.en.pagefind", WHOLE_GZIP[:-4]),
    ("pagefind.js", b""),
])
def test_an_unfinished_file_is_waited_for_until_it_is_whole(tmp_path: Path, name: str, unfinished: bytes):
    write_bundle(tmp_path, {**WHOLE, name: unfinished})
    finish = threading.Timer(0.3, lambda: (tmp_path / name).write_bytes(WHOLE[name]))
    finish.start()
    wait_until_written(tmp_path, timeout=10, poll=0.02)
    assert (tmp_path / name).read_bytes() == WHOLE[name]  # read before the timer is joined
    finish.join()


@pytest.mark.parametrize(("name", "unfinished"), [
    ("pagefind-entry.json", b""),
    ("fragment/en_abc.pf_fragment", WHOLE_GZIP[:10]),
])
def test_a_file_never_finished_stops_the_build_naming_it(tmp_path: Path, name: str, unfinished: bytes):
    write_bundle(tmp_path, {**WHOLE, name: unfinished})
    with pytest.raises(RuntimeError, match=f"still being written after 0 s, e.g. {name}"):
        wait_until_written(tmp_path, timeout=0.2, poll=0.02)


def test_a_plain_file_is_whole_once_its_size_holds_between_two_looks(tmp_path: Path):
    script, sizes = tmp_path / "pagefind.js", {}
    script.write_bytes(b"const a")
    assert not _is_whole(script, sizes)  # first look
    script.write_bytes(b"const a=1;")
    assert not _is_whole(script, sizes)  # it grew since
    assert _is_whole(script, sizes)


def test_a_whole_bundle_is_accepted(tmp_path: Path):
    write_bundle(tmp_path, WHOLE)
    wait_until_written(tmp_path, timeout=10, poll=0.02)
