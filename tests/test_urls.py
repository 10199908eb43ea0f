"""Relative links between pages: a table of page, target and expected link."""
import pytest

from etiquette_kb.urls import doc_file, page_url, relative


@pytest.mark.parametrize(("from_url", "to_url", "expected"), [
    ("", "", "./"),
    ("", "tips/ask-for-a-ticket/", "tips/ask-for-a-ticket/"),
    ("tips/a/", "tips/a/", "./"),
    ("tips/a/", "tips/b/", "../b/"),
    ("tips/a/", "tips/", "../"),
    ("tips/a/", "", "../../"),
    ("tips/a/", "guides/g/#a", "../../guides/g/#a"),
    ("tips/a/", "tips/a/#top", "./#top"),
    ("hu/tips/a/", "hu/", "../../"),
    ("hu/tips/a/", "tips/a/", "../../../tips/a/"),
    ("ja/", "hu/topics/t/", "../hu/topics/t/"),
    ("hu/", "hu/topics/t/", "topics/t/"),
    ("tips/a/", "assets/kb.css", "../../assets/kb.css"),
    ("tipsy/a/", "tips/b/", "../../tips/b/"),  # a shared prefix of letters is not a shared folder
])
def test_relative_link(from_url, to_url, expected):
    assert relative(from_url, to_url) == expected


@pytest.mark.parametrize(("language", "path", "url", "file"), [
    ("en", "", "", "index.en.md"),
    ("hu", "", "hu/", "index.hu.md"),
    ("ja", "tips/a/", "ja/tips/a/", "tips/a/index.ja.md"),
])
def test_page_url_and_generated_file(language, path, url, file):
    assert (page_url(language, path), doc_file(language, path)) == (url, file)
