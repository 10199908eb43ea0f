"""What a reader does, in a real browser: the search dialog as a modal, filters and queries that
travel in the address, what nothing-found says, the checklist that is ticked, remembered and
printed on one page, 404 pages that lead somewhere, breadcrumbs in a line, a home page whose first
screen says where to start, and the topics map on a phone."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from test_pages_browser import QUERIES, query_for

from browser import open_page, reload_page
from test_site import KB, LANGUAGES, PUBLISHED, prefix

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _wait(page, predicate: str, argument=None, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, argument):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        page.wait_for_timeout(50)


def _search_done(page, scope: str) -> None:
    _wait(page, "(scope) => document.querySelector(scope + ' .kb-search__status').dataset.state === 'done'", scope)


def _open_search(page, url: str) -> None:
    open_page(page, url)
    page.keyboard.press("/")
    page.wait_for_selector("#kb-search-input:focus")


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_the_search_dialog_is_a_modal(tab, site_url):
    """Tab stays inside it, Escape and a click on the backdrop close it, focus returns to its button."""
    _open_search(tab, site_url)
    tab.keyboard.type("operator")
    _search_done(tab, "#kb-search-dialog")
    for _ in range(25):
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.closest('#kb-search-dialog') !== null")
    tab.mouse.click(5, DESKTOP["height"] - 5)  # the backdrop, outside the panel
    _wait(tab, "() => !document.querySelector('#kb-search-dialog').open")
    _wait(tab, "() => document.activeElement.classList.contains('kb-search__open')")


def test_tips_come_before_topics_and_the_count_counts_tips(tab, site_url):
    _open_search(tab, site_url)
    tab.keyboard.type("calm")
    _search_done(tab, "#kb-search-dialog")
    kinds = tab.eval_on_selector_all("#kb-search-results a.kb-search__link",
                                     "links => links.map(a => a.pathname.includes('/topics/') ? 'topic' : 'tip')")
    assert "tip" in kinds and "topic" in kinds
    assert kinds == sorted(kinds, key=lambda kind: kind == "topic"), "every tip before the first topic"
    count = int(re.search(r"(\d+)\s*$", tab.text_content("#kb-search-dialog .kb-search__status")).group(1))
    found = tab.evaluate("async () => (await window.kbSearch.search('calm', {})).tips.length")
    assert count == found


def test_the_search_page_keeps_query_and_filters_in_its_address(tab, site_url):
    topic = KB.topics_by_id["staying-calm"].name
    open_page(tab, f"{site_url}search/?q=operator&topic={quote(topic)}")
    _search_done(tab, "[data-kb-search-page]")
    assert tab.input_value("#kb-search-page-input") == "operator"
    assert tab.eval_on_selector("#kb-search-page-input-topic", "select => select.value") == topic
    tab.select_option("#kb-search-page-input-audience", index=1)
    _search_done(tab, "[data-kb-search-page]")
    params = parse_qs(urlsplit(tab.url).query)
    assert params["q"] == ["operator"] and params["topic"] == [topic] and params["audience"]


def test_a_filter_that_hides_every_match_says_so_and_clears(tab, site_url):
    open_page(tab, f"{site_url}search/?q={quote('screenshot')}&audience=Support%20staff")
    _search_done(tab, "[data-kb-search-page]")
    assert tab.locator("#kb-search-page-results .kb-search__result").count() == 0
    assert re.search(r"\d", tab.text_content(".kb-search__none")), "how many matches the filter hides"
    tab.click(".kb-search__reset")
    _search_done(tab, "[data-kb-search-page]")
    assert tab.locator("#kb-search-page-results .kb-search__result").count() > 0


@pytest.mark.parametrize("language", [language for language in PUBLISHED if language != "en"][:2])
def test_nothing_found_suggests_what_to_do_and_the_english_pages(tab, site_url, language):
    open_page(tab, f"{site_url}{prefix(language)}search/?q=zzqxj")
    _search_done(tab, "[data-kb-search-page]")
    help_links = tab.eval_on_selector_all(".kb-search__none a", "links => links.map(a => [a.pathname, a.hreflang, a.search])")
    paths = [path for path, _, _ in help_links]
    assert any(path.endswith(f"{prefix(language)}topics/") for path in paths)
    assert any(path.endswith(f"{prefix(language)}checklist/") for path in paths)
    english = [link for link in help_links if link[1] == "en"]  # a label in the reader's language, to English pages
    assert english and english[0][0] == urlsplit(site_url).path + "search/" and "zzqxj" in english[0][2]


def test_the_language_menu_keeps_the_search(tab, site_url):
    query = query_for("hu")
    open_page(tab, f"{site_url}hu/search/?q={quote(query)}")
    _search_done(tab, "[data-kb-search-page]")
    with tab.expect_navigation():
        tab.eval_on_selector('a.md-select__link[hreflang="ja"]', "link => link.click()")
    assert urlsplit(tab.url).path.endswith("/ja/search/") and parse_qs(urlsplit(tab.url).query)["q"] == [query]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checklist_is_ticked_noted_remembered_and_cleared(tab, site_url, language):
    open_page(tab, f"{site_url}{prefix(language)}checklist/")
    boxes = tab.locator("ul.kb-checklist input[type=checkbox]")
    assert boxes.count() >= 10
    assert tab.locator("ul.kb-path-list--expect input").count() == 0, "what a good agent does is not ticked"
    boxes.nth(0).check()
    boxes.nth(3).check()
    tab.fill("#kb-note-customer-code", "12345-A")
    reload_page(tab)
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked() and not boxes.nth(1).is_checked()
    assert tab.input_value("#kb-note-customer-code") == "12345-A"
    tab.click("[data-kb-checklist-reset]")
    reload_page(tab)
    assert not boxes.nth(0).is_checked() and tab.input_value("#kb-note-customer-code") == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checklist_prints_on_one_a4_page(browser, site_url, language):
    context = browser.new_context()
    tab = context.new_page()
    try:
        open_page(tab, f"{site_url}{prefix(language)}checklist/")
        tab.emulate_media(media="print")
        footer = tab.text_content(".kb-print-footer")
        assert "/checklist/" in footer and re.search(r"\d", footer), "address and date in the footer"
        assert tab.evaluate("getComputedStyle(document.querySelector('.kb-checklist a')).textDecorationLine") == "none"
        pdf = tab.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{pages} pages"
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_404_page_speaks_the_language_and_leads_somewhere(tab, site_url, language):
    open_page(tab, f"{site_url}{prefix(language)}no/such/page/")
    assert tab.get_attribute("html", "lang") == language
    links = tab.eval_on_selector_all(".kb-not-found a", "links => links.map(a => a.pathname)")
    home = urlsplit(site_url).path + prefix(language)
    assert home in links and f"{home}topics/" in links and f"{home}checklist/" in links
    menu = tab.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.pathname)")
    assert menu and all(path.rstrip("/").split("/")[-1] in (*LANGUAGES, "kb") for path in menu), menu
    tab.fill("#kb-not-found-input", query_for(language))
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert urlsplit(tab.url).path == f"{home}search/"
    _search_done(tab, "[data-kb-search-page]")
    assert tab.locator("#kb-search-page-results .kb-search__result").count() > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_breadcrumbs_are_one_line_with_the_guides_level(tab, site_url, language):
    guide = KB.guides[0]
    open_page(tab, f"{site_url}{prefix(language)}tips/{guide.tips[0].id}/")
    tops = tab.eval_on_selector_all(".kb-breadcrumbs li", "items => items.map(li => Math.round(li.getBoundingClientRect().top))")
    assert len(tops) == 4 and len(set(tops[:3])) == 1, tops  # home, guides, the guide, the tip (may wrap)
    links = tab.eval_on_selector_all(".kb-breadcrumbs a", "links => links.map(a => a.pathname + a.hash)")
    assert links[1].endswith("#guides") and links[2].endswith(f"guides/{guide.id}/")
    last = guide.tips[-1].id
    open_page(tab, f"{site_url}{prefix(language)}tips/{last}/")
    assert tab.locator(".kb-pager__guide").count() == 1 and tab.locator(".kb-pager__next-guide").count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_screen_of_the_home_page_says_where_to_start(browser, site_url, language, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    try:
        open_page(tab, site_url + prefix(language))
        for card in (".kb-start__card:nth-child(1) .md-button", ".kb-start__card:nth-child(2) .md-button"):
            box = tab.locator(card).bounding_box()
            assert box and box["y"] + box["height"] <= viewport["height"], f"{card} below the first screen"
        paths = tab.eval_on_selector_all(".kb-start .md-button", "links => links.map(a => a.pathname)")
        assert [p.rstrip("/").split("/")[-1] for p in paths] == ["checklist", "support-staff"]
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_topics_map_is_a_list_on_a_phone_and_a_table_on_a_desktop(browser, site_url, language):
    for viewport, visible, hidden in ((PHONE, ".kb-map-list", ".kb-matrix-wrap"), (DESKTOP, ".kb-matrix-wrap", ".kb-map-list")):
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        try:
            open_page(tab, site_url + prefix(language))
            assert tab.is_visible(visible) and not tab.is_visible(hidden)
            if viewport is PHONE:
                # No name broken into a column of single characters: every topic name line is wide.
                widths = tab.eval_on_selector_all(".kb-map-list__topic", "links => links.map(a => a.getBoundingClientRect().width)")
                assert len(widths) == len(KB.topics) and min(widths) > 40
        finally:
            context.close()


def test_every_language_has_search_queries():
    assert set(PUBLISHED) <= set(QUERIES)
