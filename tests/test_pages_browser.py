"""Every page type in every language at a phone's and a desktop's width, in a real browser, the
way a reader meets it: nothing wider than the screen, the header search usable (its dialog and
first result on screen, one set of filters, the excerpt as Pagefind wrote it), no English theme
label on another language's page, accessibility (axe-core; the dark palette in one language), no
request to another host, no console error, the CSP. Screenshots of every page go to
test-artifacts/screenshots/ (uploaded by CI) to be looked at."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

from browser import open_page, reload_page
from conftest import ROOT
from test_site import KB, LANGUAGES, PUBLISHED, prefix

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("KB_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
PAGE_TYPES = {
    "home": "",
    "guide": f"guides/{KB.guides[0].id}/",
    "tip": f"tips/{KB.guides[1].tips[0].id}/",
    "topic": f"topics/{KB.topics[0].id}/",
    "topics": "topics/",
    "checklist": "checklist/",
    "staff": "support-staff/",
    "sources": "sources/",
    "status": "status/",
    "search": "search/?q={query}",
    "404": "no-such-page/",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}
CASES = [(language, kind) for language in LANGUAGES for kind in PAGE_TYPES]
# The theme's own labels in English: none may remain on another language's page, as text a reader
# sees or as a title or label a screen reader reads.
ENGLISH_THEME = ["Skip to content", "Dark mode", "Light mode", "Switch to dark mode", "Switch to light mode",
                 "Permanent link", "Link to this section", "Made with", "Back to top", "Table of contents",
                 "On this page", "Select language", "Choose a language", "Header", "Footer", "Navigation",
                 "Previous", "Next", "Close search", "Filter the results", "Page not found", "404 - Not found"]


def query_for(language: str) -> str:
    return QUERIES[language][0]["query"] if language in QUERIES else "a"


def url_for(site_url: str, language: str, kind: str) -> str:
    return site_url + prefix(language) + PAGE_TYPES[kind].format(query=quote(query_for(language)))


def _axe_violations(page) -> list[str]:
    if not AXE.exists():
        raise RuntimeError("axe-core is missing: run `npm ci` (bash scripts/dev.sh test does it)")
    # Evaluated through the browser's debugging protocol, which the page's CSP does not apply to.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                         ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")


# Our own scripts (assets/kb-*.js) are requested only once the page has loaded (theme/main.html).
# An inline event handler slipped into the page must not run: the image's error event fires, the
# handler it names does not.
INJECTED_HANDLER_RUNS = """() => new Promise(resolve => {
  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__kbInjected = true');
  img.addEventListener('error', () => setTimeout(() => resolve(window.__kbInjected === true)));
  img.src = 'missing.png';
  document.body.append(img);
})"""
OURS_AFTER_LOAD = """() => {
  const load = performance.getEntriesByType("navigation")[0].loadEventStart;
  const ours = performance.getEntriesByType("resource").filter(r => /\\/assets\\/kb-[a-z-]+\\.js$/.test(r.name));
  if (!ours.length) return "none of ours";
  return ours.every(r => r.startTime >= load) ? "after load" : ours.map(r => r.name + " at " + r.startTime).join(", ");
}"""


def _load(page, url: str, kind: str) -> None:
    open_page(page, url)
    if kind == "search":
        page.wait_for_selector("#kb-search-page-results a")


# Everything a reader or a screen reader meets: visible text, and titles, labels and placeholders.
READ_OUT = """() => {
  const texts = [document.body.innerText];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (el.closest('[lang="en"]')) continue;  // English on purpose, and marked so
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  return texts;
}"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1) && getComputedStyle(el).position !== 'fixed'
      && !el.closest('.kb-matrix-wrap, .md-sidebar, .md-nav, .kb-sr-only, [hidden], dialog:not([open])');
  });
  return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5).map(el => el.tagName + '.' + el.className) };
}"""
INSIDE = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  return { left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: innerWidth, height: innerHeight };
}"""
EXCERPT = """async (query) => {
  const found = await window.kbSearch.search(query, {});
  const data = await found.tips[0].data();
  const textarea = document.createElement('textarea');
  textarea.innerHTML = data.excerpt.replace(/<[^>]*>/g, '');
  return textarea.value;
}"""


