"""The 公文 layout (GB/T 9704-2012 by analogy) read from ``scripts/data/docx_layout.yml``.

Page size and margins, fonts with their East Asian names, sizes, line spacing, indents, the date
line and the page-number format: the numbers are data, this module only reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.word.docx_content import LeadIn

LAYOUT_FILE = DATA_DIR / "docx_layout.yml"


@dataclass(frozen=True)
class FontSpec:
    east_asia: str  # w:eastAsia: the font of Chinese text
    alt: str  # what Word substitutes when east_asia is not installed (font table w:altName)
    latin: str  # w:ascii / w:hAnsi: Latin letters and digits
    size_pt: float


@dataclass(frozen=True)
class Layout:
    page: dict[str, float]
    line_spacing_pt: float
    first_line_indent_chars: int
    fonts: dict[str, FontSpec]  # title, heading1, heading2, body, page_number
    title_space_after_lines: float
    date_format: str
    date_right_indent_chars: float
    date_space_before_lines: float
    page_number_format: str
    page_number_edge_indent_chars: float
    author: str
    timestamp: dt.datetime
    revision: int
    outline_subject_title: str
    lead_in: LeadIn
    source: str  # the file's text: part of the export cache key

    def font(self, kind: str) -> FontSpec:
        """The font of a block kind; date lines are set like the body."""
        return self.fonts.get(kind, self.fonts["body"])

    def outline_title_for(self, type_name: str, year: int, subject_label: str) -> str:
        return self.outline_subject_title.format(type_name=type_name, year=year, subject_label=subject_label)


def _timestamp(value) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


class LayoutError(ValueError):
    """A layout file that cannot be used; the message names the file and the field."""


def load_layout(path: Path = LAYOUT_FILE) -> Layout:
    """Read the layout; raises LayoutError naming the file and the missing or wrong field."""
    try:
        return _read_layout(path)
    except yaml.YAMLError as exc:
        raise LayoutError(f"{path}: YAML 语法错误：{exc}") from None
    except KeyError as exc:
        raise LayoutError(f"{path}: 缺少字段 {exc.args[0]}") from None
    except (TypeError, ValueError, AttributeError, re.error) as exc:
        raise LayoutError(f"{path}: 字段的值不对：{exc}") from None


def _read_layout(path: Path) -> Layout:
    raw = read_yaml(path)
    fonts = {key: FontSpec(f["east_asia"], f["alt"], f["latin"], float(f["size_pt"])) for key, f in raw["fonts"].items()}
    lead = raw["lead_in"]
    return Layout(
        page={key: float(value) for key, value in raw["page"].items()},
        line_spacing_pt=float(raw["line_spacing_pt"]),
        first_line_indent_chars=int(raw["first_line_indent_chars"]),
        fonts=fonts,
        title_space_after_lines=float(raw["title"]["space_after_lines"]),
        date_format=raw["date"]["format"],
        date_right_indent_chars=float(raw["date"]["right_indent_chars"]),
        date_space_before_lines=float(raw["date"]["space_before_lines"]),
        page_number_format=raw["page_number"]["format"],
        page_number_edge_indent_chars=float(raw["page_number"]["edge_indent_chars"]),
        author=raw["properties"]["author"],
        timestamp=_timestamp(raw["properties"]["timestamp"]),
        revision=int(raw["properties"]["revision"]),
        outline_subject_title=raw["outline"]["subject_title"],
        lead_in=LeadIn(re.compile(lead["marker"]), lead["ends"], int(lead["max_chars"])),
        source=path.read_text(encoding="utf-8"),
    )


@lru_cache(maxsize=None)
def layout() -> Layout:
    """The repository's layout, read once per process."""
    return load_layout()
