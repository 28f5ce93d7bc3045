"""A disk cache of the theme's output for each page: a page whose template context did not change
is not rendered through the theme again.

Once the Markdown comes from the page cache, rendering material's ``main.html`` (header,
navigation, table of contents, footer) is the largest part of a warm build. The output of a
template is a function of its context, of the theme's files and of the Jinja environment, so it
is kept in ``.cache/output/`` under a key made of:

- the context MkDocs gives ``template.render``, after every ``on_page_context`` handler: the page
  (its HTML, toc, title, meta, address, edit and canonical URLs, its file, every attribute a hook
  or plugin set on it), its previous and next pages, its ancestors, the navigation (type, title,
  address and meta of every item; which items are active follows from the page and its
  ancestors), the list of pages, base_url, extra_css and extra_javascript, the configuration
  (site_name, extra, theme options, each plugin's config, ...) and any key a plugin added;
- the template's name; the theme's folders: an installed theme (and MkDocs' own templates) by its
  distribution's name, version and RECORD (the hash of every installed file), any other folder
  (such as a ``custom_dir`` of overrides) by the bytes of every file in it; the Jinja environment:
  its options, extensions, filters, tests and globals (a function by its module and name, and, when
  it is not in an installed package, by its module's source); the versions of mkdocs, jinja2 and
  markupsafe.

Some values of the context differ between two builds of the same site: the clock
(``build_date_utc``, each page's ``update_date``) and where the site is built from and to
(``config.site_dir``, ``docs_dir``, ``config_file_path``). Each is part of the key only when a file
of the theme's folders names it, apart from the templates MkDocs renders by themselves
(``static_templates``: 404.html, and sitemap.xml, which names ``update_date``); material's page
templates name none of them.

How it hooks in. MkDocs 1.6's ``_build_page`` gets the template, runs ``on_page_context`` and then
always calls ``template.render(context)``: no event can hand it the output instead. ``install``
(called from ``on_env``) sets the environment's ``template_class``, Jinja's documented choice of the
class of every template the environment loads, to a subclass whose ``render`` asks this cache
first, only when it renders the page MkDocs is building (the context's page is
``config._current_page``). Everything else (404.html, sitemap.xml, the templates a page template
extends or includes) renders as always, and the ``on_post_page`` handlers still run on the
output, cached or not.

On any doubt the page is rendered as usual: a value the key cannot describe (an object that is
not plain data or one of MkDocs' structures, a cycle), a theme folder that cannot be read. A
rendering that logged a warning is not stored, so that the warning comes again and ``--strict``
still fails. The navigation, the list of pages and the configuration are described once per
build (they are complete before the first page is built).
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import sys
import sysconfig
from importlib.metadata import PackageNotFoundError, distribution, entry_points, version
from pathlib import Path, PurePath
from types import ModuleType

import jinja2
import mkdocs
from mkdocs.config.base import Config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

from scripts.kb.cache.disk_cache import DiskCache, content_key, files_key
from scripts.kb.cache.warning_count import WarningCounter

KIND = "output"
VERSIONED = ("mkdocs", "jinja2", "markupsafe")
# Context values that differ between two builds of the same site (the clock; where the site is
# built from and to): in the key only when a theme template names them.
BUILD_ONLY = ("build_date_utc", "update_date", "site_dir", "docs_dir", "config_file_path")
# The files of an installed theme Jinja reads as templates (icons, styles and fonts are not).
TEMPLATE_SUFFIXES = (".html", ".xml", ".j2", ".jinja", ".jinja2", ".txt", ".js", ".json")
# Attributes of a page described apart (or, for a page that is not the one rendered, left out).
PAGE_PARTS = frozenset({"file", "parent", "children", "previous_page", "next_page", "_Page__active", "content", "markdown",
                        "toc", "present_anchor_ids", "links_to_anchors"})
# Attributes of a navigation item and of a toc entry described apart.
NAV_PARTS = frozenset({"parent", "children", "active", "_Page__active", "_Section__active"})
TOC_PARTS = frozenset({"title", "id", "level", "children"})
MAX_DEPTH = 40


class Doubt(Exception):
    """The key cannot describe a value: the page is rendered as usual."""


@functools.lru_cache(maxsize=None)
def _site_folders() -> tuple[Path, ...]:
    paths = sysconfig.get_paths()
    return tuple(Path(paths[name]).resolve() for name in ("purelib", "platlib", "stdlib", "platstdlib") if name in paths)


@functools.lru_cache(maxsize=None)
def _installed_code(module_name: str) -> bool:
    if module_name not in sys.modules:
        raise Doubt(f"module {module_name}")
    file = getattr(sys.modules[module_name], "__file__", None)
    if file is None:
        return True  # built in
    path = Path(file).resolve()
    return any(path.is_relative_to(folder) for folder in _site_folders())


@functools.lru_cache(maxsize=None)
def _module_source(module_name: str) -> str:
    """The hash of a module's source file (a function of the project's own code)."""
    try:
        return content_key(Path(sys.modules[module_name].__file__).read_bytes())
    except (KeyError, TypeError, OSError) as exc:
        raise Doubt(f"source of {module_name}") from exc


def _callable(value) -> list:
    """A function, class or partial by its module and name, and by its module's source when that
    is not an installed package (two processes name it the same; its address is not used)."""
    if isinstance(value, functools.partial):
        return ["partial", _callable(value.func), _plain(list(value.args)), _plain(dict(value.keywords))]
    name = getattr(value, "__qualname__", None)
    module = getattr(value, "__module__", None)
    if name is None or module is None:
        raise Doubt(repr(type(value)))
    described = ["callable", module, name]
    if not _installed_code(module):
        described.append(_module_source(module))
    return described


def _plain(value, depth: int = 0):
    """Plain data (what the configuration and front matter hold) as JSON, with its types."""
    if depth > MAX_DEPTH:
        raise Doubt("too deep")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, str):  # Markup and other kinds of text render differently
        return ["str", type(value).__qualname__, str(value)]
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted(json.dumps(_plain(item, depth + 1), ensure_ascii=False) for item in value)]
    if isinstance(value, (dict, Config)):
        return ["map", sorted([k if type(k) is str else "\0" + json.dumps(_plain(k, depth + 1), ensure_ascii=False),
                               _plain(v, depth + 1)] for k, v in value.items())]
    if isinstance(value, (datetime.date, datetime.time)):
        return [type(value).__name__, value.isoformat()]
    if isinstance(value, PurePath):
        return ["path", str(value)]
    if isinstance(value, re.Pattern):
        return ["pattern", value.pattern, value.flags]
    if isinstance(value, ModuleType):
        return ["module", value.__name__]
    if isinstance(value, (type, functools.partial)) or callable(value) and hasattr(value, "__qualname__"):
        return _callable(value)
    if isinstance(value, Theme):
        return ["theme", value.name, _plain(dict(value.items()), depth + 1)]  # its folders: OutputCache.fingerprint
    if isinstance(value, PluginCollection):
        return ["plugins", [[name, _plain(getattr(plugin, "config", plugin), depth + 1)] for name, plugin in value.items()]]
    return ["object", type(value).__module__, type(value).__qualname__, _plain(_attributes(value), depth + 1)]


def _attributes(value) -> dict:
    """An object's attributes, in its __dict__ or its slots."""
    slots = [name for cls in type(value).__mro__ for name in getattr(cls, "__slots__", ())]
    if not hasattr(value, "__dict__") and not slots:
        raise Doubt(repr(type(value)))
    found = {name: getattr(value, name) for name in slots if name != "__dict__" and hasattr(value, name)}
    return {**found, **getattr(value, "__dict__", {})}


