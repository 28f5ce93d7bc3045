"""A site to measure search at a scale no build reaches quickly: a built site with the phrase index
of many more synthetic samples.

Building 10,000 samples takes most of an hour; the search only reads the index. So the index is
written (``index_writer.write_index``, as a build writes it) from records made here: the samples of
the bench's generator (``corpus.synthetic_sample``, the same seed, so the first samples are those of
a bench corpus), their Markdown turned into HTML by Python-Markdown with the site's heading anchors,
and the other pages (home, listings, guides) read back from the built site's own index. The site's
pages, scripts and styles are copied from the built site; the samples beyond those it built have no
page of their own, only their place in the index (the search finds them and links to them). The
index gets its .gz twins, as a build's does (for the transfer the bench counts).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown

from scripts.kb.bench.corpus import source_pools, synthetic_sample
from scripts.kb.cache.precompress import precompress
from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import split_front_matter
from scripts.kb.core.paths import DOCS_DIR
from scripts.kb.search import phrase_index
from scripts.kb.search.index_writer import IndexSize, write_index
from scripts.kb.site.cards import SLUGIFY


class SearchSiteError(ValueError):
    """The folders given cannot make a search site."""


def sample_records(n: int, seed: int = 0, source_docs: Path = DOCS_DIR):
    """The index records of the first ``n`` synthetic samples, one at a time."""
    dom = domain()
    sources = source_pools(source_docs, dom)
    converter = markdown.Markdown(extensions=["toc", "attr_list", "tables"], extension_configs={"toc": {"slugify": SLUGIFY}})
    for index in range(n):
        rel, text = synthetic_sample(index, seed, sources, dom)
        split = split_front_matter(text)
        html = converter.reset().convert(split.body)
        meta = split.meta or {}
        yield phrase_index.page_record(rel[:-3] + "/", str(meta["title"]), html, meta["meeting_type"], meta["year"])


def other_records(site_dir: Path) -> list[str]:
    """The records of the pages of a built site's index that are not samples."""
    manifest = phrase_index.read_part(site_dir, "manifest")
    records = []
    for page_id in range(manifest["samples"], len(manifest["pages"])):
        url, title, sections = phrase_index.read_page(site_dir, page_id)
        records.append(json.dumps({"url": url, "title": title, "type": "", "year": 0, "sections": sections},
                                  ensure_ascii=False, separators=(",", ":")))
    return records


def synthetic_search_site(built: Path, dest: Path, n: int, seed: int = 0) -> IndexSize:
    """Copy the site ``built`` (a bench corpus' build) to ``dest`` with the index of ``n`` synthetic
    samples and the site's other pages."""
    built, dest = built.resolve(), dest.resolve()
    if not (built / phrase_index.INDEX_DIR / "manifest.js").is_file():
        raise SearchSiteError(f"{built} 不是带搜索索引的网站（找不到 search/kb/manifest.js）")
    if dest == built or dest in built.parents or built in dest.parents:
        raise SearchSiteError(f"{dest} 不能是 {built}、它里面的目录或包含它的目录")
    if dest.exists():
        if any(dest.iterdir()) and not (dest / phrase_index.INDEX_DIR / "manifest.js").is_file():
            raise SearchSiteError(f"{dest} 已有内容，但不是这样写出的网站；请换一个新目录")
        shutil.rmtree(dest)
    manifest = phrase_index.read_part(built, "manifest")
    others = other_records(built)
    kb = (built / phrase_index.INDEX_DIR).resolve()
    shutil.copytree(built, dest, ignore=lambda folder, names: ["kb"] if Path(folder).resolve() == kb.parent else [])
    records = [*sample_records(n, seed), *others]
    type_names = {mt.key: mt.name for mt in domain().types}
    size = write_index(dest, records, type_names, manifest["results_page"])
    precompress(dest / phrase_index.INDEX_DIR)
    return size
