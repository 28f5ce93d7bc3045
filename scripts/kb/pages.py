"""Pages generated from the model: rendered with Jinja2 templates, never written into docs/.

Each function returns Markdown; the MkDocs hook adds it to the build as a virtual file and the
``index`` subcommand writes the same text to a folder for inspection.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from itertools import groupby

import jinja2

from scripts.kb.data import Domain, MeetingType
from scripts.kb.model import Sample
from scripts.kb.paths import TEMPLATES_DIR

REQUIREMENT_LABELS = {"required": "必需", "recommended": "建议", "optional": "可选"}


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def link(from_src: str, to_src: str) -> str:
    """A relative Markdown link from one source file to another (MkDocs resolves .md links)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def _sort_key(sample: Sample):
    return (-int(sample.year) if isinstance(sample.year, int) else 0, sample.title, sample.rel)


def meeting_type_page(mt: MeetingType, samples: list[Sample], dom: Domain) -> str:
    """The index page of one meeting type: description, structure, frameworks, samples by year."""
    src = f"{mt.key}/index.md"
    structure = [
        (role, REQUIREMENT_LABELS[level])
        for role in dom.roles
        for level in REQUIREMENT_LABELS
        if role.key in getattr(mt, level)
    ]
    own = sorted((s for s in samples if s.meeting_type == mt.key), key=_sort_key)
    by_year = [
        (year, [dict(s.meta, link=link(src, s.rel)) for s in group])
        for year, group in groupby(own, key=lambda s: s.year)
    ]
    frameworks = [mt.frameworks[year] for year in sorted(mt.frameworks, reverse=True)]
    return render("meeting_type.md.j2", mt=mt, structure=structure, frameworks=frameworks, by_year=by_year)


def sample_header(sample: Sample, dom: Domain) -> str:
    """The metadata block and the adapt-to-your-reality notice shown at the top of a sample."""
    mt = dom.type(sample.meeting_type)
    meta = sample.meta
    return render(
        "sample_header.md.j2",
        type_name=mt.name if mt else sample.meeting_type,
        type_link=link(sample.rel, f"{sample.meeting_type}/index.md"),
        year=meta.get("year", ""),
        level=meta.get("level", ""),
        org_kind=meta.get("org_kind", ""),
        subject=meta.get("subject", ""),
        framework=meta.get("framework", ""),
    )


def generated_pages(samples: list[Sample], dom: Domain) -> dict[str, str]:
    """Every generated page, keyed by its source path relative to docs/."""
    from scripts.kb.gallery import gallery_pages  # imported here: gallery renders with this module

    return {f"{mt.key}/index.md": meeting_type_page(mt, samples, dom) for mt in dom.types} | gallery_pages(samples, dom)
