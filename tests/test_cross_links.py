"""Cross-links on the real site: tip pages, related tips, topics, contrasts, the map, reader paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from html_tools import parse_page, resolve
from test_site import KB, LANGUAGES, prefix

TIPS = [tip for guide in KB.guides for tip in guide.tips]


def _links(page_path: Path, site: Path, css_class: str | None = None) -> list[Path]:
    """Files that the <a> elements of a page (optionally only those with a class) point to."""
    page = parse_page(page_path)
    found = []
    for tag, attrs in page.elements:
        if tag == "a" and (css_class is None or css_class in (attrs.get("class") or "").split()):
            resolved = resolve(site, page_path, attrs["href"])
            if resolved:
                found.append(resolved[0])
    return found


def _tip_of_page(site: Path, path: Path) -> str | None:
    parts = path.relative_to(site).parts
    index = parts.index("tips") if "tips" in parts else -1
    return parts[index + 1] if index >= 0 and len(parts) > index + 2 else None


def test_the_knowledge_base_is_connected():
    for topic in KB.topics:
        assert len({t.guide_id for t in KB.tips_of_topic(topic.id)}) >= 2, topic.id
    for tip in TIPS:
        assert tip.topics, tip.id
        assert any(KB.tip(r).guide_id != tip.guide_id for r in tip.related), tip.id
    assert len(KB.contrasts) >= 3
    assert 10 <= len(KB.topics) <= 15


def test_customer_and_staff_counterparts_link_both_ways():
    assert "do-not-take-it-out-on-the-operator" in KB.tip("stay-calm-with-upset-users").related
    assert "stay-calm-with-upset-users" in KB.tip("do-not-take-it-out-on-the-operator").related
    staff = [t for t in TIPS if t.audience == "support-staff"]
    for tip in staff:
        assert any(KB.tip(r).audience == "customers" for r in tip.related), tip.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_tip_has_a_page_in_every_language(real_site: Path, language: str):
    for tip in TIPS:
        path = real_site / f"{prefix(language)}tips/{tip.id}/index.html"
        page = parse_page(path)
        assert [a["data-tip"] for _, a in page.having("data-tip")] == [tip.id]
        assert page.lang == language
        targets = _links(path, real_site)
        guide_page = real_site / f"{prefix(language)}guides/{tip.guide_id}/index.html"
        assert guide_page in targets, "the tip page links to its guide"
        anchors = [resolve(real_site, path, a["href"]) for t, a in page.elements if t == "a" and "href" in a]
        assert (guide_page, tip.id) in anchors, "the tip page links to the tip on its guide page"


@pytest.mark.parametrize("language", LANGUAGES)
def test_tip_pages_link_to_their_related_tips_of_other_guides(real_site: Path, language: str):
    for tip in TIPS:
        path = real_site / f"{prefix(language)}tips/{tip.id}/index.html"
        linked = [_tip_of_page(real_site, target) for target in _links(path, real_site, "kb-related__tip")]
        assert linked == list(tip.related), tip.id
        assert any(KB.tip(r).guide_id != tip.guide_id for r in linked)


@pytest.mark.parametrize("language", LANGUAGES)
def test_tip_pages_have_breadcrumbs_and_previous_next_within_the_guide(real_site: Path, language: str):
    for guide in KB.guides:
        tips = guide.tips
        for index, tip in enumerate(tips):
            path = real_site / f"{prefix(language)}tips/{tip.id}/index.html"
            page = parse_page(path)
            assert page.with_class("kb-breadcrumbs")
            previous = [resolve(real_site, path, a["href"])[0] for _, a in page.with_class("kb-pager__previous")]
            following = [resolve(real_site, path, a["href"])[0] for _, a in page.with_class("kb-pager__next")]
            expected_previous = [path.parent.parent / tips[index - 1].id / "index.html"] if index else []
            expected_next = [path.parent.parent / tips[index + 1].id / "index.html"] if index + 1 < len(tips) else []
            assert previous == expected_previous and following == expected_next, tip.id
            # The last tip leads back to its guide and on to the next guide (the first after the last).
            back = [resolve(real_site, path, a["href"])[0] for _, a in page.with_class("kb-pager__guide")]
            onward = [resolve(real_site, path, a["href"])[0] for _, a in page.with_class("kb-pager__next-guide")]
            guides = real_site / f"{prefix(language)}guides"
            following_guide = KB.guides[(KB.guides.index(guide) + 1) % len(KB.guides)]
            last = index + 1 == len(tips)
            assert back == ([guides / guide.id / "index.html"] if last else []), tip.id
            assert onward == ([guides / following_guide.id / "index.html"] if last else []), tip.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_topic_pages_gather_their_tips_from_every_guide(real_site: Path, language: str):
    index_page = real_site / f"{prefix(language)}topics/index.html"
    assert {p.parent.name for p in _links(index_page, real_site) if p.parent.parent.name == "topics"} >= \
        {t.id for t in KB.topics}
    for topic in KB.topics:
        path = real_site / f"{prefix(language)}topics/{topic.id}/index.html"
        page = parse_page(path)
        tips = KB.tips_of_topic(topic.id)
        guides = {t.guide_id for t in tips}
        assert guides <= page.ids and len(guides) >= 2
        linked_tips = {_tip_of_page(real_site, p) for p in _links(path, real_site)} - {None}
        assert {t.id for t in tips} <= linked_tips
        assert page.with_class("kb-breadcrumbs")


@pytest.mark.parametrize("language", LANGUAGES)
def test_contrast_notes_appear_on_every_tip_and_topic_they_compare(real_site: Path, language: str):
    for contrast in KB.contrasts:
        pages = [f"tips/{t}/" for t in contrast.tips] + [f"topics/{t}/" for t in contrast.topics]
        for page in pages:
            assert f"contrast-{contrast.id}" in parse_page(real_site / f"{prefix(language)}{page}index.html").ids, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_map_lists_every_topic_and_guide_with_true_counts(real_site: Path, language: str):
    path = real_site / f"{prefix(language)}index.html"
    page = parse_page(path)
    rows = [attrs["data-topic"] for tag, attrs in page.having("data-topic") if tag == "tr"]
    assert rows == [t.id for t in KB.topics]
    listed = [attrs["data-topic"] for tag, attrs in page.having("data-topic") if tag == "li"]
    assert listed == rows, "the phone's list holds the same topics"
    cells = [(attrs["data-guide"], int(attrs["data-count"])) for tag, attrs in page.having("data-guide") if tag == "td"]
    expected = [(g.id, sum(1 for t in g.tips if topic.id in t.topics)) for topic in KB.topics for g in KB.guides]
    assert cells == expected
    assert any(tag == "caption" for tag, _ in page.elements)
    assert len([1 for tag, attrs in page.elements if tag == "th" and attrs.get("scope") == "row"]) == len(KB.topics)


@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_paths_link_every_tip_of_their_audience(real_site: Path, language: str):
    for path in KB.paths:
        page_path = real_site / f"{prefix(language)}{path.id}/index.html"
        linked = {_tip_of_page(real_site, p) for p in _links(page_path, real_site)} - {None}
        assert {t.id for t in TIPS if t.audience == path.audience} <= linked
        assert len({KB.tip(t).guide_id for t in linked}) == len(KB.guides), "assembled from every guide"
