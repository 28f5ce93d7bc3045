"""The navigation sidebar of the pages outside the navigation, rendered once per build for each set
of relative links.

material's ``partials/nav.html`` renders the whole navigation into every page, about a tenth of
rendering a page through the theme. A page that is not in the navigation (a sample, a paged
listing: most pages of a large library) activates none of its items and is none of its pages, so
its sidebar is a function of the navigation, the configuration and where each of the sidebar's
links points from the page (the ``url`` filter makes them relative to the page). ``install`` (from
``on_env``, for each build's Jinja environment) wraps the environment's loader so that
``partials/nav.html`` renders inside ``{% call kb_nav_fragment() %}``: for such a page,
``kb_nav_fragment`` returns the sidebar rendered before for the same links, else renders it and
keeps it. A page in the navigation, or one for which any item is active, renders as always.

The sidebar is the same bytes either way (tests/cache/test_nav_fragment.py builds a site with and
without it). The key holds every address the sidebar can link to, made relative as the ``url``
filter makes it, and whether each item is active; the rest of what the template reads (titles and
meta of the navigation's pages, the configuration, the language) is fixed for a build, and the
cache lives as long as the build's environment.
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

TEMPLATE = "partials/nav.html"
GLOBAL = "kb_nav_fragment"


class NavFragments:
    """The sidebars rendered in one build, by key; ``hits`` counts the pages that reused one."""

    def __init__(self):
        self.rendered: dict[tuple, str] = {}
        self.hits = 0

    @jinja2.pass_context
    def fragment(self, context, caller) -> str:
        key = _key(context)
        if key is None:
            return caller()
        if key in self.rendered:
            self.hits += 1
        else:
            self.rendered[key] = caller()
        return self.rendered[key]


def _items(items) -> Iterator:
    for item in items or ():
        yield item
        if isinstance(item, Section):
            yield from _items(item.children)


def _key(context) -> tuple | None:
    """The key of a page's sidebar (None: render it as always)."""
    page, nav = context.get("page"), context.get("nav")
    if not isinstance(page, Page) or not isinstance(nav, Navigation) or page in nav.pages:
        return None
    items = list(_items(nav.items))
    if any(item.active for item in items if isinstance(item, (Page, Section))):
        return None
    base = context.get("base_url", "")
    homepage = ((context.get("config") or {}).get("extra") or {}).get("homepage")
    targets = [item.url for item in items if isinstance(item, (Page, Link))]
    targets += [nav.homepage.url if nav.homepage else "", homepage or ""]
    return (base, *(normalize_url(str(target), page=page, base=base) for target in targets))


class _WrappingLoader(jinja2.BaseLoader):
    """The environment's loader, but ``partials/nav.html`` comes inside a call of the fragment cache."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == TEMPLATE:
            if source.endswith("\n") and not environment.keep_trailing_newline:  # Jinja drops one final newline
                source = source[:-1]
            source = f"{{% call {GLOBAL}() %}}{source}{{% endcall %}}"
        return source, filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


def install(env: jinja2.Environment) -> NavFragments:
    """Render the sidebar of this build's pages outside the navigation once per set of links."""
    fragments = NavFragments()
    env.loader = _WrappingLoader(env.loader)
    env.globals[GLOBAL] = fragments.fragment
    return fragments
