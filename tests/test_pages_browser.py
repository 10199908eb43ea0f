"""Every page type in every language, in a real browser: accessibility (axe-core, light and dark
palettes), no request to another host, no console error, the CSP, hreflang and meta descriptions."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from test_site import KB, LANGUAGES, prefix

pytestmark = pytest.mark.browser
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


def _axe_violations(page) -> list[str]:
    if not AXE.exists():
        raise RuntimeError("axe-core is missing: run `npm ci --omit=dev` (bash scripts/dev.sh test does it)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                           ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
    return result


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language, kind", CASES)
def test_no_accessibility_violations(browser, site_url, language, kind, scheme):
    # bypass_csp lets Playwright inject axe; the CSP itself is tested below without it.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + prefix(language) + PAGE_TYPES[kind])
    if kind == "search":
        page.wait_for_function("document.querySelectorAll('#kb-search-page-results a').length > 0")
    try:
        assert _axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language, kind", CASES)
def test_only_own_host_no_console_error_and_a_working_csp(strict_page, site_url, language, kind):
    page = strict_page
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + prefix(language) + PAGE_TYPES[kind])
    page.keyboard.press("/")
    page.fill("#kb-search-input", "a")
    page.wait_for_function("document.querySelector('.kb-search__status').textContent !== ''")
    page.wait_for_load_state("networkidle")
    own = urlsplit(site_url).netloc
    assert [u for u in requests if urlsplit(u).netloc not in (own, "")] == []
    if kind == "404":  # the browser reports the 404 status of the page itself
        errors = [e for e in errors if "404" not in e]
    assert errors == []
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # An injected inline event handler does not run.
    page.evaluate("""() => { const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__kbInjected = true'); img.src = 'missing.png';
        document.body.append(img); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__kbInjected === undefined")


@pytest.mark.parametrize("language, kind", [c for c in CASES if c[1] not in ("404", "search")])
def test_meta_description_hreflang_and_canonical(page, site_url, language, kind):
    page.goto(site_url + prefix(language) + PAGE_TYPES[kind])
    assert page.get_attribute("html", "lang") == language
    description = page.get_attribute('meta[name="description"]', "content")
    assert description and description.strip()
    alternates = page.eval_on_selector_all('link[rel="alternate"][hreflang]',
                                           "links => links.map(l => [l.hreflang, new URL(l.href, location).pathname])")
    hreflangs = dict(alternates)
    assert set(hreflangs) == set(LANGUAGES) | {"x-default"}
    site_path = urlsplit(site_url).path
    path = PAGE_TYPES[kind]
    for other in LANGUAGES:
        assert hreflangs[other] == site_path + prefix(other) + path
    assert hreflangs["x-default"] == site_path + path
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical.endswith("/" + prefix(language) + path)
    assert page.get_attribute('meta[property="og:title"]', "content")


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
