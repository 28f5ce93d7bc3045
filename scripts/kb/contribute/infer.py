"""Guessing a draft's front matter from its title and opening paragraph, using the meeting-type
keywords (meeting_types.yml), the tag allow-list (front_matter.yml) and import.yml. A field it
cannot tell is left to the contributor as TODO."""

from __future__ import annotations

import datetime
import re

from scripts.kb.check.config import settings
from scripts.kb.contribute.draft import todo
from scripts.kb.contribute.importer import Draft
from scripts.kb.contribute.reading import import_settings


def meeting_type(title: str, opening: str) -> str | None:
    """The type whose longest keyword occurs in the title (else in the opening paragraph)."""
    dom = settings().domain
    for text in (title, opening):
        hits = [(len(k), -text.index(k), t.key) for t in dom.types for k in t.keywords if k in text]
        if hits:
            return max(hits)[2]
    return None


def year(title: str, opening: str, date: datetime.date | None) -> int | None:
    patterns = [re.compile(p) for p in import_settings()["year_patterns"]]
    for text in (title, opening):
        match = patterns[0].search(text)
        if match:
            return int(match.group(1))
    match = patterns[1].search(title)
    if match:
        return int(match.group(1))
    if date:
        return date.year
    match = patterns[1].search(opening)
    return int(match.group(1)) if match else None


def subject(title: str, opening: str) -> str | None:
    for text in (title, opening):
        for entry in import_settings()["subjects"]:
            if any(k in text for k in entry["keywords"]):
                return entry["value"]
    return None


def front_matter_values(draft: Draft, type_key: str | None, year_value: int | None, subject_value: str | None) -> dict:
    """The front matter of a draft: given values win over inferred ones; TODO for the rest."""
    title, opening, t = draft.title or "", draft.opening, todo()
    dom = settings().domain
    type_key = type_key or meeting_type(title, opening)
    year_value = year_value or year(title, opening, draft.date)
    subject_value = subject_value or subject(title, opening)
    mt = dom.type(type_key) if type_key else None
    framework = mt.framework_for(year_value) if mt else None
    tags = [tag for tag in dom.allow_lists["tags"] if tag in title + opening]
    values = {
        "title": draft.title or t,
        "meeting_type": type_key or t,
        "year": year_value or t,
        "level": t,
        "org_kind": t,
        "subject": subject_value or t,
        "framework": framework.name if framework else t,
        "tags": tags or t,
        "source": t,
    }
    if draft.date:
        values["date"] = draft.date
    return values
