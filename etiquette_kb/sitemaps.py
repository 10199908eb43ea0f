"""One sitemap per language folder, cut from the site-wide one (which lists every alternate).

Material's language switcher fetches `<language root>/sitemap.xml` to find the same page in the
other language; mkdocs-static-i18n writes only the root one.
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
    return written
