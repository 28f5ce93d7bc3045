"""Reading a contributor's file for `import`: .txt in any common Chinese encoding, or .docx.

The result is the file's paragraphs as text, each with the outline level a Word heading style gives
it (None for a plain paragraph). Bad input raises ReadError with a one-line Chinese message.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import charset_normalizer

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR

TEXT_SUFFIXES = (".txt", ".md", ".text")
WORD_SUFFIX = ".docx"
BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8（带 BOM）"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
CONTROL_LIMIT = 0.01  # more control characters than this share of the text: not a text file


class ReadError(Exception):
    """The file cannot be imported; the message is one Chinese line."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    style_level: int | None = None  # 1 / 2 / 3 from a Word heading style; 0 for a Word title style


@dataclass(frozen=True)
class Source:
    paragraphs: list[Paragraph]
    encoding: str  # how it was read, for the report: "UTF-8", "GBK/GB18030", "Word (.docx)" …
    crlf: bool = False


@lru_cache(maxsize=None)
def import_settings() -> dict:
    return read_yaml(DATA_DIR / "import.yml")


def read_source(path: Path) -> Source:
    if not path.is_file():
        raise ReadError("文件不存在")
    suffix = path.suffix.lower()
    if suffix == WORD_SUFFIX:
        return _read_docx(path)
    if suffix == ".doc":
        raise ReadError("不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入")
    if suffix not in TEXT_SUFFIXES:
        raise ReadError(f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：只能导入 .txt 或 .docx")
    return _read_text(path.read_bytes())


def _read_text(data: bytes) -> Source:
    if not data.strip():
        raise ReadError("文件是空的")
    text, encoding = _decode(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if "\x00" in text or controls > CONTROL_LIMIT * len(text):
        raise ReadError("这不是文本文件（含有二进制内容）：请导入 .txt 或 .docx")
    if not text.strip():
        raise ReadError("文件是空的")
    crlf = "\r\n" in text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Source([Paragraph(line) for line in lines], encoding, crlf)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise ReadError("这不是文本文件（含有二进制内容）：请导入 .txt 或 .docx")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    conf = import_settings()
    readings = sorted(charset_normalizer.from_bytes(data, cp_isolation=conf["encodings"]), key=lambda m: m.chaos)
    tried = "、".join(conf["encoding_names"].values())
    if not readings or readings[0].chaos > conf["max_chaos"]:
        raise ReadError(f"无法识别文件的编码（试过 UTF-8、{tried}）：请另存为 UTF-8 后再导入")
    if len(readings) > 1 and readings[1].chaos - readings[0].chaos < conf["min_margin"]:
        names = "还是".join(conf["encoding_names"].get(m.encoding, m.encoding) for m in readings[:2])
        raise ReadError(f"无法确定文件的编码是{names}：请另存为 UTF-8 后再导入")
    best = readings[0]
    return str(best), conf["encoding_names"].get(best.encoding, best.encoding)


def _inspect_docx(path: Path) -> None:
    """Refuse, before python-docx reads it, a .docx that unpacks to too much, carries macros or
    is another kind of zip (an Excel or PowerPoint file, a plain archive)."""
    if not zipfile.is_zipfile(path):
        raise ReadError("不是有效的 Word（.docx）文件：文件已损坏或只是改了扩展名")
    limit = read_yaml(DATA_DIR / "security.yml")["docx"]["max_unpacked_bytes"]
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limit:
                raise ReadError(f"Word 文件解压后有 {unpacked // 1_000_000} MB，超过 {limit // 1_000_000} MB 的上限：请删去其中的大图片后再导入")
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace") if "[Content_Types].xml" in names else ""
    except zipfile.BadZipFile:
        raise ReadError("不是有效的 Word（.docx）文件：压缩包已损坏") from None
    if "macroEnabled" in types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ReadError("这是启用了宏的 Word 文件（.docm）：请在 Word 中另存为“Word 文档（.docx）”后再导入")
    if "wordprocessingml.document.main+xml" not in types:
        raise ReadError("不是有效的 Word（.docx）文件：可能是 Excel、PowerPoint 或其他压缩包，只是扩展名为 .docx")


def _read_docx(path: Path) -> Source:
    import docx  # python-docx; imported here so that other commands do not pay for it
    import docx.table
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    _inspect_docx(path)
    try:
        document = docx.Document(str(path))
    except XMLSyntaxError as exc:
        raise ReadError(f"Word 文件里的 XML 已损坏（{exc.msg}）：请在 Word 中打开并另存为 .docx 后再导入") from None
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError("不是有效的 Word（.docx）文件（缺少正文或内容已损坏）：请在 Word 中打开并另存为 .docx 后再导入") from None
    settings = import_settings()
    levels = {str(k): int(v) for k, v in settings["heading_styles"].items()}
    titles = set(settings["title_styles"])
    paragraphs, tables = [], 0
    for block in document.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, docx.table.Table):
            tables += 1  # a table's cells become paragraphs, row by row: no text is lost
            cells = [cell for row in block.rows for cell in row.cells]
            unique = [c for i, c in enumerate(cells) if all(c._tc is not d._tc for d in cells[:i])]  # merged cells repeat
            paragraphs.extend(Paragraph(para.text) for cell in unique for para in cell.paragraphs)
            continue
        style = block.style.name if block.style is not None else ""
        paragraphs.append(Paragraph(block.text, 0 if style in titles else levels.get(style)))
    if not any(p.text.strip() for p in paragraphs):
        raise ReadError("Word 文件里没有文字")
    return Source(paragraphs, "Word（.docx）" + (f"，{tables} 个表格的单元格按段落读入" if tables else ""))
