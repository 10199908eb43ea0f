"""Sitemaps cut from the site-wide one that mkdocs-static-i18n writes (it lists every alternate):
one per language root, listed in robots.txt, each page with its alternates in every language
(search engines read hreflang there as well as in the pages).
"""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from .languages import SOURCE_LANGUAGE

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def write_language_sitemaps(site_dir: Path, site_url: str, languages: tuple[str, ...],
                            published: tuple[str, ...]) -> list[Path]:
    """One sitemap per published language (the site-wide one included), without the pages of
    languages still in progress nor links to them."""
    for prefix, uri in NS.items():
        ET.register_namespace("" if prefix == "sm" else prefix, uri)
    base = site_url.rstrip("/") + "/"
    by_language = {language: ET.Element(f"{{{NS['sm']}}}urlset") for language in published}
    others = set(languages) - {SOURCE_LANGUAGE}
    written = []
    # The site-wide map is read once; the English one replaces it at the root.
    for url in ET.parse(site_dir / "sitemap.xml").getroot().findall("sm:url", NS):
        loc = url.findtext("sm:loc", "", NS)
        first = loc[len(base):].split("/", 1)[0] if loc.startswith(base) else ""
        language = first if first in others else SOURCE_LANGUAGE
        if language not in published:
            continue
        for link in url.findall("xhtml:link", NS):
            if link.get("hreflang") not in published:
                url.remove(link)
        by_language[language].append(url)
    for language, urlset in by_language.items():
        target = (site_dir if language == SOURCE_LANGUAGE else site_dir / language) / "sitemap.xml"
        data = ET.tostring(urlset, encoding="UTF-8", xml_declaration=True)
        target.write_bytes(data)
        with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as compressed:
            compressed.write(data)
        written.append(target)
    robots = "User-agent: *\nAllow: /\n\n" + "".join(
        f"Sitemap: {base}{'' if language == SOURCE_LANGUAGE else language + '/'}sitemap.xml\n" for language in published)
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
    return written
