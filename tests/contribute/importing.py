"""Helpers for the `import` tests: the raw seeds, the file formats a contributor may hold them in,
and running the real CLI in-process."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import docx

from scripts.kb.cli import main
from scripts.kb.core.numbering import parse_marker
from tests.conftest import SEEDS_DIR as SEEDS

SEED_KEYS = ("000", "001", "002", "003", "004")

# What a contributor fills in where the importer wrote TODO (the real values of the published samples).
FILLED = {
    "title": {
        "000": "县人大常委会机关支部2021年度组织生活会对照剖析材料",
        "001": "机关党支部2021年度组织生活会对照检查材料",
        "002": "机关党支部2021年度组织生活会工作情况和查摆问题汇报",
    },
    "level": "未注明",
    "org_kind": "党政机关",
    "tags": "[党史学习教育]",
    "source": "用户提供的真实材料",
}


def seed_path(key: str) -> Path:
    return next(SEEDS.glob(f"{key}_*.txt"))


def seed_lines(key: str) -> list[str]:
    return [line.strip() for line in seed_path(key).read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def written_path(stdout: str) -> Path:
    return Path(re.search(r"已写入 (\S+?)，", stdout).group(1))


def fill_todo(path: Path, key: str) -> None:
    """Replace every `field: TODO  # …` line as a contributor would."""
    def value(match):
        filled = FILLED[match.group(1)]
        return f"{match.group(1)}: {filled[key] if isinstance(filled, dict) else filled}"

    text = re.sub(r"^(\w+): TODO  # .*$", value, path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")


# The formats: each writes the seed's text to a file in `folder` and returns the file.
def as_txt(key: str, folder: Path) -> Path:
    target = folder / f"{key}.txt"
    target.write_bytes(seed_path(key).read_bytes())
    return target


def as_gbk(key: str, folder: Path) -> Path:
    target = folder / f"{key}-gbk.txt"
    target.write_bytes(seed_path(key).read_text(encoding="utf-8").encode("gbk"))
    return target


def as_crlf_bom(key: str, folder: Path) -> Path:
    target = folder / f"{key}-crlf.txt"
    text = seed_path(key).read_text(encoding="utf-8").replace("\n", "\r\n")
    target.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return target


def _docx(key: str, folder: Path, styled: bool) -> Path:
    document = docx.Document()
    for line in seed_path(key).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        style = None
        if line.startswith("# "):
            line = line[2:]
            style = "Title" if styled else None
        marker = parse_marker(line)
        if styled and marker and marker.level in (1, 2):
            style = f"Heading {marker.level}"
        document.add_paragraph(line, style=style)
    target = folder / f"{key}{'-styled' if styled else ''}.docx"
    document.save(str(target))
    return target


def as_docx(key: str, folder: Path) -> Path:
    return _docx(key, folder, styled=False)


def as_docx_headings(key: str, folder: Path) -> Path:
    return _docx(key, folder, styled=True)


FORMATS = {"txt": as_txt, "docx": as_docx, "docx-headings": as_docx_headings, "gbk": as_gbk, "crlf-bom": as_crlf_bom}
