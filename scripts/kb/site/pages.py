"""Pages generated from the model: rendered with Jinja2 templates, never written into docs/.

Each function returns Markdown; the MkDocs hook adds it to the build as a virtual file and the
``index`` subcommand writes the same text to a folder for inspection. Large tables are HTML between
``<!-- kb-html -->`` lines (the build sets them aside while the page converts: SiteBuild), with the
pages' addresses for links; a sample's header is HTML too.
"""

from __future__ import annotations

import posixpath
from itertools import groupby
from urllib.parse import urlencode

from scripts.kb.core.basis import unknown_subject_note
from scripts.kb.core.data import Domain, Framework, MeetingType
from scripts.kb.core.model import Library, Sample, page_link
from scripts.kb.core.templating import escape_markdown, link, render  # noqa: F401 (re-exported)
from scripts.kb.site import browse, catalog, gallery
from scripts.kb.site.basis_view import basis_view
from scripts.kb.site.browse import BrowseSettings, Group
from scripts.kb.site.outline_pages import outline_page_path

REQUIREMENT_LABELS = {"required": "必需", "recommended": "建议", "optional": "可选"}
ALL_SAMPLES = "browse/index.md"
YEARS_INDEX = "browse/years/index.md"
LEVELS_INDEX = "browse/levels/index.md"
TAGS_INDEX = "browse/tags/index.md"
TABLE_DATA = "browse/samples.js"
CATALOG = "catalog.json"
HOME_MARKER = "<!-- kb:home-figures -->"
def filtered_link(from_src: str, **query) -> str:
    """A link to 全部范例 that opens with these filters set."""
    return f"{link(from_src, ALL_SAMPLES)}?{urlencode(query)}"


def year_src(year) -> str:
    return f"browse/years/{year}/index.md"


def level_src(level: str, settings: BrowseSettings) -> str | None:
    slug = settings.level_slugs.get(level)
    return f"browse/levels/{slug}/index.md" if slug else None


def tag_src(tag: str, settings: BrowseSettings) -> str | None:
    slug = settings.tag_slugs.get(tag)
    return f"browse/tags/{slug}/index.md" if slug else None


def _row(sample: Sample, src: str, dom: Domain, directory_urls: bool | None = None) -> dict:
    """What a listing shows of a sample, with the link relative to the listing page: a .md link, or
    with ``directory_urls`` the page's address (for HTML)."""
    mt = dom.type(sample.meeting_type)
    target = link(src, sample.rel) if directory_urls is None else page_link(src, sample.rel, directory_urls)
    return dict(sample.meta, link=target, type_name=mt.name if mt else sample.meeting_type)


def _pager(group: Group, src: str, settings: BrowseSettings) -> list[dict]:
    """Links to every page of a group, the current one marked."""
    pages = group.pages(settings.page_size)
    if len(pages) == 1:
        return []
    return [{"number": n, "link": link(src, page), "current": page == src} for n, (page, _) in enumerate(pages, start=1)]


def _framework_view(mt: MeetingType, framework: Framework, dom: Domain) -> dict:
    """One year's framework on its type's page: areas per subject (or why not), basis, outline."""
    src = f"{mt.key}/index.md"
    held_as = dom.type(framework.see) if framework.see else None
    subjects = [
        (dom.subject_label(s), framework.subjects[s].areas if s in framework.subjects else (),
         unknown_subject_note(dom.subject_label(s), dom))
        for s in dom.allow_lists["subjects"]
    ]
    common = len({k.areas for k in framework.subjects.values()}) == 1 and len(framework.subjects) == len(subjects)
    return {
        "fw": framework, "subjects": subjects, "common": common, "basis": basis_view(framework, None, dom),
        "held_as": held_as and (held_as.name, link(src, f"{held_as.key}/index.md")),
        "outline": link(src, outline_page_path(held_as or mt, framework.year)),
    }


def meeting_type_pages(mt: MeetingType, group: Group, dom: Domain, settings: BrowseSettings) -> dict[str, str]:
    """The index of one meeting type: description, structure, frameworks, samples by year."""
    structure = [
        (role, REQUIREMENT_LABELS[level])
        for role in dom.roles
        for level in REQUIREMENT_LABELS
        if role.key in getattr(mt, level)
    ]
    frameworks = [_framework_view(mt, mt.frameworks[year], dom) for year in sorted(mt.frameworks, reverse=True)]
    out = {}
    for number, (src, chunk) in enumerate(group.pages(settings.page_size), start=1):
        by_year = [(year, [_row(s, src, dom) for s in items]) for year, items in groupby(chunk, key=lambda s: s.year)]
        out[src] = render(
            "meeting_type.md.j2", mt=mt, structure=structure, frameworks=frameworks, by_year=by_year,
            number=number, total=len(group.samples), pager=_pager(group, src, settings),
            first=link(src, group.page_src(1)), filtered=filtered_link(src, type=mt.key),
        )
    return out