SEARCH_DONE = """(query) => document.querySelector('#kb-search-dialog .kb-search__status').dataset.state === 'done'
  && document.querySelector('#kb-search-input').value === query && !!document.querySelector('#kb-search-results a')"""


def _wait(page, predicate: str, argument, timeout: float = 15.0) -> None:
    """Poll a function in the page: Playwright's wait_for_function evaluates a string, which the
    page's CSP forbids, while evaluate goes through the debugging protocol."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, argument):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        page.wait_for_timeout(50)


def _inside(box) -> bool:
    return box is not None and box["left"] >= 0 and box["top"] >= 0 and box["right"] <= box["width"] + 1 \
        and box["bottom"] <= box["height"] + 1


@pytest.mark.parametrize("language, kind", CASES)
def test_every_page_at_a_phones_and_a_desktops_width(browser, site_url, language, kind):
    """One load per page type and language, in a tab that enforces the page's CSP, looked at on a
    phone, then (the window widened) on a desktop: layout, labels, accessibility, the search dialog,
    screenshots; then what the page requested and logged."""
    context = browser.new_context(viewport=_size("phone"))
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    shots = SCREENSHOTS / language
    shots.mkdir(parents=True, exist_ok=True)
    try:
        _load(page, url_for(site_url, language, kind), kind)
        assert page.evaluate(OURS_AFTER_LOAD) == "after load", "our scripts wait for the load event"
        for width in WIDTHS:
            page.set_viewport_size(_size(width))
            _look_at(page, language, kind, width, shots)

        page.wait_for_load_state("networkidle")
        own = urlsplit(site_url).netloc
        assert [u for u in requests if urlsplit(u).netloc not in (own, "")] == []
        assert [u for u in requests if u.endswith("sitemap.xml")] == []
        if kind == "404":  # the browser reports the 404 status of the page itself
            errors = [e for e in errors if "404" not in e]
        assert errors == []
        csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert page.evaluate(INJECTED_HANDLER_RUNS) is False, "the CSP stops an injected event handler"
    finally:
        context.close()


def _size(width: str) -> dict:
    return {"width": WIDTHS[width][0], "height": WIDTHS[width][1]}


def _look_at(page, language: str, kind: str, width: str, shots: Path) -> None:
    size = WIDTHS[width][0]
    page.screenshot(path=str(shots / f"{kind}-{size}.png"))
    layout = page.evaluate(OVERFLOW)
    assert layout["scroll"] <= layout["width"] and layout["wide"] == [], (width, layout)
    if language != "en" and language in PUBLISHED:  # a language in progress shows English labels until translated
        read = "\n".join(page.evaluate(READ_OUT))
        found = [s for s in ENGLISH_THEME if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", read)]
        assert found == [], f"English theme labels on a {language} page ({width}): {found}"
    if width == "desktop":
        assert _axe_violations(page) == []
        if language == DARK_PALETTE_LANGUAGE:  # the palettes differ by colours only: one language covers the dark one
            page.click("label.md-header__button[for^='__palette']:visible")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            assert _axe_violations(page) == [], "dark palette"
            page.evaluate("document.activeElement.blur()")  # the toggle keeps the focus; "/" is for the page

    # The header search: typed letter by letter, as a reader types.
    query = query_for(language)
    page.keyboard.press("/")
    page.wait_for_selector("#kb-search-input:focus")
    page.fill("#kb-search-input", "")
    page.keyboard.type(query, delay=15)
    _wait(page, SEARCH_DONE, query)
    assert page.locator("#kb-search-dialog select[data-facet=topic]").count() == 1, "one set of filters"
    assert _inside(page.evaluate(INSIDE, "#kb-search-dialog .kb-search__panel")), (width, "the dialog is on screen")
    assert _inside(page.evaluate(INSIDE, "#kb-search-results .kb-search__result")), (width, "the first result is on screen")
    shown = page.text_content("#kb-search-results .kb-search__result .kb-search__excerpt")
    assert shown == page.evaluate(EXCERPT, query), "the excerpt is Pagefind's, spaces included"
    page.screenshot(path=str(shots / f"{kind}-{size}-search.png"))
    page.keyboard.press("Escape")  # closes the dialog; its close event gives the focus back
    _wait(page, "() => !document.querySelector('#kb-search-dialog').open"
                " && document.activeElement.classList.contains('kb-search__open')", None)


DARK_PALETTE_LANGUAGE = "hu"  # the palettes differ by colours only: one language covers the dark one


def test_a_dark_preference_gets_the_dark_palette(browser, site_url):
    """The dark palette's accessibility is checked on every page type above (after the toggle)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        _load(page, url_for(site_url, DARK_PALETTE_LANGUAGE, "tip"), "tip")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_fragments_carry_their_language(page, site_url, language):
    """Where a page shows text in another language (an untranslated original, a source title),
    that element says so with lang, so screen readers switch voice."""
    guide = next(g for g in KB.guides if g.language != language)
    open_page(page, site_url + prefix(language) + f"guides/{guide.id}/")
    foreign = page.eval_on_selector_all("main [lang]", "els => els.map(e => e.lang)")
    assert guide.language in foreign  # at least the original title in <cite lang=…>


