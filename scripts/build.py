#!/usr/bin/env python3
"""Build the site: `python scripts/build.py` (strict, atomic) or `python scripts/build.py serve`.

The build validates sources and catalogs, generates the pages, runs MkDocs strictly into a fresh
folder and indexes it with Pagefind; only a complete build replaces site/, so a failed one leaves
the last good site as it was.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner on every build


def build(site_dir: Path, config_file: Path) -> int:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        mkdocs_build(config)
    except (Abort, ConfigurationError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed: {exc}; {site_dir.name}/ was left as it was", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Swap in the new site: two renames on one file system.
    retired = staging.with_name(staging.name + ".old")
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    return 0


def serve(config_file: Path, dev_addr: str) -> int:
    """Build into a folder of its own and serve it with live reload. A change rebuilds it the same
    atomic way: a build that fails (a broken catalog, say) prints its problems and the last good
    site goes on being served, instead of the server waiting for a good build."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    mount = urlsplit(load_config(str(config_file)).site_url or "/").path or "/"
    site_dir = Path(tempfile.mkdtemp(prefix="kb-serve-")) / "site"
    project = config_file.resolve().parent

    def rebuild() -> None:
        if build(site_dir, config_file) != 0:
            print("serve: still serving the last good site", file=sys.stderr)

    if build(site_dir, config_file) != 0:
        return 1
    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(site_dir), mount_path=mount)
    for name in ("sources", "locales", "docs", "theme", "etiquette_kb/templates", config_file.name):
        if (project / name).exists():
            server.watch(str(project / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir.parent, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address for serve")
    args = parser.parse_args()
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    if args.command == "serve":
        return serve(args.config_file, args.dev_addr)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
