"""A stand-in importer for the tests: the raw seeds turned into Markdown samples.

It does only what an importer must (front matter, 一、 → H2, short （一） lines → H3, one
paragraph per line) and keeps every blemish of the text, so the validator's findings on the
seeds can be asserted. The project's real importer will replace it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.kb.numbering import parse_marker
from tests.conftest import SEEDS_DIR

HEADING_LENGTH = 40  # a （一） line longer than this is a paragraph with a run-in heading

# Front matter of each seed (what a contributor would fill in when importing it).
SEED_META = {
    "000": ("annual", "2021-renda-jiguan", "县人大常委会机关支部2021年度组织生活会对照剖析材料", 2021, "县级", "人大机关", "班子", "四个对照"),
    "001": ("annual", "2021-jiguan-zhibu", "机关党支部2021年度组织生活会对照检查材料", 2021, "未注明", "党政机关", "班子", "四个对照"),
    "002": ("annual", "2021-shizhi-jiguan", "市直机关党支部2021年度组织生活会对照检查材料", 2021, "市级", "党政机关", "班子", "四个对照"),
    "003": ("dangshi", "2021-dangshi-zhibu", "党支部党史学习教育专题组织生活会对照检查材料", 2021, "未注明", "党政机关", "班子", "党史学习教育目标要求"),
    "004": ("yingshenghui", "2022-yingshenghui-zhibu", "党支部班子2022年迎盛会专题组织生活会对照检查材料", 2022, "未注明", "党政机关", "班子", "思想、学习、工作、生活四个方面"),
}


SEEDS = SEEDS_DIR


def seed_path(key: str) -> Path:
    return next(SEEDS.glob(f"{key}_*.txt"))


def to_markdown(text: str, meta: dict) -> str:
    body = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        marker = parse_marker(line)
        if marker and marker.level == 1:
            line = "## " + line
        elif marker and marker.level == 2 and len(line) <= HEADING_LENGTH:
            line = "### " + line
        body.append(line)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def import_seeds(docs: Path) -> dict[str, Path]:
    """Write every seed as a sample under ``docs``; returns the path of each seed key."""
    written = {}
    for key, (kind, slug, title, year, level, org_kind, subject, framework) in SEED_META.items():
        meta = {
            "title": title,
            "meeting_type": kind,
            "year": year,
            "level": level,
            "org_kind": org_kind,
            "subject": subject,
            "framework": framework,
            "tags": ["民主评议党员"] if kind == "annual" else ["党史学习教育"],
            "source": "原始种子材料，未清理",
        }
        path = docs / kind / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(seed_path(key).read_text(encoding="utf-8"), meta), encoding="utf-8")
        written[key] = path
    return written