def group_pages(group: Group, heading: str, dom: Domain, settings: BrowseSettings, directory_urls: bool = True,
                **query) -> dict[str, str]:
    """A year's, a level's or a tag's pages: its samples across meeting types, in a table (HTML: the
    build puts it in after the conversion, which spends most of such a page's time on a Markdown
    table); ``query`` is the 全部范例 filter that shows the same samples."""
    out = {}
    for number, (src, chunk) in enumerate(group.pages(settings.page_size), start=1):
        out[src] = render(
            "group.md.j2", heading=heading, number=number, total=len(group.samples),
            rows=[_row(s, src, dom, directory_urls) for s in chunk], pager=_pager(group, src, settings),
            up=link(src, f"{posixpath.dirname(group.base)}/index.md"), filtered=filtered_link(src, **query),
        )
    return out


def overview_page(src: str, title: str, intro: str, entries: list[tuple[str, int, str | None]]) -> str:
    """A page listing the values of one facet (years, levels, tags) with their sample counts."""
    rows = [(value, count, link(src, target) if target else None) for value, count, target in entries]
    return render("overview.md.j2", title=title, intro=intro, rows=rows, all_samples=link(src, ALL_SAMPLES))


def all_samples_page(library: Library, dom: Domain) -> str:
    """全部范例: the filter form and an empty table that docs/javascripts/kb-browse.js fills."""
    samples = library.samples
    options = {
        name: [v for v in dom.allow_lists.get(allowed, ()) if v in {s.meta.get(key) for s in samples}]
        for name, key, allowed in (("level", "level", "levels"), ("kind", "org_kind", "org_kinds"), ("subject", "subject", "subjects"))
    }
    years = sorted({s.year for s in samples if isinstance(s.year, int)}, reverse=True)
    types = [(mt.key, mt.name) for mt in dom.types]
    return render(
        "all_samples.md.j2", total=len(samples), types=types, years=years, options=options,
        data=posixpath.basename(TABLE_DATA), by_type=[(name, link(ALL_SAMPLES, f"{key}/index.md")) for key, name in types],
        years_index=link(ALL_SAMPLES, YEARS_INDEX), levels_index=link(ALL_SAMPLES, LEVELS_INDEX),
        tags_index=link(ALL_SAMPLES, TAGS_INDEX),
    )


def home_figures(library: Library, dom: Domain, settings: BrowseSettings, src: str = "index.md") -> str:
    """The block the home page shows in place of HOME_MARKER: counts per type and newest additions."""
    counts = [(mt.name, len(library.by_type.get(mt.key, [])), link(src, f"{mt.key}/index.md")) for mt in dom.types]
    newest = [(_row(s, src, dom), date) for s, date in browse.newest_samples(library.samples, library.added, settings.newest)]
    return render("home_figures.md.j2", counts=counts, total=len(library.samples), newest=newest,
                  all_samples=link(src, ALL_SAMPLES), **framework_coverage(dom, src))


def framework_coverage(dom: Domain, src: str) -> dict:
    """Which types and years have a framework (each year linked to its outline), and the newest one."""
    def outline(mt: MeetingType, year: int) -> str:
        framework = mt.frameworks[year]
        return link(src, outline_page_path(dom.type(framework.see) if framework.see else mt, year))

    coverage = [(mt.name, [(year, outline(mt, year)) for year in sorted(mt.frameworks, reverse=True)]) for mt in dom.types]
    year, mt = max(((y, mt) for mt in dom.types for y, fw in mt.frameworks.items() if not fw.see),
                   key=lambda pair: pair[0], default=(None, None))
    latest = (year, mt.name, mt.frameworks[year], outline(mt, year)) if mt else None
    return {"coverage": coverage, "latest": latest, "outlines_index": link(src, "outlines/index.md"), "notice": dom.notices["basis"]}


