"""全部范例 in Chromium: the filters narrow the table to exactly the right rows, and the URL carries them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples


def _rows(page) -> list[str]:
    page.wait_for_selector("#kb-samples tbody tr")
    return page.locator("#kb-samples tbody tr td:first-child a").all_inner_texts()


def _expected(**match) -> list[str]:
    keys = {"type": "meeting_type", "year": "year", "level": "level", "kind": "org_kind", "subject": "subject"}
    return sorted(s.title for s in load_samples() if all(str(s.meta[keys[k]]) == v for k, v in match.items()))


def test_choosing_a_type_and_a_year_shows_exactly_those_samples(page, site_url):
    page.goto(site_url + "browse/")
    assert sorted(_rows(page)) == sorted(s.title for s in load_samples())
    page.select_option("select[name=type]", "annual")
    page.select_option("select[name=year]", "2021")
    assert sorted(_rows(page)) == _expected(type="annual", year="2021") != []
    assert parse_qs(urlsplit(page.url).query) == {"type": ["annual"], "year": ["2021"]}
    assert "符合条件的" in page.inner_text(".kb-count")
    page.select_option("select[name=year]", "2022")
    assert _expected(type="annual", year="2022") == []
    expect(page.locator("#kb-samples .kb-empty")).to_be_visible()
    page.click("#kb-samples button[type=reset]")
    assert len(_rows(page)) == len(load_samples()) and urlsplit(page.url).query == ""


def test_a_link_with_filters_opens_filtered(page, site_url):
    sample = load_samples()[0]
    page.goto(site_url + f"browse/?type={sample.meeting_type}&subject={sample.meta['subject']}")
    assert sorted(_rows(page)) == _expected(type=sample.meeting_type, subject=sample.meta["subject"])
    assert page.input_value("select[name=type]") == sample.meeting_type
    assert page.input_value("select[name=subject]") == sample.meta["subject"]


def test_text_filter_matches_titles_and_tags(page, site_url):
    page.goto(site_url + "browse/")
    tag = "我为群众办实事"
    page.fill("input[name=q]", tag)
    assert sorted(_rows(page)) == sorted(s.title for s in load_samples() if tag in s.meta["tags"])
    assert parse_qs(urlsplit(page.url).query) == {"q": [tag]}


def test_a_row_links_to_its_sample(page, site_url):
    sample = load_samples()[0]
    page.goto(site_url + "browse/")
    page.fill("input[name=q]", sample.title)
    page.click(f"#kb-samples tbody a:text-is('{sample.title}')")
    page.wait_for_url(site_url + sample.url)
    assert domain().type(sample.meeting_type).name in page.inner_text(".kb-meta")


def test_filters_work_from_file_urls_without_a_server(page, site_dir):
    sample = load_samples()[-1]
    page.goto((site_dir / "browse" / "index.html").as_uri() + f"?type={sample.meeting_type}")
    assert sorted(_rows(page)) == _expected(type=sample.meeting_type)
    page.select_option("select[name=type]", "")
    assert len(_rows(page)) == len(load_samples())


@pytest.fixture(autouse=True)
def _no_requests_to_other_hosts(page):
    """The table must not fetch anything from another host."""
    external = []
    page.on("request", lambda request: external.append(request.url)
            if request.url.startswith(("http://", "https://")) and "127.0.0.1" not in request.url else None)
    yield
    assert not external, external
