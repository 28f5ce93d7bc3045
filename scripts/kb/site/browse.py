"""How samples are grouped and ordered for browsing: by meeting type, year, level and tag.

Plain functions over the model, no rendering: pages.py turns the groups into Markdown. Every
order is total (ties broken by path), so the same samples always give the same pages.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

from scripts.kb.core.data import Domain, read_yaml
from scripts.kb.core.model import Sample, YearGroup, newest_first
from scripts.kb.core.paths import DATA_DIR


@dataclass(frozen=True)
class BrowseSettings:
    """scripts/data/browse.yml."""

    page_size: int
    related: int
    newest: int
    level_slugs: dict[str, str] = field(hash=False)
    tag_slugs: dict[str, str] = field(hash=False)


def load_browse_settings(path: Path = DATA_DIR / "browse.yml") -> BrowseSettings:
    raw = read_yaml(path)
    return BrowseSettings(
        page_size=int(raw["page_size"]),
        related=int(raw["related"]),
        newest=int(raw["newest"]),
        level_slugs=dict(raw["level_slugs"]),
        tag_slugs=dict(raw["tag_slugs"]),
    )


@lru_cache(maxsize=None)
def browse_settings() -> BrowseSettings:
    return load_browse_settings()


class BrowseDataError(ValueError):
    """The browse data misses something the front matter data allows (a slug)."""


def require_slugs(settings: BrowseSettings, dom: Domain) -> None:
    """Every allowed level and tag needs a page address; say which one is missing, and where."""
    for field_name, allowed in (("level_slugs", "levels"), ("tag_slugs", "tags")):
        missing = [v for v in dom.allow_lists.get(allowed, ()) if v not in getattr(settings, field_name)]
        if missing:
            raise BrowseDataError(
                f"scripts/data/browse.yml 的 {field_name} 缺少 {'、'.join(missing)} 的页面地址"
                f"（front_matter.yml 的 {allowed} 允许这些值）"
            )


@dataclass
class Group:
    """Samples sharing one value (a meeting type, a year, a level, a tag), shown on ``base``/index.md."""

    base: str  # folder of the group's pages, relative to docs/
    value: str  # the shared value as readers see it
    samples: list[Sample]

    def page_src(self, number: int) -> str:
        """Source path of the group's n-th page (1-based): index.md, then page-2.md, …"""
        return f"{self.base}/index.md" if number == 1 else f"{self.base}/page-{number}.md"

    def pages(self, size: int) -> list[tuple[str, list[Sample]]]:
        """The group cut into pages of at most ``size`` samples; an empty group has one empty page."""
        chunks = [self.samples[i : i + size] for i in range(0, len(self.samples), size)] or [[]]
        return [(self.page_src(n), chunk) for n, chunk in enumerate(chunks, start=1)]


def _year(sample: Sample) -> int:
    return sample.year if isinstance(sample.year, int) else 0


def type_order(dom: Domain) -> dict[str, int]:
    return {key: index for index, key in enumerate(dom.type_keys)}


def catalog_key(dom: Domain):
    """Order across types: type as in the data file, newest year first, then title and path."""
    order = type_order(dom)
    return lambda s: (order.get(s.meeting_type, len(order)), -_year(s), s.title, s.rel)




def sorted_samples(samples: list[Sample], dom: Domain) -> list[Sample]:
    return sorted(samples, key=catalog_key(dom))


def type_groups(samples: list[Sample], dom: Domain) -> list[Group]:
    return [
        Group(mt.key, mt.name, sorted((s for s in samples if s.meeting_type == mt.key), key=newest_first))
        for mt in dom.types
    ]


def year_groups(samples: list[Sample], dom: Domain) -> list[Group]:
    """One group per year that has samples, newest first."""
    years = sorted({_year(s) for s in samples if _year(s)}, reverse=True)
    ordered = sorted_samples(samples, dom)
    return [Group(f"browse/years/{y}", f"{y}年", [s for s in ordered if _year(s) == y]) for y in years]


def level_groups(samples: list[Sample], dom: Domain, settings: BrowseSettings) -> list[Group]:
    """One group per organization level that has samples, in the allow-list's order."""
    ordered = sorted_samples(samples, dom)
    levels = [level for level in dom.allow_lists.get("levels", ()) if any(s.meta.get("level") == level for s in ordered)]
    return [
        Group(f"browse/levels/{settings.level_slugs[level]}", level, [s for s in ordered if s.meta.get("level") == level])
        for level in levels
    ]


def tag_groups(samples: list[Sample], dom: Domain, settings: BrowseSettings) -> list[Group]:
    """One group per allowed tag that samples carry, in the allow-list's order."""
    ordered = sorted_samples(samples, dom)
    groups = [
        Group(f"browse/tags/{settings.tag_slugs[tag]}", tag, [s for s in ordered if tag in s.tag_set])
        for tag in dom.allow_lists.get("tags", ())
    ]
    return [g for g in groups if g.samples]


def related_samples(sample: Sample, same_type: list[Sample], limit: int, same_year: YearGroup | None = None) -> list[Sample]:
    """Samples like this one among those of its type: same year first, then more shared tags.

    ``same_type`` is in newest_first order (Library.by_type is), which breaks the ties.
    ``same_year``, when given, is those of them with the sample's year (Library.by_type_year): when
    they alone fill the list, only those sharing a tag with it are counted, from the group's lists
    by tag, and the earliest of the others fill up (ranking every sample of its type for every
    sample was quadratic: half a minute of a cold build of 10,000 samples).
    """
    if same_year is not None and len(same_year.samples) > limit:  # one of them may be the sample itself
        shared = Counter(chain.from_iterable(same_year.by_tag.get(tag, ()) for tag in sample.tag_set))
        ranked = [position for _, position in heapq.nsmallest(limit + 1, ((-count, at) for at, count in shared.items()))]
        ranked += islice((at for at in range(len(same_year.samples)) if at not in shared), limit + 1 - len(ranked))
        return [same_year.samples[at] for at in ranked if same_year.samples[at] is not sample][:limit]
    year, tags = sample.year, sample.tag_set
    ranked = heapq.nsmallest(
        limit + 1,
        ((other.year != year, -len(tags & other.tag_set), position) for position, other in enumerate(same_type)),
    )
    return [same_type[position] for *_, position in ranked if same_type[position] is not sample][:limit]


def newest_samples(samples: list[Sample], added: dict[str, str], limit: int) -> list[tuple[Sample, str]]:
    """The latest additions with the date each was committed ("" while not yet committed)."""
    dated = [(s, added.get(s.rel, "")) for s in samples]
    # Not yet committed counts as newest; then later commit dates first, then path.
    dated.sort(key=lambda pair: (pair[1] != "", _negate(pair[1]), pair[0].rel))
    return dated[:limit]


def _negate(date: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in date)