def expand_markers(markdown: str, src: str, library: Library, dom: Domain) -> str:
    """Replace the generated-block markers a hand-written page contains."""
    if HOME_MARKER in markdown:
        markdown = markdown.replace(HOME_MARKER, home_figures(library, dom, browse.browse_settings(), src))
    return markdown


def _framework_label(meta: dict) -> str:
    """The framework a sample follows; a unit's own notice with the aspects it lists."""
    aspects = meta.get("aspects")
    named = "、".join(str(a) for a in aspects) if isinstance(aspects, list) else ""
    return f"{meta.get('framework', '')}（{named}）" if named else str(meta.get("framework", ""))


def sample_header(sample: Sample, library: Library, dom: Domain, directory_urls: bool = True,
                  settings: BrowseSettings | None = None) -> str:
    """The metadata block, related samples and the adapt-to-your-reality notice of a sample page, as
    HTML: the build puts it above the page's converted text (SiteBuild.page_content), which costs far
    less than converting it with the page (about 40 % of a sample's conversion)."""
    settings = settings or browse.browse_settings()
    mt = dom.type(sample.meeting_type)
    meta, src = sample.meta, sample.rel

    def to(target: str | None, **query) -> str | None:
        return None if target is None else page_link(src, target, directory_urls) + (f"?{urlencode(query)}" if query else "")

    level = str(meta.get("level", ""))
    tags = [(tag, to(tag_src(tag, settings))) for tag in meta.get("tags") or []]
    related = browse.related_samples(sample, library.by_type.get(sample.meeting_type, []), settings.related,
                                     library.year_group(sample))
    return render(
        "sample_header.html.j2",
        type_name=mt.name if mt else sample.meeting_type,
        type_link=to(f"{sample.meeting_type}/index.md"),
        year=meta.get("year", ""),
        year_link=to(year_src(sample.year)) if isinstance(sample.year, int) else None,
        level=level,
        level_link=to(level_src(level, settings)),
        org_kind=meta.get("org_kind", ""),
        kind_link=to(ALL_SAMPLES, kind=meta.get("org_kind", "")),
        subject=meta.get("subject", ""),
        subject_link=to(ALL_SAMPLES, subject=meta.get("subject", "")),
        framework=_framework_label(meta),
        tags=tags,
        related=[dict(s.meta, link=to(s.rel)) for s in related],
    )


def generated_pages(library: Library, dom: Domain, directory_urls: bool = True,
                    settings: BrowseSettings | None = None) -> dict[str, str]:
    """Every generated file (pages, catalog.json, the table's data), keyed by path relative to docs/.

    Raises BrowseDataError when an allowed level or tag has no page address.
    """
    settings = settings or browse.browse_settings()
    browse.require_slugs(settings, dom)
    samples = library.samples
    out: dict[str, str] = {}
    for mt, group in zip(dom.types, browse.type_groups(samples, dom)):
        out.update(meeting_type_pages(mt, group, dom, settings))
    years = browse.year_groups(samples, dom)
    levels = browse.level_groups(samples, dom, settings)
    tags = browse.tag_groups(samples, dom, settings)
    for group in years:
        out.update(group_pages(group, f"{group.value}的范例", dom, settings, directory_urls, year=group.value.removesuffix("年")))
    for group in levels:
        out.update(group_pages(group, f"{group.value}组织的范例", dom, settings, directory_urls, level=group.value))
    for group in tags:
        out.update(group_pages(group, f"标签：{group.value}", dom, settings, directory_urls, q=group.value))
    out[YEARS_INDEX] = overview_page(YEARS_INDEX, "按年度浏览", "各年度的范例（年度组织生活会按所属年度计）。",
                                     [(g.value, len(g.samples), g.page_src(1)) for g in years])
    out[LEVELS_INDEX] = overview_page(LEVELS_INDEX, "按组织层级浏览", "各层级党组织的范例。",
                                      [(g.value, len(g.samples), g.page_src(1)) for g in levels])
    out[TAGS_INDEX] = overview_page(TAGS_INDEX, "按标签浏览", "范例的主题标签（标签表见 scripts/data/front_matter.yml）。",
                                    [(g.value, len(g.samples), g.page_src(1)) for g in tags])
    out[ALL_SAMPLES] = all_samples_page(library, dom)
    out[TABLE_DATA] = catalog.table_script(library, dom, ALL_SAMPLES, directory_urls)
    out[CATALOG] = catalog.catalog_json(library, dom, directory_urls)
    out.update(gallery.gallery_pages(samples, dom, library.snippets, directory_urls))
    return dict(sorted(out.items()))
