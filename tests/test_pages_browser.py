"""Every page type in every language, in a real browser: accessibility (axe-core; the dark palette
in one language), no request to another host, no console error, the CSP, the language switcher."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from test_site import KB, LANGUAGES, prefix

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "guide": f"guides/{KB.guides[0].id}/",
    "tip": f"tips/{KB.guides[1].tips[0].id}/",
    "topic": f"topics/{KB.topics[0].id}/",
    "topics": "topics/",
    "checklist": "checklist/",
    "status": "status/",
    "search": "search/?q=operator",
    "404": "no-such-page/",
}
CASES = [(language, kind) for language in LANGUAGES for kind in PAGE_TYPES]


DARK_PALETTE_LANGUAGE = "hu"  # the palettes differ by colours only: one language covers the dark one


def _axe_violations(page) -> list[str]:
    if not AXE.exists():
        raise RuntimeError("axe-core is missing: run `npm ci` (bash scripts/dev.sh test does it)")
    # Evaluated through the browser's debugging protocol, which the page's CSP does not apply to.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                         ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")


def _load(page, url: str, kind: str) -> None:
    page.goto(url)
    if kind == "search":
        page.wait_for_selector("#kb-search-page-results a")


@pytest.mark.parametrize("language, kind", CASES)
def test_page_is_accessible_private_error_free_and_under_its_csp(browser, site_url, language, kind):
    """One load per page type and language, in a tab that enforces the page's CSP: axe-core finds
    no violation, the page and its search request nothing from another host (nor the sitemaps the
    theme would fetch), nothing is logged as an error, and an injected inline handler does not run."""
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        _load(page, site_url + prefix(language) + PAGE_TYPES[kind], kind)
        assert _axe_violations(page) == []
        page.keyboard.press("/")
        page.fill("#kb-search-input", "a")
        page.wait_for_selector(".kb-search__status[data-state=done]", state="attached")
        page.wait_for_load_state("networkidle")
        own = urlsplit(site_url).netloc
        assert [u for u in requests if urlsplit(u).netloc not in (own, "")] == []
        assert [u for u in requests if u.endswith("sitemap.xml")] == []
        if kind == "404":  # the browser reports the 404 status of the page itself
            errors = [e for e in errors if "404" not in e]
        assert errors == []
        csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        page.evaluate("""() => { const img = document.createElement('img');
            img.setAttribute('onerror', 'window.__kbInjected = true'); img.src = 'missing.png';
            document.body.append(img); }""")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__kbInjected === undefined")
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_dark_palette_is_accessible(browser, site_url, kind):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        _load(page, site_url + prefix(DARK_PALETTE_LANGUAGE) + PAGE_TYPES[kind], kind)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert _axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_fragments_carry_their_language(page, site_url, language):
    """Where a page shows text in another language (an untranslated original, a source title),
    that element says so with lang, so screen readers switch voice."""
    guide = next(g for g in KB.guides if g.language != language)
    page.goto(site_url + prefix(language) + f"guides/{guide.id}/")
    foreign = page.eval_on_selector_all("main [lang]", "els => els.map(e => e.lang)")
    assert guide.language in foreign  # at least the original title in <cite lang=…>


@pytest.mark.parametrize("language, target", [("hu", "ja"), ("en", "ru"), ("id", "en")])
def test_the_language_switcher_keeps_the_page_and_the_tip(page, site_url, language, target):
    guide = KB.guides[2]
    tip = guide.tips[-1].id
    page.goto(f"{site_url}{prefix(language)}guides/{guide.id}/#{tip}")
    with page.expect_navigation():
        page.eval_on_selector(f'a.md-select__link[hreflang="{target}"]', "link => link.click()")
    assert page.url == f"{site_url}{prefix(target)}guides/{guide.id}/#{tip}"
    assert page.get_attribute("html", "lang") == target


def test_the_deferred_theme_script_still_runs_the_palette_toggle(page, site_url):
    """The theme's bundle is loaded with defer (theme/main.html): its controls must still work."""
    page.goto(site_url + "tips/" + KB.guides[0].tips[0].id + "/")
    body = "document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(body)
    page.click("label.md-header__button[for^='__palette']:visible")
    page.wait_for_function(f"{body} !== {before!r}")
    page.reload()
    assert page.evaluate(body) != before  # remembered by the theme's script
