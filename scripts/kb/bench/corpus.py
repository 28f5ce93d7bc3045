"""Synthetic corpora for scale tests and benchmarks: many samples made from the published ones.

Each synthetic sample draws, role by role, sentences of the published samples' sections and
groups them into new paragraphs under their headings, into a material of about ``target_bytes``
with varied front matter. The text is synthetic (never a "sample material"): corpora are written
only into a folder outside docs/, and the same (n, seed) always gives the same files.

Why sentences: ``check``'s near-duplicate rule (CR003) compares the sets of character shingles of
two samples. The published samples hold only about 70 paragraphs, so whole paragraphs drawn with
replacement made some pairs among 10,000 samples share most of their paragraphs. A sample now
takes, from each role, distinct sentences in an order of its own and at most ``ROLE_SHARE`` of
that role's text; two samples then share about as many sentences as two random subsets of a few
hundred, far below CR003's threshold (tests/bench/test_corpus.py measures it with CR003's own
shingles).
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.kb.check.config import settings
from scripts.kb.core.data import Domain, domain
from scripts.kb.core.model import load_samples, sample_paths
from scripts.kb.core.numbering import chinese_numeral, level_marker, parse_marker
from scripts.kb.core.paths import DOCS_DIR, ROOT

TARGET_BYTES = 15_000
INTRO_BYTES = 600
ROLE_SHARE = 0.4  # the most of one role's source text a sample takes
SENTENCES_PER_PARAGRAPH = (2, 5)
NUMBER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
SENTENCE_END = "。！？"
YEAR = re.compile(r"\d{4}年度?")


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Pool:
    """What one section role offers: H2 texts, H3 texts and sentences."""

    h2: tuple[str, ...] = ()
    h3: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sources:
    """The published samples taken apart: a pool per role, every sentence, and the titles."""

    pools: dict[str, Pool]
    every: tuple[str, ...]
    titles: tuple[str, ...]


def sentences(paragraph: str) -> list[str]:
    """The paragraph cut after each 。！？ (and the closing marks after it) where its paired
    punctuation balances; the rest is kept as a sentence only if it ends like a paragraph may
    (check's sentence_endings) and starts no outline number (a sentence goes anywhere)."""
    conf = settings()
    pairs, closing = conf["paired_punctuation"], conf["closing_marks"]
    found, start, i = [], 0, 0
    while i < len(paragraph):
        i += 1
        if paragraph[i - 1] not in SENTENCE_END:
            continue
        while i < len(paragraph) and paragraph[i] in closing:
            i += 1
        piece = paragraph[start:i]
        if all(piece.count(left) == piece.count(right) for left, right in pairs):
            found.append(piece)
            start = i
    rest = paragraph[start:]
    if rest.rstrip(closing)[-1:] in tuple(conf["sentence_endings"]):
        found.append(rest)
    return [s for s in (s.strip() for s in found) if s and parse_marker(s) is None]


def renumber(text: str) -> str:
    """Inline enumerations (一是…二是…) counted again from 一 in the order they now stand (NU004)."""
    count = 0

    def next_number(match: re.Match) -> str:
        nonlocal count
        count += 1
        return chinese_numeral(count) + match.group(2)

    return settings().enumeration_regex.sub(next_number, text)


def source_pools(source_docs: Path, dom: Domain) -> Sources:
    """Per section role: the H2 texts, H3 texts and sentences of the published samples."""
    samples = load_samples(source_docs, dom)
    if not samples:
        raise CorpusError(f"{source_docs} 里没有范例，无法生成合成语料")
    parts: dict[str, dict[str, list[str]]] = {}
    for sample in samples:
        for section in sample.sections:
            if section.role is None:
                continue
            part = parts.setdefault(section.role.key, {"h2": [], "h3": [], "sentences": []})
            if section.heading:
                part["h2"].append(NUMBER_PREFIX.sub("", section.heading.text))
            part["h3"] += [NUMBER_PREFIX.sub("", t[4:].strip()) for _, t in section.lines if t.startswith("### ")]
            part["sentences"] += [s for p in section.paragraphs for s in sentences(p)]
    pools = {role: Pool(*(tuple(dict.fromkeys(part[k])) for k in ("h2", "h3", "sentences"))) for role, part in parts.items()}
    every = tuple(dict.fromkeys(s for pool in pools.values() for s in pool.sentences))
    return Sources(pools, every, tuple(s.title for s in samples))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def budgets(total: float, caps: dict[str, float]) -> dict[str, float]:
    """``total`` bytes shared equally among the roles, none above its cap; what a capped role
    cannot take goes to the others."""
    result: dict[str, float] = {}
    left = dict(caps)
    while left:
        share = (total - sum(result.values())) / len(left)
        capped = {role: cap for role, cap in left.items() if cap <= share}
        if not capped:
            return result | dict.fromkeys(left, share)
        result |= capped
        left = {role: cap for role, cap in left.items() if role not in capped}
    return result


def _section(rng: random.Random, number: int, name: str, pool: Pool, text: tuple[str, ...], budget: float) -> list[str]:
    """The lines of one H2 section: H3 subsections, each with one paragraph of 2–5 distinct
    sentences of ``text`` taken in an order of this sample's own, together about ``budget`` bytes."""
    blocks: list[list[str]] = []  # [H3 line, sentence, …]
    used, want = 0, 0
    for sentence in rng.sample(text, len(text)):
        if used >= budget - 40:
            break
        if not blocks or len(blocks[-1]) > want:
            if len(blocks) == 99:
                break
            heading = f"### {level_marker(2, len(blocks) + 1)}{rng.choice(pool.h3 or pool.h2 or (name,))}"
            if used + _size(heading) + _size(sentence) > budget:
                continue
            blocks.append([heading])
            used, want = used + _size(heading), rng.randint(*SENTENCES_PER_PARAGRAPH)
        elif used + _size(sentence) > budget:
            continue
        blocks[-1].append(sentence)
        used += _size(sentence)
    if not blocks:  # no sentence fits: the shortest one
        blocks = [[f"### {level_marker(2, 1)}{rng.choice(pool.h3 or pool.h2 or (name,))}", min(text, key=len)]]
    lines = [f"## {level_marker(1, number)}{rng.choice(pool.h2 or (name,))}", ""]
    for heading, *chosen in blocks:
        lines += [heading, "", renumber("".join(chosen)), ""]
    return lines


def synthetic_sample(index: int, seed: int, sources: Sources, dom: Domain, target_bytes: int = TARGET_BYTES) -> tuple[str, str]:
    """(path relative to docs/, file text) of the index-th synthetic sample; depends only on (index, seed)."""
    rng = random.Random(f"{seed}:{index}")
    mt = dom.types[index % len(dom.types)]
    year = rng.choice(sorted(mt.frameworks))
    tags = rng.sample(list(dom.allow_lists["tags"]), rng.randint(2, 5))
    meta = {
        "title": f"合成范例{index:05d}：{year}年度{YEAR.sub('', rng.choice(sources.titles))}",
        "meeting_type": mt.key,
        "year": year,
        "level": rng.choice(dom.allow_lists["levels"]),
        "org_kind": rng.choice(dom.allow_lists["org_kinds"]),
        "subject": rng.choice(dom.allow_lists["subjects"]),
        "framework": mt.frameworks[year].name,
        "tags": tags,
        "source": "合成文本，由已发布范例的标题和句子随机重组而成，仅用于规模测试和基准测试。",
    }
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000) + "---\n"
    intro, used = [], 0
    for sentence in rng.sample(_text(sources, "intro"), len(_text(sources, "intro"))):
        if intro and used + _size(sentence) > INTRO_BYTES:
            break
        intro.append(sentence)
        used += _size(sentence)
    lines = [renumber("".join(intro)), ""]
    roles = [r.key for r in dom.roles if r.key in set(mt.required) | set(mt.recommended) and r.key != "intro"]
    caps = {role: ROLE_SHARE * sum(map(_size, _text(sources, role))) for role in roles}
    shares = budgets(target_bytes - _size(lines[0]), caps)
    for number, role in enumerate(roles, start=1):
        pool = sources.pools.get(role, Pool())
        lines += _section(rng, number, dom.role(role).name, pool, _text(sources, role), shares[role])
    return f"{mt.key}/synthetic-{index:05d}.md", front + "\n".join(lines)


def _text(sources: Sources, role: str) -> tuple[str, ...]:
    """The sentences a role's sections are made of: its own, or every sentence when it has none."""
    return sources.pools.get(role, Pool()).sentences or sources.every


def generate_corpus(dest_docs_dir: Path, n: int, seed: int = 0, source_docs: Path = DOCS_DIR,
                    target_bytes: int = TARGET_BYTES) -> list[Path]:
    """A docs folder with the site's hand-written pages and n synthetic samples; returns the samples.

    The first k samples of a corpus are the same for every n >= k (with the same seed).
    """
    dest = Path(dest_docs_dir).resolve()
    if dest == DOCS_DIR or DOCS_DIR in dest.parents or dest == source_docs.resolve():
        raise CorpusError(f"合成语料不能写进 {source_docs}，请换一个目录")
    dom = domain()
    sources = source_pools(source_docs, dom)
    published = {p.resolve() for p in sample_paths(source_docs, dom)}
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source_docs, dest, ignore=lambda folder, names: [
        name for name in names if (Path(folder) / name).resolve() in published
    ])
    written = []
    for index in range(n):
        rel, text = synthetic_sample(index, seed, sources, dom, target_bytes)
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
