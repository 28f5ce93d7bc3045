"""The 撰写 page's live checks find what `python -m scripts.kb check` finds: same rule IDs, lines,
columns and messages, on drafts drawn at random (fixed seed) with the slips writers make; and it
names the downloads as `import` names files."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import defaultdict

import pytest

from scripts.kb.check.config import settings
from scripts.kb.core.data import domain
from scripts.kb.core.numbering import level_marker
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import ROOT, SNIPPETS_DIR
from scripts.kb.core.slug import pinyin_slug
from scripts.kb.site.workbench import MIRRORED
from tests.browser.compose import open_compose
from tests.core.test_slug import random_title

SEED = 20261201
DRAFTS = 160
PHRASES = ["理论学习不够深入", "思想认识存在差距", "联系服务群众不够经常", "工作作风不够扎实", "组织生活质量不高",
           "党员教育管理不够严格", "落实上级部署有偏差", "政治引领作用发挥不够", "学习贯彻党的创新理论", "坚持问题导向"]
WRONG_MARKERS = ["(一)", "一.", "一，", "（三）", "1.", "1、", "(2)", "二、"]


def sentence(rng: random.Random) -> str:
    words = rng.sample(PHRASES, rng.randint(1, 3))
    text = "，".join(words)
    if rng.random() < 0.15:  # a half-width mark between Chinese characters
        at = text.index("，") if "，" in text else len(words[0]) // 2
        text = text[:at] + rng.choice(list(settings()["half_width_punctuation"])) + text[at + 1:]
    if rng.random() < 0.1:  # an unbalanced pair
        text = rng.choice(["“", "《", "（", "”", "》"]) + text
    if rng.random() < 0.1:
        text += rng.choice(sorted(settings().typos))
    if rng.random() < 0.05:
        text += "(3)项"
    return text + "。"


def paragraph(rng: random.Random) -> str:
    text = sentence(rng)
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(["1.", "2.", "（1）", "(2)", "一、", "三、", "（一）"]) + text
    if roll < 0.18:
        return settings()["hint_prefix"] + text
    return text


def random_draft(rng: random.Random) -> tuple[str, str]:
    """(meeting type, Markdown) of a contribution as the page writes it, with slips."""
    dom = domain()
    mt = rng.choice(dom.types)
    year = rng.choice(sorted(mt.frameworks))
    subject = rng.choice(dom.allow_lists["subjects"])
    items = [i for i in build_outline(mt, year, subject, dom) if rng.random() > 0.15]
    if len(items) > 2 and rng.random() < 0.3:
        a, b = rng.sample(range(len(items)), 2)
        items[a], items[b] = items[b], items[a]
    framework = mt.frameworks[year]
    meta = {"title": f"随机草稿{rng.randint(1, 10**6)}", "meeting_type": mt.key, "year": year,
            "level": "TODO" if rng.random() < 0.2 else "县级", "org_kind": "TODO" if rng.random() < 0.2 else "党政机关",
            "subject": subject, "framework": framework.name, "tags": ["TODO"] if rng.random() < 0.1 else ["理论学习"],
            "source": "测试用的合成文本。"}
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()] + ["---"]
    counters = [0, 0]
    for item in items:
        counters[item.level - 1] += 1
        if item.level == 1:
            counters[1] = 0
        marker = level_marker(item.level, counters[item.level - 1])
        if rng.random() < 0.1:
            marker = rng.choice(WRONG_MARKERS)
        lines += ["", "#" * (item.level + 1) + " " + marker + item.text]
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            lines += ["", paragraph(rng)]
    return mt.key, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def drafts():
    rng = random.Random(SEED)
    return [random_draft(rng) for _ in range(DRAFTS)]


def test_browser_checks_match_the_check_command(browser, site_url, drafts, tmp_path):
    docs = tmp_path / "docs"
    names = []
    for index, (type_key, text) in enumerate(drafts):
        path = docs / type_key / f"draft-{index:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        names.append(f"{type_key}/{path.name}")
    result = subprocess.run([sys.executable, "-m", "scripts.kb", "check", "--format", "json", "--no-cache",
                             "--docs", str(docs), "--snippets", str(SNIPPETS_DIR), str(docs)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    python = defaultdict(list)
    for f in json.loads(result.stdout):
        if f["rule"] in MIRRORED:
            python[f["path"].split("docs/", 1)[-1]].append((f["line"], f["column"], f["rule"], f["message"]))

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    open_compose(page, site_url)
    found = page.evaluate("texts => texts.map(t => KBComposeCheck.run(t, KB_COMPOSE_DATA))", [t for _, t in drafts])
    context.close()
    browser_side = {name: sorted((f["line"], f["col"], f["rule"], f["message"]) for f in findings)
                    for name, findings in zip(names, found)}

    rules_seen = {rule for findings in python.values() for _, _, rule, _ in findings}
    assert rules_seen == set(MIRRORED), f"the random drafts should exercise every mirrored rule: {set(MIRRORED) - rules_seen}"
    mismatched = [(name, sorted(python.get(name, [])), browser_side[name]) for name in names
                  if sorted(python.get(name, [])) != browser_side[name]]
    assert not mismatched, mismatched[:3]


def test_download_names_are_the_names_import_gives(browser, site_url):
    rng = random.Random(SEED)
    titles = [title for title in (random_title(rng) for _ in range(300)) if title.strip()]
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    open_compose(page, site_url)
    names = page.evaluate("titles => titles.map(t => KBCompose.fileName(KB_COMPOSE_DATA, {title: t, year: 2022, type: 'annual', fields: {}}))", titles)
    context.close()
    assert names == [f"2022-annual-{pinyin_slug(t) or 'draft'}" for t in titles]
