"""Sitemaps cut from the site-wide one that mkdocs-static-i18n writes (it lists every alternate).

Material fetches `sitemap.xml` next to every `<link rel="alternate">` of a page, expecting them to
be language roots; mkdocs-static-i18n points them at the same page in each language instead, which
is right for hreflang. So each language root gets the sitemap of its pages, and each page folder a
sitemap of its own entry: the fetches succeed and the switcher still finds the same page.
"""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from .languages import SOURCE_LANGUAGE

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def write_language_sitemaps(site_dir: Path, site_url: str, languages: tuple[str, ...]) -> list[Path]:
    for prefix, uri in NS.items():
        ET.register_namespace("" if prefix == "sm" else prefix, uri)
    root_map = site_dir / "sitemap.xml"
    tree = ET.parse(root_map)
    base = site_url.rstrip("/") + "/"
    written = []
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        urlset = ET.Element(f"{{{NS['sm']}}}urlset")
        for url in tree.getroot().findall("sm:url", NS):
            if url.findtext("sm:loc", "", NS).startswith(f"{base}{language}/"):
                urlset.append(url)
        target = site_dir / language / "sitemap.xml"
        data = ET.tostring(urlset, encoding="UTF-8", xml_declaration=True)
        target.write_bytes(data)
        with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as compressed:
            compressed.write(data)
        written.append(target)
    for url in tree.getroot().findall("sm:url", NS):
        loc = url.findtext("sm:loc", "", NS)
        folder = site_dir / loc[len(base):] if loc.startswith(base) else None
        if folder is None or not (folder / "index.html").is_file() or folder == site_dir or \
                folder.parent == site_dir and folder.name in languages:
            continue  # the site and language roots have their full sitemaps
        single = ET.Element(f"{{{NS['sm']}}}urlset")
        single.append(url)
        target = folder / "sitemap.xml"
        target.write_bytes(ET.tostring(single, encoding="UTF-8", xml_declaration=True))
        written.append(target)
    return written
