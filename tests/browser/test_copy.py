"""Copy buttons and placeholder highlighting in a real Chromium, reading the real clipboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import split_front_matter
from scripts.kb.core.model import load_samples
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import SNIPPETS_DIR
from scripts.kb.core.snippet import load_snippets, snippet_data
from scripts.kb.site.placeholders import rules

SAMPLES = {s.rel: s for s in load_samples()}
SECTION_SAMPLE = SAMPLES["yingshenghui/2022-dangzhibu-banzi-yingshenghui.md"]
PLACEHOLDER_SAMPLE = SAMPLES["annual/2021-jiguan-zhibu-gongzuo-chabai-huibao.md"]
UI_LABELS = ["复制", "已复制", "加入撰写", "¶", "使用提示", "会议类型", "占位符", "Permanent link", "参考片段", "编辑此页"]
COPY = re.compile("复制")  # the copy button, not 加入撰写 beside it
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def body_lines(sample) -> list[str]:
    """The sample's text as a reader expects it copied: one line per heading or paragraph."""
    body = split_front_matter(sample.path.read_text(encoding="utf-8")).body
    return [line.lstrip("#").strip() for line in body.split("\n") if line.strip()]


def section_lines(sample, heading: str) -> list[str]:
    lines = body_lines(sample)
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if any(h.level == 2 and h.text == lines[i] for h in sample.headings)), len(lines))
    return lines[start:end]


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def assert_clean(text: str):
    assert not ZERO_WIDTH.search(text)
    assert "<mark" not in text and "<" not in text
    for label in UI_LABELS:
        assert label not in text, label


def test_copy_section_gives_the_exact_section_text(tab, site_url):
    tab.goto(site_url + SECTION_SAMPLE.url)
    heading = tab.locator("h2", has_text="二、产生问题的原因剖析")
    # Search segmentation and highlighting put zero-width spaces and <mark>s into the page.
    tab.evaluate("""() => { const p = [...document.querySelectorAll('article p')].find(p => p.textContent.startsWith('上述查摆'));
        p.innerHTML = p.innerHTML.replace('剖析', '\u200b<mark data-md-highlight>剖析</mark>\u200b'); }""")
    heading.get_by_role("button", name="复制本节").click()
    text = clipboard(tab)
    assert text == "\n".join(section_lines(SECTION_SAMPLE, "二、产生问题的原因剖析"))
    assert text.startswith("二、产生问题的原因剖析\n上述查摆出来的问题，剖析其产生根源，")
    assert "\n（一）党性修养锤炼不够\n无论是政治站位不高" in text
    assert_clean(text)
    assert heading.get_by_role("button", name=COPY).inner_text() == "已复制"


def test_copy_whole_sample_gives_title_and_body(tab, site_url):
    tab.goto(site_url + PLACEHOLDER_SAMPLE.url)
    tab.get_by_role("button", name="复制全文").click()
    text = clipboard(tab)
    assert text == "\n".join([PLACEHOLDER_SAMPLE.title] + body_lines(PLACEHOLDER_SAMPLE))
    assert_clean(text)
    # Placeholders are copied as the characters they are.
    assert len(rules().find(text)) == len(rules().find("\n".join(body_lines(PLACEHOLDER_SAMPLE))))
    expect(tab.get_by_role("button", name="已复制")).to_have_count(1)


def test_every_h2_of_a_sample_has_a_copy_button(tab, site_url):
    tab.goto(site_url + SECTION_SAMPLE.url)
    h2 = [h for h in SECTION_SAMPLE.headings if h.level == 2]
    assert tab.locator("article h2 button.kb-copy-button:not(.kb-compose-add)").count() == len(h2)
    assert tab.locator("article h2 button.kb-compose-add").count() == len(h2)


@pytest.mark.parametrize("sample", list(SAMPLES.values()), ids=lambda s: s.rel)
def test_placeholders_are_highlighted_and_counted_in_the_box(tab, site_url, sample):
    tab.goto(site_url + sample.url)
    body = split_front_matter(sample.path.read_text(encoding="utf-8")).body
    expected = rules().find(body)
    marks = tab.locator("article mark.kb-placeholder")
    assert marks.count() == len(expected)
    assert marks.all_inner_texts() == expected
    if expected:
        assert marks.first.get_attribute("title") == "请替换为本单位实际情况"
    assert tab.locator(".kb-sample-tools .kb-placeholder-count").inner_text() == str(len(expected))


def test_snippet_card_copy_and_source_link(tab, site_url):
    snippet = next(s for s in load_snippets(SNIPPETS_DIR) if s.slug == "annual-2021-jiguan-zhibu-gongzuo-chabai-huibao-work-02-01")
    data = snippet_data()
    tab.goto(site_url + "snippets/")
    tab.locator(f"a[href='{data.kind_slugs[snippet.kind]}/']").click()
    tab.locator(f"a[href='{data.topic_slugs[snippet.topic]}/']").click()
    card = tab.locator(f"#{snippet.slug}")
    card.wait_for()  # the click navigates; count() alone would not wait for the new page
    assert card.locator("mark.kb-placeholder").count() == len(rules().find(snippet.text))
    card.get_by_role("button", name="复制").click()
    text = clipboard(tab)
    assert text == snippet.text
    assert_clean(text)
    assert card.get_by_role("button", name=COPY).inner_text() == "已复制"
    card.get_by_role("link", name=re.compile(re.escape(snippet.section))).click()
    tab.wait_for_load_state()
    anchor = tab.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert tab.locator(f"[id='{anchor}']").inner_text().startswith(snippet.section)


def test_copy_outline(tab, site_url):
    mt = domain().type("annual")
    tab.goto(site_url + "outlines/annual-2021/")
    tab.get_by_role("button", name="复制提纲").click()
    text = clipboard(tab)
    expected = [line for item in build_outline(mt, 2021, "班子", domain()) for line in (item.heading, item.hint)]
    assert text == "\n".join(expected)
    assert_clean(text)
    assert text.startswith("一、工作开展情况\n")
    assert "（一）对照党章规定的职责任务方面" in text


def test_fallback_without_clipboard_api_still_copies(browser, site_url):
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    try:
        old = context.new_page()
        old.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
        errors = []
        old.on("pageerror", lambda error: errors.append(error))
        old.goto(site_url + SECTION_SAMPLE.url)
        assert old.evaluate("navigator.clipboard") is None
        old.locator("h2", has_text="三、今后努力方向和整改措施").get_by_role("button", name=COPY).click()
        expect(old.locator("h2", has_text="三、今后努力方向和整改措施").get_by_role("button", name=COPY)).to_have_text("已复制")
        reader = context.new_page()
        reader.goto(site_url)
        assert clipboard(reader) == "\n".join(section_lines(SECTION_SAMPLE, "三、今后努力方向和整改措施"))
        assert not errors
    finally:
        context.close()


def test_copy_works_from_file_url(tab, site_dir):
    tab.goto((site_dir / SECTION_SAMPLE.url / "index.html").as_uri())
    button = tab.locator("h2", has_text="一、存在的问题").get_by_role("button", name=COPY)
    button.click()
    expect(button).to_have_text("已复制")  # the label changes once the asynchronous copy is done
    assert clipboard(tab) == "\n".join(section_lines(SECTION_SAMPLE, "一、存在的问题"))
