"""The exported .docx of each published sample and outline: text, page, fonts, footer, properties."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser

import docx
import markdown
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import split_front_matter
from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import ROOT, SNIPPETS_DIR
from scripts.kb.site import downloads
from scripts.kb.word import docx_writer
from scripts.kb.word.docx_layout import layout

SAMPLES = load_samples()
MARKDOWN_SYNTAX = re.compile(r"\*\*|__|`|\]\(|^#|^>|^\s*[-+*]\s|<[a-z/]|--8<--|\{:", re.M)
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


class _BlockTexts(HTMLParser):
    """The text of each paragraph, heading and list item of rendered HTML, in order."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._open = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.texts.append("")
            self._open += 1

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._open -= 1

    def handle_data(self, data):
        if self._open:
            self.texts[-1] += data


def page_texts(sample) -> list[str]:
    """What the web page shows of the body, rendered by Python-Markdown: an independent oracle."""
    body = split_front_matter(sample.path.read_text(encoding="utf-8")).body
    html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "pymdownx.snippets"],
                             extension_configs={"pymdownx.snippets": {"base_path": [str(SNIPPETS_DIR)]}})
    parser = _BlockTexts()
    parser.feed(html)
    return [ZERO_WIDTH.sub("", "".join(t.split("\n"))).strip() for t in parser.texts if t.strip()]


def exported(download) -> docx.document.Document:
    return docx.Document(io.BytesIO(downloads.document_bytes(download, layout())))


def east_asia(run) -> str | None:
    fonts = run.element.rPr.rFonts
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda s: s.rel)
def sample_doc(request):
    sample = request.param
    return sample, exported(downloads.sample_download(sample, layout()))


def test_there_are_published_samples_to_export():
    assert SAMPLES, "docs/ 中没有范例"


def test_paragraphs_are_the_sample_text_in_order(sample_doc):
    sample, document = sample_doc
    texts = [p.text for p in document.paragraphs]
    expected = [sample.title] + page_texts(sample)
    if sample.meta.get("date"):
        date = sample.meta["date"]
        expected.append(f"{date.year}年{date.month}月{date.day}日")
    assert texts == expected
    joined = "\n".join(texts)
    assert not ZERO_WIDTH.search(joined)
    assert not MARKDOWN_SYNTAX.search(joined), MARKDOWN_SYNTAX.search(joined)


def twips(length) -> int:
    """Word stores page lengths in twips (1/20 pt): compare at that precision."""
    return round(length / 635)


