"""Placeholders (占位符) such as xx, XXX, X次, ＊: finding them, counting them, highlighting them.

The patterns are data (scripts/data/placeholders.yml). Highlighting works on rendered HTML, on
text between tags only, so attributes, code and the placeholder box itself are never touched.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.core.templating import render

# Text inside these elements is left alone: code is literal, and the box lists the placeholders.
SKIPPED_ELEMENTS = ("code", "pre", "script", "style", "textarea", "mark")
TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class PlaceholderRules:
    tooltip: str
    regex: re.Pattern
    patterns: tuple[tuple[str, re.Pattern, tuple[str, ...]], ...]  # (name, pattern, examples)
    counterexamples: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        """Everything highlight_html's result depends on besides its input."""
        return f"{self.tooltip}\n{self.regex.pattern}\n{SKIPPED_ELEMENTS}"

    def find(self, text: str) -> list[str]:
        """Every placeholder in the text, in order."""
        return [m.group(0) for m in self.regex.finditer(text)]

    def summary(self, text: str) -> list[tuple[str, int]]:
        """Distinct placeholders with their counts, most frequent first."""
        return summarize(self.find(text))

    def highlight_html(self, page_html: str) -> str:
        """Wrap each placeholder in the text of an HTML fragment in a <mark> with the tooltip."""
        opening = f'<mark class="kb-placeholder" title="{html.escape(self.tooltip)}">'
        out, skip_depth = [], 0
        for part in TAG.split(page_html):
            if part.startswith("<"):
                match = TAG_NAME.match(part)
                if match and match.group(2).lower() in SKIPPED_ELEMENTS and not part.endswith("/>"):
                    skip_depth += -1 if match.group(1) else 1
                    skip_depth = max(skip_depth, 0)
                out.append(part)
            elif skip_depth or not part:
                out.append(part)
            else:
                out.append(self.regex.sub(lambda m: f"{opening}{m.group(0)}</mark>", part))
        return "".join(out)


def summarize(found: list[str]) -> list[tuple[str, int]]:
    """Distinct placeholders of a find() with their counts, most frequent first."""
    return sorted(Counter(found).items(), key=lambda item: (-item[1], item[0]))


def load_rules(path: Path = DATA_DIR / "placeholders.yml") -> PlaceholderRules:
    raw = read_yaml(path)
    measures = re.escape(str(raw.get("measures", "")))
    patterns = tuple(
        (p["name"], re.compile(p["regex"].replace("{measures}", measures)), tuple(p.get("examples", [])))
        for p in raw["patterns"]
    )
    combined = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern, _ in patterns))
    return PlaceholderRules(str(raw["tooltip"]), combined, patterns, tuple(raw.get("counterexamples", [])))


@lru_cache(maxsize=None)
def rules() -> PlaceholderRules:
    """The repository's placeholder rules, read once per process."""
    return load_rules()


def placeholder_box(body: str) -> str:
    """The box at the top of a sample: how many placeholders it has and which (HTML)."""
    found = rules().find(body)
    return render("sample_tools.html.j2", total=len(found), summary=summarize(found))
