"""`import` on bad input and over an existing file: one Chinese line, non-zero exit, nothing written."""

from __future__ import annotations

import zipfile

import pytest

from tests.importing import as_txt, run_cli, written_path


def _corrupt_docx(path):
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)


def _zip_not_docx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "不是 Word 文件")


def _text_as_docx(path):
    path.write_text("一、存在的问题\n学习不够。\n", encoding="utf-8")


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
