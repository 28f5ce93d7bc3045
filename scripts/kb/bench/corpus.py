"""Synthetic corpora for scale tests and benchmarks: many samples made from the published ones.

Each synthetic sample recombines the headings and paragraphs of the published samples, role by
role, into a material of about ``target_bytes`` with varied front matter. The text is synthetic
(never a "sample material"): corpora are written only into a folder outside docs/, and the same
(n, seed) always gives the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from scripts.kb.core.data import Domain, domain
from scripts.kb.core.model import load_samples, sample_paths
from scripts.kb.core.numbering import level_marker
from scripts.kb.core.paths import DOCS_DIR, ROOT

TARGET_BYTES = 15_000
NUMBER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# A paragraph that continues an enumeration (二是…) makes no sense out of its place.
CONTINUES_ENUMERATION = re.compile(r"^[二三四五六七八九十]+[是要]")
YEAR = re.compile(r"\d{4}年度?")
PAIRS = ("“”", "《》", "（）", "「」")


class CorpusError(ValueError):
    pass


def source_pools(source_docs: Path, dom: Domain):
    """Per section role: the H2 texts, H3 texts and paragraphs of the published samples."""
    samples = load_samples(source_docs, dom)
    if not samples:
        raise CorpusError(f"{source_docs} 里没有范例，无法生成合成语料")
    pools: dict[str, dict[str, list[str]]] = {}
    for sample in samples:
        for section in sample.sections:
            if section.role is None:
                continue
            pool = pools.setdefault(section.role.key, {"h2": [], "h3": [], "paragraphs": []})
            if section.heading:
                pool["h2"].append(NUMBER_PREFIX.sub("", section.heading.text))
            pool["h3"] += [NUMBER_PREFIX.sub("", t[4:].strip()) for _, t in section.lines if t.startswith("### ")]
            pool["paragraphs"] += [p for p in section.paragraphs if not CONTINUES_ENUMERATION.match(p)]
    every = [p for pool in pools.values() for p in pool["paragraphs"]]
    return pools, every, [s.title for s in samples]


def _balanced(text: str) -> bool:
    return all(text.count(left) == text.count(right) for left, right in PAIRS)


def _trim(paragraph: str, budget: int) -> str:
    """The paragraph cut after a sentence so that it fits in budget bytes, with its paired
    punctuation balanced; at least the first sentence."""
    if len(paragraph.encode("utf-8")) <= budget:
        return paragraph
    ends = [i + 1 for i, ch in enumerate(paragraph) if ch == "。" and _balanced(paragraph[: i + 1])]
    fitting = [end for end in ends if len(paragraph[:end].encode("utf-8")) <= budget]
    return paragraph[: (fitting or ends or [len(paragraph)])[-1 if fitting else 0]]


def synthetic_sample(index: int, seed: int, pools, every: list[str], titles: list[str], dom: Domain,
                     target_bytes: int = TARGET_BYTES) -> tuple[str, str]:
    """(path relative to docs/, file text) of the index-th synthetic sample; depends only on (index, seed)."""
    rng = random.Random(f"{seed}:{index}")
    mt = dom.types[index % len(dom.types)]
    year = rng.choice(sorted(mt.frameworks))
    tags = rng.sample(list(dom.allow_lists["tags"]), rng.randint(2, 5))
    meta = {
        "title": f"合成范例{index:05d}：{year}年度{YEAR.sub('', rng.choice(titles))}",
        "meeting_type": mt.key,
        "year": year,
        "level": rng.choice(dom.allow_lists["levels"]),
        "org_kind": rng.choice(dom.allow_lists["org_kinds"]),
        "subject": rng.choice(dom.allow_lists["subjects"]),
        "framework": mt.frameworks[year].name,
        "tags": tags,
        "source": "合成文本，由已发布范例的标题和段落随机重组而成，仅用于规模测试和基准测试。",
    }
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000) + "---\n"
    roles = [r.key for r in dom.roles if r.key in set(mt.required) | set(mt.recommended) and r.key != "intro"]
    lines = [_trim(rng.choice(pools.get("intro", {}).get("paragraphs") or every), 600), ""]
    share = (target_bytes - len(lines[0].encode("utf-8"))) // len(roles)
    for number, role in enumerate(roles, start=1):
        pool = pools.get(role) or {"h2": [], "h3": [], "paragraphs": []}
        lines += [f"## {level_marker(1, number)}{rng.choice(pool['h2'] or [dom.role(role).name])}", ""]
        used, sub = 0, 0
        while used < share - 40 and sub < 99:
            sub += 1
            heading = f"### {level_marker(2, sub)}{rng.choice(pool['h3'] or pool['h2'] or [dom.role(role).name])}"
            paragraph = _trim(rng.choice(pool["paragraphs"] or every), max(share - used - len(heading.encode()), 30))
            lines += [heading, "", paragraph, ""]
            used += len(heading.encode("utf-8")) + len(paragraph.encode("utf-8"))
    return f"{mt.key}/synthetic-{index:05d}.md", front + "\n".join(lines)


def generate_corpus(dest_docs_dir: Path, n: int, seed: int = 0, source_docs: Path = DOCS_DIR,
                    target_bytes: int = TARGET_BYTES) -> list[Path]:
    """A docs folder with the site's hand-written pages and n synthetic samples; returns the samples.

    The first k samples of a corpus are the same for every n >= k (with the same seed).
    """
    dest = Path(dest_docs_dir).resolve()
    if dest == DOCS_DIR or DOCS_DIR in dest.parents or dest == source_docs.resolve():
        raise CorpusError(f"合成语料不能写进 {source_docs}，请换一个目录")
    dom = domain()
    pools, every, titles = source_pools(source_docs, dom)
    published = {p.resolve() for p in sample_paths(source_docs, dom)}
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source_docs, dest, ignore=lambda folder, names: [
        name for name in names if (Path(folder) / name).resolve() in published
    ])
    written = []
    for index in range(n):
        rel, text = synthetic_sample(index, seed, pools, every, titles, dom, target_bytes)
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def write_config(config_path: Path, docs_dir: Path) -> Path:
    """A MkDocs config that is the repository's mkdocs.yml with docs_dir pointing at a corpus."""
    config_path.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {Path(docs_dir).resolve()}\nhooks:\n  - {ROOT / 'scripts' / 'hooks.py'}\n",
        encoding="utf-8",
    )
    return config_path
