"""What the site derives from CLDR for each language: a table per rule, each row calling it directly."""
from __future__ import annotations

import pytest
from babel.support import NullTranslations

from etiquette_kb.labels import plural_by_category
from etiquette_kb.languages import format_locale, sentence_space


@pytest.mark.parametrize("code, space", [
    ("en", " "), ("hu", " "), ("ru", " "), ("id", " "), ("ar", " "), ("ko", " "), ("pt-BR", " "),
    ("ja", ""), ("zh-Hant", ""), ("zh", ""), ("th", ""), ("yue", ""),  # scripts without spaces
])
def test_a_sentence_and_a_following_link_are_spaced_as_the_script_is(code: str, space: str):
    assert sentence_space(code) == space


@pytest.mark.parametrize("code, locale", [("en", "en_GB"), ("ja", "ja"), ("pt-BR", "pt_BR"), ("zh-Hant", "zh_Hant")])
def test_english_pages_use_british_formats(code: str, locale: str):
    assert format_locale(code) == locale


class _Forms(NullTranslations):
    """A catalog stand-in whose plural form index follows a gettext Plural-Forms expression."""

    def __init__(self, plural):
        super().__init__()
        self.plural = plural

    def npgettext(self, context, singular, plural, n):
        return f"form {self.plural(n)}"


@pytest.mark.parametrize("language, plural, expected", [
    ("en", lambda n: int(n != 1), {"one": "form 0", "other": "form 1"}),
    ("ja", lambda n: 0, {"other": "form 0"}),
    # Russian: one (1, 21, 101), few (2-4, 22), many (0, 5-20): the three gettext forms.
    ("ru", lambda n: 0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2,
     {"one": "form 0", "few": "form 1", "many": "form 2"}),
])
def test_a_plural_message_reaches_the_browser_by_cldr_category(language, plural, expected):
    assert plural_by_category(_Forms(plural), language, "search", "%(count)s tip", "%(count)s tips") == expected