def test_page_is_a4_with_the_configured_margins(sample_doc):
    _, document = sample_doc
    page = layout().page
    section = document.sections[0]
    configured = [Mm(page[k]) for k in ("width_mm", "height_mm", "margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm")]
    actual = [section.page_width, section.page_height, section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [twips(x) for x in actual] == [twips(x) for x in configured]
    assert [twips(x) for x in actual] == [twips(Mm(x)) for x in (210, 297, 37, 35, 28, 26)]


def test_runs_carry_the_configured_east_asian_fonts_and_sizes(sample_doc):
    sample, document = sample_doc
    fonts = layout().fonts
    paragraphs = document.paragraphs
    kinds = ["title"] + [
        "heading1" if p.style.name == "Heading 1" else "heading2" if p.style.name == "Heading 2" else "body"
        for p in paragraphs[1:]
    ]
    assert kinds.count("heading1") == sum(1 for h in sample.headings if h.level == 2)
    assert kinds.count("heading2") == sum(1 for h in sample.headings if h.level == 3)
    for paragraph, kind in zip(paragraphs, kinds):
        spec = fonts[kind]
        for run in paragraph.runs:
            assert east_asia(run) == spec.east_asia, (kind, run.text[:20])
            assert run.font.name == spec.latin
            assert run.font.size == Pt(spec.size_pt)
            assert run.font.color.rgb is None
    assert paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert (fonts["title"].east_asia, fonts["title"].size_pt) == ("方正小标宋简体", 22)
    assert (fonts["body"].east_asia, fonts["body"].size_pt) == ("仿宋_GB2312", 16)
    assert fonts["heading1"].east_asia == "黑体" and fonts["heading2"].east_asia == "楷体_GB2312"


def test_body_has_exact_line_spacing_and_a_two_character_indent(sample_doc):
    _, document = sample_doc
    for paragraph in document.paragraphs[1:]:
        fmt = paragraph.paragraph_format
        assert fmt.line_spacing == Pt(layout().line_spacing_pt)
        if paragraph.alignment != docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT:
            assert fmt.first_line_indent == Pt(32)


def test_date_line_is_right_aligned_at_the_end(sample_doc):
    sample, document = sample_doc
    last = document.paragraphs[-1]
    is_date = last.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert is_date == bool(sample.meta.get("date"))
    if is_date:
        assert last.paragraph_format.right_indent == Pt(4 * 16)
        assert document.paragraphs[-2].paragraph_format.keep_with_next


def test_footers_have_a_page_field_odd_right_even_left(sample_doc):
    _, document = sample_doc
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "<w:instrText" in xml and " PAGE " in "".join(paragraph._p.itertext())
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == getattr(docx.enum.text.WD_ALIGN_PARAGRAPH, align)
        for run in paragraph.runs:
            assert east_asia(run) == "宋体" and run.font.size == Pt(14)


def test_no_hyperlinks_or_colours(sample_doc):
    _, document = sample_doc
    xml = document.element.xml
    assert "<w:hyperlink" not in xml and "<w:color" not in xml
    assert not any(rel.is_external for rel in document.part.rels.values())


def test_export_is_byte_identical_with_fixed_properties():
    sample = SAMPLES[0]
    first = downloads.sample_download(sample, layout())
    # render twice, not once from the caches (memory and .cache/docx/)
    one = docx_writer.render_docx(list(first.blocks), layout())
    two = docx_writer.render_docx(list(downloads.sample_download(sample, layout()).blocks), layout())
    assert downloads.document_bytes(first, layout()) == one
    assert one == two
    props = docx.Document(io.BytesIO(one)).core_properties
    stamp = dt.datetime(2021, 1, 1, 0, 0, tzinfo=dt.timezone.utc)
    assert (props.created, props.modified, props.last_printed) == (stamp, stamp, stamp)
    assert props.author == props.last_modified_by == "组织生活会材料库"
    assert props.revision == 1 and props.title == sample.title
    with zipfile.ZipFile(io.BytesIO(one)) as package:
        assert {info.date_time for info in package.infolist()} == {(2021, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_documents_rendered_in_turn_do_not_affect_each_other():
    """Each document starts from the layout's template (read once per process), never from the last one."""
    first, second = (list(downloads.sample_download(sample, layout()).blocks) for sample in SAMPLES[:2])
    alone = docx_writer.render_docx(first, layout())
    docx_writer.render_docx(second, layout())
    untitled = docx.Document(io.BytesIO(docx_writer.render_docx([b for b in second if b.kind != "title"], layout())))
    assert untitled.core_properties.title == "" and len(untitled.paragraphs) == len(second) - 1
    assert docx_writer.render_docx(first, layout()) == alone


def test_font_table_names_a_substitute_for_each_chinese_font():
    with zipfile.ZipFile(io.BytesIO(downloads.document_bytes(downloads.sample_download(SAMPLES[0], layout()), layout()))) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    for spec in layout().fonts.values():
        assert re.search(f'w:name="{spec.east_asia}"><w:altName w:val="{spec.alt}"/>', table), spec.east_asia


def test_every_outline_is_exported_from_the_outline_model():
    dom = domain()
    outlines = [d for d in downloads.site_downloads([], dom, layout())]
    expected = sum(len(downloads.outline_subjects(mt, year)) for mt in dom.types for year, fw in mt.frameworks.items() if not fw.see)
    assert len(outlines) == expected and len({d.path for d in outlines}) == expected
    for download in outlines:
        document = exported(download)
        texts = [p.text for p in document.paragraphs]
        assert texts == [b.text for b in download.blocks]
        heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
        assert east_asia(heading.runs[0]) == "黑体"
        assert texts[1].startswith("对照方面：") and heading.text.startswith("一、")


def test_file_names_are_the_titles_without_reserved_characters():
    assert downloads.docx_filename("甲/乙:丙?“丁”") == "甲／乙：丙？“丁”.docx"
    assert len(downloads.docx_filename("长" * 200)) == 80 + len(".docx")


def kb(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "scripts.kb", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_export_command_writes_the_same_document_and_never_overwrites(tmp_path):
    sample = SAMPLES[0]
    out = tmp_path / "a.docx"
    result = kb("export", str(sample.path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == downloads.document_bytes(downloads.sample_download(sample, layout()), layout())
    out.write_bytes(b"mine")
    again = kb("export", str(sample.path), "--out", str(out))
    assert again.returncode == 1 and "已存在" in again.stderr and out.read_bytes() == b"mine"
    assert kb("export", str(sample.path), "--out", str(out), "--force").returncode == 0
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    default = kb("export", sample.rel, cwd=elsewhere)  # a path relative to docs/; named after the title
    assert default.returncode == 0, default.stderr
    assert [p.name for p in elsewhere.iterdir()] == [downloads.docx_filename(sample.title)]
    into_folder = kb("export", sample.rel, "--out", str(tmp_path))
    assert into_folder.returncode == 0 and (tmp_path / downloads.docx_filename(sample.title)).is_file()


def test_export_outline_command(tmp_path):
    result = kb("export", "--outline", "dangshi", "--year", "2021", "--subject", "个人", "--out", str(tmp_path / "o.docx"))
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(tmp_path / "o.docx")).paragraphs[0].text.endswith("（2021年度·党员个人）")


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["export"], 2, "两者选一"),
        (["export", "--outline", "annual"], 2, "--year"),
        (["export", "--outline", "nosuch", "--year", "2021"], 2, "未知的会议类型"),
        (["export", "--outline", "annual", "--year", "1999"], 2, "可选年度"),
        (["export", "--outline", "annual", "--year", "2023"], 2, "--outline zhutijiaoyu --year 2023"),
        (["export", "docs/annual/nosuch.md"], 1, "找不到范例文件"),
        (["export", "mkdocs.yml"], 1, "不是范例"),
    ],
)
def test_export_command_errors_are_one_chinese_line(args, code, message):
    result = kb(*args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_guide_names_every_font_and_its_substitute():
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 下载 Word 与所需字体"):]
    for kind, spec in layout().fonts.items():
        assert spec.east_asia in section, kind
        if spec.alt.isascii():  # SimHei, SimSun: the English names of fonts Windows ships
            continue
        assert re.search(f"{spec.east_asia} ?用{spec.alt}代替", section), kind