def _digest(text: str | None) -> str | None:
    return None if text is None else content_key(text)


def _toc(items) -> list:
    described = []
    for item in items:
        extra = _extra(item, TOC_PARTS)
        described.append([item.title, item.id, item.level, _toc(item.children)] + ([_plain(extra)] if extra else []))
    return described


def _extra(value, described: frozenset[str]) -> dict:
    """An object's attributes other than those described apart (what plugins add, for instance)."""
    return {k: v for k, v in vars(value).items() if k not in described}


class _Context:
    """Describes the contexts of one build's pages; the parts shared by every page once."""

    def __init__(self, unread: set[str]):
        self.unread = unread  # of BUILD_ONLY, the names no theme template reads
        self.own_parts = PAGE_PARTS | unread  # of the page rendered, described apart or left out
        self.ref_parts = self.own_parts | {"title"}  # of another page
        self.shared: dict[int, tuple[object, str]] = {}

    def page_ref(self, page: Page | None) -> list | None:
        """A page as another page's template sees it: address, title, meta, whatever was set on it."""
        if page is None:
            return None
        return ["page", page.file.src_uri, page.url, page.title, page.is_index, _plain(_extra(page, self.ref_parts))]

    def file(self, file: File, page: bool = True) -> list:
        """A file, with its page (as another page's template sees it) unless that page is described whole."""
        return ["file", file.src_uri, file.dest_uri, file.url, file.inclusion.name, file.edit_uri,
                self.page_ref(file.page) if page else file.page is None]

    def nav_item(self, item) -> list:
        if isinstance(item, Page):
            return ["nav-page", self.page_ref(item)]
        if isinstance(item, (Section, Link)):
            children = [self.nav_item(child) for child in getattr(item, "children", None) or ()]
            return [type(item).__name__, _plain(_extra(item, NAV_PARTS)), children]
        raise Doubt(repr(type(item)))

    def navigation(self, nav: Navigation) -> list:
        return ["nav", [self.nav_item(item) for item in nav.items], [self.page_ref(p) for p in nav.pages],
                self.page_ref(nav.homepage)]

    def once(self, value, describe) -> str:
        """A shared value (same object for every page of the build) described the first time."""
        known = self.shared.get(id(value))
        if known is None or known[0] is not value:
            known = self.shared[id(value)] = (value, content_key(json.dumps(describe(value), ensure_ascii=False)))
        return known[1]

    def page(self, page: Page) -> list:
        """The page being rendered, whole."""
        ancestors, parent = [], page.parent
        while parent is not None:
            ancestors.append([type(parent).__name__, parent.title])
            parent = parent.parent
        extra = _extra(page, self.own_parts)
        # the HTML and Markdown by their hashes: faster than as JSON text
        return [self.file(page.file, page=False), page.url, page.title, page.is_index, page.is_homepage, _digest(page.content), _digest(page.markdown),
                _toc(page.toc), sorted(page.present_anchor_ids or ()), ancestors,
                self.page_ref(page.previous_page), self.page_ref(page.next_page), _plain(extra)]

    def key(self, context: dict) -> str:
        parts = []
        for name, value in sorted(context.items()):
            if name in self.unread:
                continue
            if name == "page":
                described = self.page(value)
            elif name == "nav":
                described = self.once(value, self.navigation)
            elif name == "pages":
                described = self.once(value, lambda files: [self.file(f) for f in files])
            elif name == "config":
                described = self.once(value, lambda config: _plain({k: v for k, v in config.items() if k not in self.unread}))
            else:
                described = _plain(value)
            parts.append([name, described])
        return content_key(json.dumps(parts, ensure_ascii=False))


