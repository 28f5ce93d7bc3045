"""The areas a sample's “存在的问题” is checked against (ST004), and why there are none (FM013)."""

from __future__ import annotations

from scripts.kb.core.data import Domain, FrameworkArea, MeetingType


def typed(ctx) -> tuple[Domain, dict, MeetingType, int] | None:
    """(domain, front matter, meeting type, year) of a file whose type is known and year a number."""
    meta = ctx.meta or {}
    dom = ctx.env.settings.domain
    mt = dom.type(str(meta.get("meeting_type")))
    year = meta.get("year")
    if mt is None or not isinstance(year, int) or isinstance(year, bool):
        return None
    return dom, meta, mt, year


def local_aspects(dom: Domain, meta: dict) -> list | None:
    """The `aspects:` of a sample that follows its own unit's notice, else None."""
    if meta.get("framework") != dom.local.name:
        return None
    aspects = meta.get("aspects")
    return aspects if isinstance(aspects, list) else []


def checked_areas(dom: Domain, meta: dict) -> tuple[str, tuple[FrameworkArea, ...]] | None:
    """(framework name, areas): the unit's own aspects, or the type's framework for the sample's
    year and subject; None when neither is known."""
    aspects = local_aspects(dom, meta)
    if aspects is not None:
        return (dom.local.name, dom.local.areas(aspects)) if aspects else None
    mt = dom.type(str(meta.get("meeting_type")))
    framework = mt.framework_for(meta.get("year")) if mt else None
    areas = framework.areas_for(meta.get("subject")) if framework else ()
    return (framework.name, areas) if areas else None
