"""Writing extracted snippets to snippets/ without ever overwriting a file a person has edited.

The extractor stamps each file with a hash of what it wrote. A file whose text no longer matches
its hash (or that has no hash: written by hand) belongs to a person: extraction refuses to
replace it unless forced, and never deletes it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.kb.core.frontmatter import FrontMatterError, split_front_matter
from scripts.kb.core.snippet import Snippet, is_untouched


@dataclass
class Plan:
    create: list[tuple[Path, str]] = field(default_factory=list)
    update: list[tuple[Path, str]] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)  # edited by a person; would be overwritten
    delete: list[Path] = field(default_factory=list)  # no longer extracted and untouched
    kept: list[Path] = field(default_factory=list)  # no longer extracted but edited: left alone

    @property
    def writes(self) -> list[tuple[Path, str]]:
        return self.create + self.update


def _source_of(path: Path) -> str | None:
    try:
        meta = split_front_matter(path.read_text(encoding="utf-8")).meta or {}
    except (FrontMatterError, UnicodeDecodeError):
        return None
    return str(meta.get("source", "")) or None


def plan_writes(snippets: list[Snippet], sources: set[str], folder: Path, force: bool = False) -> Plan:
    """What extraction would do in the folder. ``sources``: the samples being extracted."""
    plan = Plan()
    wanted = {snippet.filename for snippet in snippets}
    for snippet in snippets:
        path, text = folder / snippet.filename, snippet.render()
        if not path.exists():
            plan.create.append((path, text))
            continue
        current = path.read_text(encoding="utf-8")
        if current == text:
            plan.unchanged.append(path)
        elif is_untouched(current) or force:
            plan.update.append((path, text))
        else:
            plan.conflicts.append(path)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name in wanted or _source_of(path) not in sources:
            continue
        untouched = is_untouched(path.read_text(encoding="utf-8"))
        (plan.delete if untouched else plan.kept).append(path)
    return plan


def apply(plan: Plan) -> None:
    """Carry out a plan that has no conflicts: each file is replaced atomically."""
    assert not plan.conflicts, "a plan with conflicts must not be applied"
    for path, text in plan.writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    for path in plan.delete:
        path.unlink()