@pytest.mark.parametrize("language, target", [("hu", "ja"), ("en", "ru"), ("id", "en")])
def test_the_language_switcher_keeps_the_page_and_the_tip(page, site_url, language, target):
    guide = KB.guides[2]
    tip = guide.tips[-1].id
    open_page(page, f"{site_url}{prefix(language)}guides/{guide.id}/#{tip}")
    with page.expect_navigation():
        page.eval_on_selector(f'a.md-select__link[hreflang="{target}"]', "link => link.click()")
    assert page.url == f"{site_url}{prefix(target)}guides/{guide.id}/#{tip}"
    assert page.get_attribute("html", "lang") == target


def test_the_deferred_theme_script_still_runs_the_palette_toggle(page, site_url):
    """The theme's bundle is loaded with defer and starts in two tasks (theme/main.html): its
    controls must still work, and once it has started the page's hreflang links are back and
    document.addEventListener and document.body.setAttribute are the browser's own again."""
    open_page(page, site_url + "tips/" + KB.guides[0].tips[0].id + "/")
    page.wait_for_function("document.addEventListener === EventTarget.prototype.addEventListener")
    assert page.evaluate("document.body.setAttribute === Element.prototype.setAttribute")
    assert page.evaluate("document.querySelectorAll('link[rel=alternate][hreflang]').length") > len(PUBLISHED)
    assert page.evaluate("document.querySelectorAll('link[rel=kb-alternate]').length") == 0
    body = "document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(body)
    page.click("label.md-header__button[for^='__palette']:visible")
    page.wait_for_function(f"{body} !== {before!r}")
    reload_page(page)
    assert page.evaluate(body) != before  # remembered by the theme's script


@pytest.fixture(scope="module")
def elsewhere_url(real_site):
    """The same build served under another path, as a pull-request preview or a fork would be."""
    from browser import serve

    with serve(real_site, mount="/preview/42/") as url:
        yield url


@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "404"])
def test_the_site_works_from_another_address(browser, elsewhere_url, kind):
    """Built without SITE_URL, served under another path: no request leaves that address, nothing is
    logged as an error, and search and the language menu work. (404 pages are served at any depth,
    so their links are absolute: they need the site's path, given by SITE_URL when building.)"""
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        _load(page, url_for(elsewhere_url, "ja", kind), kind)
        page.keyboard.press("/")
        page.keyboard.type(query_for("ja"))
        _wait(page, SEARCH_DONE, query_for("ja"))
        page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        assert [u for u in requests if not u.startswith(elsewhere_url) and not u.startswith("data:")] == []
        assert errors == []
        menu = page.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.href)")
        assert menu and all(link.startswith(elsewhere_url) for link in menu)
    finally:
        context.close()