def _theme_distributions() -> dict[Path, str]:
    """The folder of every installed theme (and MkDocs' own templates), with its distribution."""
    found = {Path(mkdocs.__file__).resolve().parent / "templates": "mkdocs"}
    for point in entry_points(group="mkdocs.themes"):
        try:
            found[Path(point.load().__file__).resolve().parent] = point.dist.name
        except Exception:  # a theme that cannot be loaded is not used by this build
            continue
    return found


def _theme_folder(folder: Path, installed: dict[Path, str], alone: set[str]) -> tuple[str, set[str]]:
    """A theme folder's part of the key, and the names of BUILD_ONLY its templates mention (apart
    from ``alone``, the templates MkDocs renders by themselves, such as sitemap.xml)."""
    resolved = folder.resolve()
    name = installed.get(resolved)
    if name is not None:  # its RECORD lists every installed file with its hash
        dist = distribution(name)
        record = dist.read_text("RECORD") or ""
        root = Path(dist.locate_file("")).resolve()
        prefix = resolved.relative_to(root).as_posix() + "/"
        listed = (line.split(",", 1)[0] for line in record.splitlines())
        texts = [root / p for p in listed
                 if p.startswith(prefix) and p.endswith(TEMPLATE_SUFFIXES) and p[len(prefix):] not in alone]
        return content_key(name, dist.version, record), _named(texts)
    files = [p for p in resolved.rglob("*") if p.is_file()] if resolved.is_dir() else []
    texts = [p for p in files if p.relative_to(resolved).as_posix() not in alone]
    return files_key(resolved), _named(texts)


