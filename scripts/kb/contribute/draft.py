"""Writing a draft sample (from `import` or `new`): front matter with TODO values explained by
comments from the schema, and a file written only where nothing would be overwritten."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.kb.check.config import settings


def todo() -> str:
    return settings()["todo_value"]


def yaml_value(value) -> str:
    """A value as it is written in front matter (flow style: [甲, 乙])."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return dumped[: -len("...")].strip() if dumped.endswith("...") else dumped


def front_matter(values: dict) -> str:
    """The front matter block in schema order; a TODO value carries a comment: what to write, with
    the schema's example and note. Fields absent from ``values`` and not required are left out."""
    lines = ["---"]
    for spec in settings().domain.fields:
        if spec.key not in values:
            if spec.required:
                values = {**values, spec.key: todo()}
            else:
                continue
        value = values[spec.key]
        if value == todo():
            example = yaml_value(spec.example)
            note = f"；{spec.note}" if spec.note else ""
            lines.append(f"{spec.key}: {todo()}  # 待填写：{spec.label}，例如 {example}{note}")
        else:
            lines.append(f"{spec.key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


class ExistsError(Exception):
    """The target file exists and --force was not given, or is not a file at all."""


def write_new(path: Path, text: str, force: bool) -> None:
    if path.is_dir() or path.parent.exists() and not path.parent.is_dir():
        raise ExistsError(f"{path} 是一个目录（或在一个文件下面），--out 要写 .md 文件的路径")
    if path.exists() and not force:
        raise ExistsError(f"{path} 已存在，没有覆盖（确需覆盖请加 --force）")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
