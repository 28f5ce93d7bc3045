"""A page's search record made ahead (a cold build makes them all in on_env, for the worker that
merges the index) answers the search plugin's later call for the same page and HTML, once."""

from __future__ import annotations

from scripts.kb.site import site_build
from scripts.kb.site.site_build import SiteBuild

HTML = "<h2 id=\"s1\">一、学习</h2><p>理论学习不够深入</p>"


def test_a_record_made_ahead_answers_the_next_call_for_the_same_page_and_html_once(monkeypatch):
    made, make = [], site_build.search_record_of
    monkeypatch.setattr(site_build, "search_record_of", lambda url, *args: made.append(url) or make(url, *args))
    build = SiteBuild()
    ahead = build.search_record("guide.md", "guide/", "指南", HTML, ahead=True)
    assert build.search_record("guide.md", "guide/", "指南", HTML) == ahead and made == ["guide/"]
    assert build.search_record("guide.md", "guide/", "指南", HTML) == ahead and made == ["guide/"] * 2  # once only
    assert build.search_record("guide.md", "guide/", "指南", HTML) == ahead and made == ["guide/"] * 3  # not kept


def test_a_record_made_ahead_is_not_used_for_another_title_or_html(monkeypatch):
    build = SiteBuild()
    ahead = build.search_record("guide.md", "guide/", "指南", HTML, ahead=True)
    assert '"title":"新指南"' in build.search_record("guide.md", "guide/", "新指南", HTML)
    build.search_record("guide.md", "guide/", "指南", HTML, ahead=True)
    assert build.search_record("guide.md", "guide/", "指南", HTML.replace("深入", "扎实")) != ahead