def _named(files: list[Path]) -> set[str]:
    texts = [p.read_bytes() for p in files]
    return {name for name in BUILD_ONLY if any(name.encode() in text for text in texts)}


def _environment(env: jinja2.Environment) -> list:
    options = ["block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
               "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
               "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
               "autoescape", "finalize", "undefined", "is_async"]
    return [[name, _plain(getattr(env, name))] for name in options] + [
        sorted(env.extensions), _plain(env.filters), _plain(env.tests), _plain(env.globals), _plain(env.policies)]


class OutputCache:
    """One build's output cache (``install`` makes it and gives it to the environment)."""

    def __init__(self, config, env: jinja2.Environment, folder: Path | None = None):
        self.store = DiskCache(KIND, ".html", folder)
        self.config = config
        self.hits = 0
        self.misses = 0
        try:
            installed = _theme_distributions()
            alone = set(config.theme.static_templates)
            folders = [_theme_folder(Path(d), installed, alone) for d in config.theme.dirs]
            self.context = _Context(set(BUILD_ONLY).difference(*(named for _, named in folders)))
            self.fingerprint: str | None = content_key(json.dumps(
                [[version(name) for name in VERSIONED], [part for part, _ in folders], _environment(env)],
                ensure_ascii=False))
        except (Doubt, OSError, PackageNotFoundError, AttributeError):
            self.fingerprint = None  # nothing is cached in this build

    def key(self, template: jinja2.Template, context: dict) -> str | None:
        """The key of a page's output; None when the context holds something it cannot describe."""
        if self.fingerprint is None:
            return None
        try:
            return content_key(self.fingerprint, template.name or "", self.context.key(context))
        except (Doubt, RecursionError, TypeError, ValueError, AttributeError):
            return None

    def render(self, template: jinja2.Template, render, context: dict) -> str:
        page = context.get("page")
        building = self.fingerprint is not None and isinstance(page, Page) and page is self.config._current_page
        key = self.key(template, context) if building else None
        if key is None:
            return render(context)
        stored = self.store.read(key)
        if stored is not None:
            try:
                output = stored.decode("utf-8")
                self.hits += 1
                return output
            except UnicodeDecodeError:
                pass
        self.misses += 1
        counter = WarningCounter().attach()
        try:
            output = render(context)
        finally:
            counter.detach()
        if not counter.count:
            try:
                self.store.write(key, output.encode("utf-8"))
            except UnicodeEncodeError:  # a lone surrogate: MkDocs escapes it when it writes the page
                pass
        return output


def install(env: jinja2.Environment, config) -> OutputCache:
    """Make the pages this environment renders go through an output cache (on_env)."""
    cache = OutputCache(config, env)
    base = env.template_class

    class CachedTemplate(base):
        def render(self, *args, **kwargs) -> str:
            context = dict(*args, **kwargs)
            return cache.render(self, lambda c: base.render(self, c), context)

    env.template_class = CachedTemplate
    return cache
