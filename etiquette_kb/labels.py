"""Site strings used outside the page templates (site name, navigation). Babel extracts the
pgettext calls below into site.pot."""
from __future__ import annotations

from babel import Locale
from babel.support import NullTranslations

from .languages import posix_locale


def site_labels(t: NullTranslations) -> dict[str, str]:
    return {
        "site_name": t.pgettext("site.name", "Support Etiquette"),
        "site_description": t.pgettext(
            "site.description",
            "How to talk to customer and technical support, and how support staff should treat the people who call them.",
        ),
        "nav_home": t.pgettext("nav", "Home"),
        "nav_guides": t.pgettext("nav", "Guides"),
        "nav_topics": t.pgettext("nav", "Topics"),
        "nav_sources": t.pgettext("nav", "Sources"),
        "nav_status": t.pgettext("nav", "Translation status"),
        "nav_search": t.pgettext("nav", "Search"),
        "nav_contribute": t.pgettext("nav", "Help translate"),
        "page_fallback_notice": t.pgettext(
            "notice", "This page is not yet translated into your language; it is shown in English."
        ),
    }


OFFER_CONTEXT = "banner"


def language_offer(t: NullTranslations) -> dict[str, str]:
    """The first-visit banner on the English home page, shown in the reader's own language: each
    language's site.po says it in that language (it is never shown in English)."""
    return {
        "text": t.pgettext("banner", "This site is also available in your language."),
        "go": t.pgettext("banner", "Read it in your language"),
        "stay": t.pgettext("banner", "Stay on the English site"),
    }


def not_found_labels(t: NullTranslations) -> dict[str, str]:
    """The 404 page of a language."""
    return {
        "title": t.pgettext("404", "Page not found"),
        "text": t.pgettext("404", "There is no page at this address. The link may be mistyped, or the page may have moved. "
                                  "Search the tips, or start from one of these pages:"),
        "search": t.pgettext("404", "Search the tips"),
        "button": t.pgettext("search", "Search"),
        "home": t.pgettext("nav", "Home"),
        "guides": t.pgettext("nav", "Guides"),
        "topics": t.pgettext("nav", "Topics"),
        "checklist": t.pgettext("404", "The checklist: before you contact support"),
    }


def theme_labels(t: NullTranslations) -> dict[str, str]:
    """The theme's own labels (Material's keys) that the site translates itself; Material's
    translations are missing or poor for some of them ("Kihagyás" for the skip link)."""
    return {
        "action.skip": t.pgettext("theme", "Skip to content"),
        "header": t.pgettext("theme", "Header"),
        "footer": t.pgettext("theme", "Footer"),
        "footer.next": t.pgettext("theme", "Next"),
        "footer.previous": t.pgettext("theme", "Previous"),
        "nav": t.pgettext("theme", "Navigation"),
        "toc": t.pgettext("theme", "On this page"),
        "top": t.pgettext("theme", "Back to top"),
        "select.language": t.pgettext("theme", "Choose a language"),
        "kb.made-with": t.pgettext("theme", "Made with"),
    }


def theme_settings_labels(t: NullTranslations) -> dict[str, str]:
    """Labels set in the theme's configuration rather than in its templates."""
    return {
        "palette_dark": t.pgettext("theme", "Switch to dark mode"),
        "palette_light": t.pgettext("theme", "Switch to light mode"),
        "permalink": t.pgettext("theme", "Link to this section"),
    }


def plural_by_category(t: NullTranslations, language: str, context: str, singular: str, plural: str) -> dict[str, str]:
    """A plural message for the browser: its form for each CLDR plural category of the language
    ("one", "few", "many", "other"...), which the script picks with Intl.PluralRules."""
    rule = Locale.parse(posix_locale(language)).plural_form
    forms: dict[str, str] = {}
    for n in range(1000):  # every category of every CLDR language has an integer example below 1000
        forms.setdefault(rule(n), t.npgettext(context, singular, plural, n))
    return forms


def search_labels(t: NullTranslations, language: str) -> dict:
    """What the search box and the search page say; handed to the browser script as JSON."""
    return {
        "open": t.pgettext("search", "Search"),
        "label": t.pgettext("search", "Search the tips"),
        "placeholder": t.pgettext("search", "Search tips, e.g. a problem or a word"),
        "close": t.pgettext("search", "Close search"),
        "loading": t.pgettext("search", "Loading search…"),
        "found": t.pgettext("search", "Tips found for \"%(query)s\": %(count)s"),
        "tips": t.pgettext("search", "Tips"),
        "topics": t.pgettext("search", "Topics"),
        "partial": t.pgettext("search", "Matches only some of your words"),
        "empty": t.pgettext("search", "No tips match \"%(query)s\"."),
        "try": t.pgettext("search", "Try this:"),
        "fewer_words": t.pgettext("search", "use fewer words, or other words for the same thing"),
        "browse_topics": t.pgettext("search", "browse the topics"),
        "open_checklist": t.pgettext("search", "go through the checklist before you call"),
        "filtered": plural_by_category(t, language, "search", "The filters hide %(count)s matching tip.",
                                       "The filters hide %(count)s matching tips."),
        "reset": t.pgettext("search", "Clear the filters"),
        "in_english": t.pgettext("search", "Search the English pages for \"%(query)s\""),
        "filters": t.pgettext("search", "Filter the results"),
        "topic": t.pgettext("search", "Topic"),
        "audience": t.pgettext("search", "Written for"),
        "guide": t.pgettext("search", "Guide"),
        "any": t.pgettext("search", "Any"),
        "all_results": t.pgettext("search", "Show all results"),
        "hint": t.pgettext("search", "Press / to search; use the arrow keys and Enter to open a result."),
        "unavailable": t.pgettext("search", "Search needs the site to be served over HTTP; it cannot run from a file."),
    }


def audience_label(t: NullTranslations, audience: str) -> str:
    return {
        "customers": t.pgettext("audience", "Customers"),
        "support-staff": t.pgettext("audience", "Support staff"),
    }[audience]
