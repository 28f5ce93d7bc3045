"""`import` on bad input and over an existing file: one Chinese line, non-zero exit, nothing written."""

from __future__ import annotations

import zipfile

import pytest

from tests.contribute.importing import as_txt, run_cli, written_path


def _corrupt_docx(path):
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)


def _zip_not_docx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "不是 Word 文件")


def _text_as_docx(path):
    path.write_text("一、存在的问题\n学习不够。\n", encoding="utf-8")


def _word_rewritten(path, change):
    """A real .docx, each part passed through change(name, data) (None drops the part)."""
    import docx

    original = path.with_name("original.docx")
    document = docx.Document()
    document.add_paragraph("一、存在的问题")
    document.add_paragraph("学习不够深入。")
    document.save(original)
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
    original.unlink()


def _broken_xml(path):
    _word_rewritten(path, lambda name, data: data[:-20] if name == "word/document.xml" else data)


def _macro_enabled(path):
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    _word_rewritten(path, lambda name, data: data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", macro)
                    if name == "[Content_Types].xml" else data)


def _without_document(path):
    _word_rewritten(path, lambda name, data: None if name == "word/document.xml" else data)


def _zip_bomb(path):
    _word_rewritten(path, lambda name, data: data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/media/image1.png", b"\0" * 60_000_000)  # 60 MB that pack to 60 KB


def _ambiguous_encoding(path):
    path.write_bytes("党支部".encode("gb18030"))  # six bytes that read as GB18030 and as Big5 alike


def _binary(path):
    path.write_bytes(bytes(range(256)) * 8)


def _empty(path):
    path.write_bytes(b"")


def _blank(path):
    path.write_text(" \n\n\u3000\n", encoding="utf-8")


BAD = [
    ("bad.docx", _corrupt_docx, "不是有效的 Word（.docx）文件"),
    ("archive.docx", _zip_not_docx, "不是有效的 Word（.docx）文件"),
    ("renamed.docx", _text_as_docx, "不是有效的 Word（.docx）文件"),
    ("image.txt", _binary, "不是文本文件"),
    ("empty.txt", _empty, "文件是空的"),
    ("blank.txt", _blank, "文件是空的"),
    ("old.doc", _empty, "另存为 .docx"),
    ("photo.png", _binary, "只能导入 .txt 或 .docx"),
    ("broken-xml.docx", _broken_xml, "XML 已损坏"),
    ("macro.docx", _macro_enabled, "启用了宏的 Word 文件"),
    ("no-document.docx", _without_document, "不是有效的 Word（.docx）文件"),
    ("bomb.docx", _zip_bomb, "超过 50 MB 的上限"),
    ("ambiguous.txt", _ambiguous_encoding, "无法确定文件的编码"),
]


@pytest.mark.parametrize("name, make, message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_in_one_line(tmp_path, name, make, message):
    source = tmp_path / name
    make(source)
    code, out, err = run_cli("import", source, "--docs", tmp_path / "docs", "--type", "annual")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"错误：{source}: ") and message in err, err
    assert "Traceback" not in err + out
    assert not (tmp_path / "docs").exists()


def test_missing_file(tmp_path):
    code, _, err = run_cli("import", tmp_path / "nope.txt", "--docs", tmp_path / "docs")
    assert code == 2 and "文件不存在" in err


def test_unknown_type_asks_for_it(tmp_path):
    source = tmp_path / "x.txt"
    source.write_text("一、存在的问题\n学习不够深入。\n", encoding="utf-8")
    code, _, err = run_cli("import", source, "--docs", tmp_path / "docs")
    assert code == 2 and "--type" in err and not (tmp_path / "docs").exists()
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs", "--type", "annual", "--year", "2022")
    assert code == 0 and written_path(out).parent == tmp_path / "docs" / "annual"
    assert written_path(out).name.startswith("2022-annual-")


def test_refuses_to_overwrite_without_force(tmp_path):
    source = as_txt("001", tmp_path)
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs")
    assert code == 0
    target = written_path(out)
    target.write_text("投稿人改过的内容\n", encoding="utf-8")
    code, out, err = run_cli("import", source, "--docs", tmp_path / "docs")
    assert code == 2 and "已存在，没有覆盖" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "投稿人改过的内容\n"
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs", "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("---\n")


def test_out_option_and_report(tmp_path):
    source = as_txt("003", tmp_path)
    out_path = tmp_path / "docs" / "dangshi" / "2021-zhen-dangzhibu.md"
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs", "--out", out_path)
    assert code == 0 and out_path.is_file()
    assert "TX007 标题（title）" not in out  # the title was found
    assert "TX007 组织层级（level）还没有填写" in out and "TX005 “钢性”应为“刚性”" in out


def test_docx_table_text_is_kept_and_page_numbers_dropped(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某支部2022年度组织生活会对照检查材料", style="Title")
    document.add_paragraph("根据上级关于召开2022年度组织生活会和开展民主评议党员的通知要求，支部认真查摆问题。")
    document.add_paragraph("一、存在的问题", style="Heading 1")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "问题", "整改时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "学习不够深入。", "2023年3月底前完成。"
    document.add_paragraph("- 3 -")
    document.add_paragraph("1. 加强理论学习，每月集中学习一次。")
    source = tmp_path / "table.docx"
    document.save(str(source))
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs")
    assert code == 0 and "1 个表格的单元格按段落读入" in out and "已删除页码行“- 3 -”" in out
    body = written_path(out).read_text(encoding="utf-8")
    assert "## 一、存在的问题\n\n问题\n\n整改时限\n\n学习不够深入。\n\n2023年3月底前完成。\n" in body
    assert "1\\. 加强理论学习" in body  # not turned into a Markdown list
    assert "title: 某支部2022年度组织生活会对照检查材料" in body and "meeting_type: annual" in body and "year: 2022" in body


def test_lines_broken_mid_sentence_are_joined(tmp_path):
    source = tmp_path / "broken.txt"
    source.write_text(
        "根据党史学习教育专题组织生活会的通知要求，支部\n召开专题组织生活会，现将情况汇报如下：\n一、存在的问题\n"
        "（一）理想信念方面\n学习不够深入，对党的创新理论\n理解不透。\n\n第 2 页 共 5 页\n二、原因剖析\n学习不够。\n",
        encoding="gbk",
    )
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs", "--year", "2021")
    assert code == 0 and "GBK/GB18030" in out and "已把句子中间断开的行接上：2 处（第 2、6 行）" in out
    body = written_path(out).read_text(encoding="utf-8")
    assert "支部召开专题组织生活会，现将情况汇报如下：\n" in body
    assert "### （一）理想信念方面\n\n学习不够深入，对党的创新理论理解不透。\n" in body and "第 2 页" not in body
    assert "meeting_type: dangshi" in body and "dangshi/2021-dangshi-" in out
