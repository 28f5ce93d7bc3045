"""The 撰写 page in Chromium: a reader composes a 2022 annual 班子 draft from the outline and the
snippets, fills the placeholders, sees live checks, reorders aspects, downloads Word and the
contribution, reloads; nothing leaves the browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import docx
import pytest
from playwright.sync_api import expect
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.outline import build_outline
from scripts.kb.core.frontmatter import split_front_matter
from scripts.kb.core.paths import ROOT, SNIPPETS_DIR
from scripts.kb.core.rendering import render_markdown
from scripts.kb.core.slug import pinyin_slug
from scripts.kb.core.snippet import load_snippets, snippet_data
from scripts.kb.site.cards import build_cards
from scripts.kb.site.placeholders import rules as placeholder_rules
from scripts.kb.word.docx_layout import layout
from tests.browser.compose import block, block_at, finding_texts, findings, headings, open_compose, write
from tests.browser.material import recording_page
from tests.conftest import require_tool

UNIT, YEAR, BRANCH = "县人大常委会机关", "2022", "机关党支部"
TITLE = f"{BRANCH}{YEAR}年度组织生活会对照检查材料"


def own_text(area: str) -> str:
    """A paragraph with a 1. lead-in, which Word sets in bold, and a plain one."""
    return f"1.对照“{area}”查摆不够。【单位名称】在学习和工作中还有差距。\n下一步要结合实际认真查摆。"


@pytest.fixture(scope="module")
def composed(browser, site_url, tmp_path_factory):
    """Compose the draft once; yields (page, requests after loading, downloads folder, steps seen)."""
    out = tmp_path_factory.mktemp("compose")
    mt = domain().type("annual")
    outline = build_outline(mt, 2022, "班子", domain())
    with recording_page(browser) as (page, requested):
        open_compose(page, site_url)
        loaded = len(requested)
        seen = {"outline": headings(page)}
        page.select_option("select.kb-compose-type", "annual")
        page.select_option("select.kb-compose-year", "2022")
        page.select_option("select.kb-compose-subject", "班子")
        seen["outline"] = headings(page)
        # Three snippets inserted, one each into 工作开展情况, the first aspect and 整改措施.
        inserted = []
        for title in ("工作开展情况", outline[2].text, "整改措施"):
            target = block(page, title)
            target.locator("details.kb-block-refs summary").click()
            first = target.locator(".kb-ref").first
            first.wait_for()
            inserted.append(first.locator(".kb-ref-text").inner_text())
            first.get_by_role("button", name="插入").click()
        seen["inserted"] = inserted
        # The reader's own text in every other block.
        for item in outline:
            if item.text not in ("工作开展情况", outline[2].text, "整改措施"):
                write(page, block(page, item.text), own_text(item.area or item.text))
        # A half-width comma between Chinese characters: a live error, gone once fixed.
        causes = block(page, "原因剖析")
        write(page, causes, "理论学习不够深入,思想认识存在差距。")
        seen["comma"] = findings(page)
        seen["comma_beside"] = causes.locator(".kb-block-issues").inner_text()
        write(page, causes, "理论学习不够深入，思想认识存在差距。")
        seen["fixed"] = findings(page)
        seen["note_before"] = page.locator(".kb-compose-export-note").inner_text()
        # Fields filled once, placeholders replaced everywhere.
        for key, value in (("unit", UNIT), ("year", YEAR), ("branch", BRANCH)):
            page.fill(f"input.kb-compose-common[data-field='{key}']", value)
        page.select_option("select.kb-compose-level", "县级")
        page.select_option("select.kb-compose-org-kind", "人大机关")
        seen["placeholders"] = page.locator(".kb-compose-placeholder").count()
        while page.locator(".kb-compose-placeholder").count():
            row = page.locator(".kb-compose-placeholder").first
            row.locator("input").fill("本单位")
            row.get_by_role("button", name="全部替换").click()
        seen["placeholder_note"] = page.locator(".kb-compose-placeholder-total").inner_text()
        # Two aspects swapped: the second moves up and both are renumbered.
        before = headings(page)
        block_at(page, 3).get_by_role("button", name="上移").click()
        seen["reordered"] = (before, headings(page))
        seen["final_findings"] = findings(page)
        seen["export_note"] = page.locator(".kb-compose-export-note").inner_text()
        for button, name in (("下载 Word", "word"), ("下载投稿稿", "markdown")):
            with page.expect_download() as info:
                page.get_by_role("button", name=button).click()
            download = info.value
            seen[name] = out / download.suggested_filename
            download.save_as(seen[name])
        seen["plain"] = page.evaluate("KBCompose.plainText(KB_COMPOSE_DATA, document.getElementById('kb-compose').workbench.draft)")
        composing = list(requested[loaded:])  # every request from loading the page to the downloads
        page.reload()
        page.wait_for_selector(".kb-compose-summary")
        seen["reloaded"] = headings(page)
        seen["reloaded_body"] = block(page, "原因剖析").locator("textarea").input_value()
        yield page, composing, seen


def test_outline_is_the_2022_framework_for_a_branch(composed):
    _, _, seen = composed
    expected = [i.heading for i in build_outline(domain().type("annual"), 2022, "班子", domain())]
    assert seen["outline"] == expected


def test_inserted_snippets_and_hints_as_placeholders_only(composed):
    page, _, seen = composed
    assert len(seen["inserted"]) == 3 and all(seen["inserted"])
    draft = page.evaluate("document.getElementById('kb-compose').workbench.draft")
    bodies = "\n".join(b["body"] for b in draft["blocks"])
    for text in seen["inserted"]:
        assert placeholder_rules().regex.sub("本单位", text) in bodies
    hints = page.locator("textarea.kb-block-body").evaluate_all("els => els.map(e => e.placeholder)")
    assert all(hints) and not any(h in bodies for h in hints)


def test_half_width_comma_is_flagged_live_and_cleared_when_fixed(composed):
    _, _, seen = composed
    assert "TX003" in seen["comma"]
    assert "汉字之间用了半角“,”，应为“，”" in seen["comma_beside"]
    assert "TX003" not in seen["fixed"]


def test_placeholders_are_listed_then_replaced_everywhere(composed):
    _, _, seen = composed
    assert seen["placeholders"] >= 1
    assert seen["placeholder_note"] == "没有剩余的占位符。"
    assert not placeholder_rules().find(seen["plain"])
    assert seen["plain"].splitlines()[0] == TITLE
    assert "【" not in seen["plain"] and seen["plain"].count(UNIT) >= 6  # once in each aspect
    assert "处占位符" in seen["note_before"] and "“单位名称”未填写" in seen["note_before"]


def test_moving_an_aspect_up_renumbers_both(composed):
    _, _, seen = composed
    before, after = seen["reordered"]
    assert after[2] == "（一）" + before[3][3:] and after[3] == "（二）" + before[2][3:]
    assert after[:2] == before[:2] and after[4:] == before[4:]


def test_finished_draft_has_no_findings_and_may_be_exported(composed):
    _, _, seen = composed
    assert seen["final_findings"] == []
    assert seen["export_note"] == "可以导出。"


def test_reload_keeps_the_draft(composed):
    _, _, seen = composed
    assert seen["reloaded"] == seen["reordered"][1]
    assert seen["reloaded_body"] == "理论学习不够深入，思想认识存在差距。"


def test_nothing_leaves_the_browser(composed, site_url):
    _, requested, _ = composed
    for url in requested:
        parts = urlsplit(url)
        assert url.startswith(site_url) or parts.scheme in ("blob", "data"), url
        assert not parts.query, url
        assert parts.path.startswith("/assets/compose/snippets/") or parts.scheme == "blob", url


def test_word_file_is_in_the_official_layout_with_the_whole_text(composed):
    _, _, seen = composed
    path = seen["word"]
    assert path.name == f"2022-annual-{pinyin_slug(TITLE)}.docx"
    document = docx.Document(str(path))
    assert [p.text for p in document.paragraphs] == seen["plain"].splitlines()
    section, page = document.sections[0], layout().page
    assert [round(x / 635) for x in (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                                      section.left_margin, section.right_margin)] == \
        [round(Mm(page[k]) / 635) for k in ("width_mm", "height_mm", "margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm")]
    kinds = {"Title": "title", "Heading 1": "heading1", "Heading 2": "heading2", "Normal": "body"}
    assert document.paragraphs[0].style.name == "Title"
    assert sum(p.style.name == "Heading 2" for p in document.paragraphs) == 6
    for paragraph in document.paragraphs:
        spec = layout().font(kinds[paragraph.style.name])
        for run in paragraph.runs:
            assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == spec.east_asia
            assert run.font.size == Pt(spec.size_pt)
    lead_in = layout().lead_in
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Normal":
            assert [(r.text, bool(r.bold)) for r in paragraph.runs] == [(r.text, r.bold) for r in lead_in.runs(paragraph.text)]
    assert any(r.bold for p in document.paragraphs for r in p.runs if p.style.name == "Normal")
    assert document.core_properties.title == TITLE
    assert document.sections[0].footer.paragraphs[0].text == "— 1 —"


def test_word_file_renders_in_libreoffice(composed, tmp_path):
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    require_tool(soffice, "LibreOffice（soffice）")
    require_tool("/usr/bin/pdftotext", "poppler-utils（pdftotext）")
    _, _, seen = composed
    source = tmp_path / "draft.docx"
    shutil.copy(seen["word"], source)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "draft.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    squeezed = "".join(text.split())
    assert squeezed.startswith(TITLE)
    for line in seen["plain"].splitlines()[1:4]:  # lines break anywhere, pages add their numbers
        assert "".join(line.split())[:20] in squeezed


def test_contribution_passes_check(composed, tmp_path):
    _, _, seen = composed
    path = seen["markdown"]
    assert path.name == f"2022-annual-{pinyin_slug(TITLE)}.md"
    docs = tmp_path / "docs"
    (docs / "annual").mkdir(parents=True)
    target = docs / "annual" / path.name
    shutil.copy(path, target)
    result = subprocess.run([sys.executable, "-m", "scripts.kb", "check", str(target), "--docs", str(docs),
                             "--snippets", str(SNIPPETS_DIR), "--no-cache", "--strict"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_add_to_compose_from_a_sample_section_and_a_snippet_card(browser, site_url):
    sample = next(s for s in load_samples() if s.meeting_type == "annual" and any(sec.role and sec.role.key == "causes" for sec in s.sections))
    causes = next(sec for sec in sample.sections if sec.role and sec.role.key == "causes")
    card = next(c for c in build_cards(load_snippets(SNIPPETS_DIR), load_samples(), domain(), snippet_data())
                if c.snippet.kind == "整改" and "annual" in c.snippet.meeting_types)
    with recording_page(browser) as (page, _):
        page.goto(site_url + sample.url)
        heading = page.locator("article h2", has_text=causes.heading.text)
        heading.get_by_role("button", name="加入撰写").click()
        expect(heading.get_by_role("button", name="已加入撰写")).to_be_visible()  # the click loads data first
        page.goto(site_url + card.page[: -len(".md")] + "/")
        page.locator(f"#{card.snippet.slug}").get_by_role("button", name="加入撰写").click()
        expect(page.locator(f"#{card.snippet.slug}").get_by_role("button", name="已加入撰写")).to_be_visible()
        open_compose(page, site_url)
        assert "2 段文字" in page.locator(".kb-compose-notice").inner_text()
        first_paragraph = causes.paragraphs[0].strip()
        assert first_paragraph[:30] in block(page, "原因剖析").locator("textarea").input_value()
        assert card.snippet.text[:30] in block(page, "整改措施").locator("textarea").input_value()
        page.reload()
        page.wait_for_selector(".kb-compose-summary")
        assert page.locator(".kb-compose-notice").count() == 0  # taken once


def test_phone_width_fits_and_works(browser, site_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_compose(page, site_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for selector in ("textarea.kb-block-body", ".kb-block-title", ".kb-compose-word", "select.kb-compose-year"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, selector
    target = block(page, "整改措施")
    target.locator("details.kb-block-refs summary").click()
    target.get_by_role("button", name="插入").first.click()
    expect(target.locator("textarea")).not_to_have_value("")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_local_aspects_then_removing_one_renumbers_the_rest(browser, site_url):
    with recording_page(browser) as (page, _):
        open_compose(page, site_url)
        page.locator("details.kb-compose-local-areas summary").click()
        page.fill("textarea.kb-compose-local", "带头学习贯彻党的二十大精神\n带头严守纪律\n带头担当作为")
        page.get_by_role("button", name="按这些方面重排提纲").click()
        shown = headings(page)
        assert shown[2:5] == ["（一）带头学习贯彻党的二十大精神方面", "（二）带头严守纪律方面", "（三）带头担当作为方面"]
        block(page, "带头学习贯彻党的二十大精神方面").get_by_role("button", name="删除本节").click()
        assert headings(page)[2:4] == ["（一）带头严守纪律方面", "（二）带头担当作为方面"]
        block(page, "工作开展情况").get_by_role("button", name="删除本节").click()
        assert headings(page)[:3] == ["一、存在的问题", "（一）带头严守纪律方面", "（二）带头担当作为方面"]
        assert headings(page)[3:] == ["二、原因剖析", "三、整改措施"]


def test_several_drafts_by_name_with_delete_and_clear(browser, site_url):
    with recording_page(browser) as (page, _):
        open_compose(page, site_url)
        write(page, block(page, "整改措施"), "第一份草稿的整改措施。")
        page.get_by_role("button", name="新建", exact=True).click()
        names = page.locator("select.kb-compose-draft-list option").all_inner_texts()
        assert names == ["我的材料", "我的材料2"]
        expect(block(page, "整改措施").locator("textarea")).to_have_value("")
        write(page, block(page, "整改措施"), "第二份草稿的整改措施。")
        page.wait_for_timeout(600)
        page.select_option("select.kb-compose-draft-list", "我的材料")
        expect(block(page, "整改措施").locator("textarea")).to_have_value("第一份草稿的整改措施。")
        page.get_by_role("button", name="清空", exact=True).click()
        expect(block(page, "整改措施").locator("textarea")).to_have_value("")
        page.get_by_role("button", name="删除", exact=True).click()
        expect(page.locator("select.kb-compose-draft-list option")).to_have_text(["我的材料2"])
        page.reload()
        page.wait_for_selector(".kb-compose-summary")
        expect(block(page, "整改措施").locator("textarea")).to_have_value("第二份草稿的整改措施。")


def test_tags_are_chosen_for_the_contribution(browser, site_url):
    with recording_page(browser) as (page, _):
        open_compose(page, site_url)
        page.select_option("select.kb-compose-type", "dangshi")
        assert "TX007" in findings(page)
        assert "标签（tags）还没有填写" in " ".join(finding_texts(page))
        page.locator("details.kb-compose-tags summary").click()
        page.get_by_label("党史学习教育", exact=True).check()
        assert "标签（tags）还没有填写" not in " ".join(finding_texts(page))
        markdown = page.evaluate("KBCompose.toMarkdown(KB_COMPOSE_DATA, document.getElementById('kb-compose').workbench.draft).text")
        assert 'tags: ["党史学习教育"]' in markdown


def test_the_contribution_keeps_lines_that_look_like_markdown_as_prose(browser, site_url):
    lines = ["1. 加强理论学习。", "- 一是要带头。", "#要点在于落实。", "> 引文要核对。", "---"]
    with recording_page(browser) as (page, _):
        open_compose(page, site_url)
        write(page, block(page, "整改措施"), "\n".join(lines))
        markdown = page.evaluate("KBCompose.toMarkdown(KB_COMPOSE_DATA, document.getElementById('kb-compose').workbench.draft).text")
    body = split_front_matter(markdown).body
    rendered = render_markdown(body[body.index("整改措施"):])
    assert all(f"<p>{html.escape(line, quote=False)}</p>" in rendered for line in lines), rendered
    assert not re.search(r"<(ol|ul|h1|blockquote|hr)\b", rendered), rendered
