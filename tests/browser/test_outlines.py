"""Outline pages in a real Chromium: the basis is shown, and the 班子/个人 tabs switch outlines."""

from __future__ import annotations

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.outline import build_outline

DOM = domain()


def visible_outline(page) -> str:
    outlines = page.locator(".kb-outline:visible")
    assert outlines.count() == 1
    return outlines.inner_text()


def test_the_2025_outline_shows_its_basis_and_that_the_units_notice_prevails(page, site_url):
    framework = DOM.type("annual").frameworks[2025]
    page.goto(site_url + "outlines/annual-2025/")
    basis = page.locator(".admonition", has_text="依据（可信度：中）")
    assert basis.is_visible()
    text = basis.inner_text()
    assert DOM.notices["basis"] in text and DOM.notices["unofficial"] in text and DOM.notices["yardstick"] in text
    assert framework.theme in page.locator(".md-content").inner_text()
    hrefs = basis.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [s.link for s in framework.basis]
    buttons = page.get_by_role("link", name="下载 Word（党员个人）")
    assert buttons.count() == 1 and page.get_by_role("link", name="下载 Word（党支部班子）").count() == 1


@pytest.mark.parametrize("key, year", [("annual", 2025), ("zhutijiaoyu", 2023)])
def test_the_subject_tabs_switch_between_the_two_outlines(page, site_url, key, year):
    mt = DOM.type(key)
    page.goto(site_url + f"outlines/{key}-{year}/")
    expected = {s: [i.heading for i in build_outline(mt, year, s, DOM)] for s in ("班子", "个人")}
    shown = visible_outline(page)
    assert all(heading in shown for heading in expected["班子"])
    page.get_by_text("党员个人材料", exact=True).click()
    shown = visible_outline(page)
    assert all(heading in shown for heading in expected["个人"])
    assert not [h for h in expected["班子"] if h not in expected["个人"] and h in shown]
    page.get_by_text("党支部班子材料", exact=True).click()
    assert all(heading in visible_outline(page) for heading in expected["班子"])
