"""check's cache: the same report cold, warm and without it; only changed files checked again;
unreadable entries, changed settings and changed neighbour files are misses."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.kb import cli
from scripts.kb.bench.corpus import generate_corpus
from scripts.kb.cache.disk_cache import DAY, keep_days
from scripts.kb.check import cache as check_cache
from scripts.kb.check import formats, run_check
from scripts.kb.check.config import load_settings, settings
from scripts.kb.check.context import Env
from scripts.kb.check.rules import RULES, near_duplicate
from scripts.kb.core.paths import DATA_DIR, DOCS_DIR, ROOT, SNIPPETS_DIR
from tests.check.fixtures import SAMPLE, SAMPLE_PATH, SNIPPET, SNIPPET_PATH, write_tree


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty cache folder, and an empty in-process memory (as in a new process)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    monkeypatch.setattr(check_cache, "_memory", {})
    return folder / check_cache.KIND


def new_process(monkeypatch) -> None:
    """Forget the entries kept in memory, so the next run reads them from disk."""
    monkeypatch.setattr(check_cache, "_memory", {})


def same(a, b) -> None:
    """Two reports are the same: findings (order, text, suppressions), counts and sample models."""
    assert formats.as_json(a) == formats.as_json(b)
    assert formats.text(a) == formats.text(b)
    assert a.files == b.files
    assert a.samples == b.samples


def counts(report) -> tuple[int, int, int]:
    return report.cache.memory_hits, report.cache.disk_hits, report.cache.misses


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Synthetic samples, one copied under the same name into another type's folder (CR001, CR002,
    CR003), one copied with another title and a paragraph less (CR003), and a snippet with a source."""
    root = tmp_path / "corpus"
    samples = generate_corpus(root / "docs", 6, seed=5)
    write_tree(root, {SAMPLE_PATH: SAMPLE, SNIPPET_PATH: SNIPPET})
    twin = root / "docs" / "dangshi" / samples[0].name
    if twin.parent.name == samples[0].parent.name:
        twin = root / "docs" / "annual" / samples[0].name
    shutil.copy(samples[0], twin)
    text = samples[1].read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    del paragraphs[-2]
    near = "\n\n".join(paragraphs).replace("title: ", "title: 改写的", 1)
    (samples[1].parent / "near-copy.md").write_text(near, encoding="utf-8")
    return root


def check(root: Path, **options):
    return run_check(None, root / "docs", root / "snippets", **options)


def test_real_docs_report_the_same_cold_warm_and_without_cache(cache_dir, monkeypatch):
    uncached = run_check(None, DOCS_DIR, SNIPPETS_DIR, use_cache=False)
    assert uncached.cache is None and uncached.samples
    cold = run_check(None, DOCS_DIR, SNIPPETS_DIR)
    assert counts(cold) == (0, 0, cold.files)
    new_process(monkeypatch)
    warm = run_check(None, DOCS_DIR, SNIPPETS_DIR)
    assert counts(warm) == (0, warm.files, 0)
    again = run_check(None, DOCS_DIR, SNIPPETS_DIR)
    assert counts(again) == (again.files, 0, 0)  # the second run in a process reads no entry
    for report in (cold, warm, again):
        same(report, uncached)


def test_a_second_check_in_the_process_scores_no_near_duplicate_pair_again(corpus, cache_dir, monkeypatch):
    """As ``make serve`` checks the tree on each rebuild: CR003 takes the last run's pairs."""
    found = near_duplicate.Found()
    monkeypatch.setattr(near_duplicate, "FOUND", found)
    first = check(corpus)
    scored = found.scored
    assert scored >= 2 and any(f.rule == "CR003" for f in first.findings)
    again = check(corpus, use_cache=False)
    assert found.scored == scored
    same(again, first)


def test_cross_file_findings_are_the_same_from_cached_features(corpus, cache_dir, monkeypatch):
    uncached = check(corpus, use_cache=False)
    assert {"CR001", "CR002", "CR003"} <= {f.rule for f in uncached.findings}
    near = [f for f in uncached.findings if f.rule == "CR003" and "near-copy.md" in f.message + f.path]
    assert len(near) == 2
    cold = check(corpus)
    new_process(monkeypatch)
    warm = check(corpus)
    memory = check(corpus)
    assert counts(cold)[2] == counts(warm)[1] == counts(memory)[0] == uncached.files
    for report in (cold, warm, memory):
        same(report, uncached)
    strict = check(corpus, strict=True)  # severities are stamped after the cache
    assert strict.errors and not strict.warnings
    same(strict, check(corpus, strict=True, use_cache=False))


def test_editing_one_file_checks_only_that_file_again(corpus, cache_dir, monkeypatch):
    check(corpus)
    near = next(corpus.rglob("near-copy.md"))
    near.write_text(SAMPLE.replace("某支部", "另一个支部").split("## 一、")[0], encoding="utf-8")  # no longer a near copy
    edited = check(corpus)
    assert counts(edited) == (edited.files - 1, 0, 1)
    same(edited, check(corpus, use_cache=False))
    assert not any("near-copy.md" in f.path + f.message for f in edited.findings if f.rule == "CR003")
    new_process(monkeypatch)
    assert counts(check(corpus)) == (0, edited.files, 0)


def test_a_change_in_another_file_a_rule_looked_at_is_a_miss(corpus, cache_dir):
    """CR004/CR005 look at a snippet's source sample, SE004 at an included snippet: the snippet or
    page is checked again when those change, though its own bytes did not."""

    def checked():
        report = check(corpus)
        same(report, check(corpus, use_cache=False))
        return report

    page = corpus / "docs" / "guide-include.md"
    page.write_text("# 引用\n\n--8<-- \"later.md\"\n", encoding="utf-8")
    assert ("SE004", page) in {(f.rule, Path(f.path).resolve()) for f in checked().findings}
    (corpus / "snippets" / "later.md").write_text(SNIPPET, encoding="utf-8")
    assert "SE004" not in {f.rule for f in checked().findings}
    source = corpus / SAMPLE_PATH
    source.write_text(SAMPLE.replace("（一）对照党章规定的职责任务方面", "（一）对照党章方面"), encoding="utf-8")
    assert {"CR005"} == {f.rule for f in checked().findings if "snippets" in f.path}
    source.unlink()
    assert "CR004" in {f.rule for f in checked().findings if "snippets" in f.path}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda entry: b"",
        lambda entry: b"not a pickle",
        lambda entry: entry[: len(entry) // 2],
        lambda entry: pickle.dumps(("another key", {"not": "a result"})),
        lambda entry: b"cscripts.kb.check.cache\nNoSuchClass\n.",  # written by a version with other classes
    ],
    ids=["empty", "garbage", "cut-short", "other-key", "old-format"],
)
def test_an_unreadable_entry_is_a_miss(corpus, cache_dir, monkeypatch, spoil):
    cold = check(corpus)
    entries = sorted(cache_dir.glob("*/*.pickle"))
    assert len(entries) == cold.files
    for entry in entries:
        entry.write_bytes(spoil(entry.read_bytes()))
    new_process(monkeypatch)
    again = check(corpus)
    assert counts(again) == (0, 0, again.files)
    same(again, cold)
    new_process(monkeypatch)
    assert counts(check(corpus)) == (0, again.files, 0)  # rewritten


def test_other_settings_are_other_entries(corpus, cache_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    conf = data / "check.yml"
    conf.write_text(conf.read_text(encoding="utf-8").replace("threshold: 0.6", "threshold: 0.99"), encoding="utf-8")
    strict_threshold = load_settings(data)
    default = check(corpus)
    changed = check(corpus, config=strict_threshold)
    assert counts(changed) == (0, 0, changed.files)
    same(changed, check(corpus, config=strict_threshold, use_cache=False))
    assert "0.99" in "".join(f.message for f in changed.findings if f.rule == "CR003")
    assert counts(check(corpus, config=strict_threshold))[2] == 0
    assert counts(check(corpus))[2] == 0  # the default settings' entries are still there
    same(check(corpus), default)


def test_settings_that_cannot_be_fingerprinted_are_not_cached(corpus, cache_dir):
    odd = dataclasses.replace(settings(), raw={**settings().raw, "extra": object()})
    report = check(corpus, config=odd)
    assert report.cache is None and not cache_dir.exists()
    same(report, check(corpus, use_cache=False))


def test_the_fingerprint_is_the_same_in_every_process():
    """Sets and mappings built from sets change their order between processes; the key must not."""
    code = "from scripts.kb.check.cache import fingerprint; from scripts.kb.check.context import Env; " \
           "from scripts.kb.check.config import settings; from pathlib import Path; " \
           "print(fingerprint(Env(settings(), Path('docs'), Path('snippets'))))"
    prints = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1 and len(prints.pop().strip()) == 40


def test_a_new_year_is_a_new_fingerprint():
    """FM006 compares a sample's year with the current one."""
    now = Env(settings(), DOCS_DIR, SNIPPETS_DIR)
    same_year = dataclasses.replace(now, today=now.today.replace(month=1, day=1))
    next_year = dataclasses.replace(now, today=now.today.replace(year=now.today.year + 1, month=1, day=1))
    assert check_cache.fingerprint(now) == check_cache.fingerprint(same_year)
    assert check_cache.fingerprint(now) != check_cache.fingerprint(next_year)


def test_an_unwritable_cache_folder_does_not_stop_check(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker))
    monkeypatch.setattr(check_cache, "_memory", {})
    report = check(corpus)
    assert counts(report)[2] == report.files
    same(report, check(corpus, use_cache=False))


def test_no_cache_option_neither_reads_nor_writes(corpus, cache_dir, capsys):
    args = ["check", "--docs", str(corpus / "docs"), "--snippets", str(corpus / "snippets"), "--format", "json"]
    code = cli.main([*args, "--no-cache"])
    uncached = capsys.readouterr().out
    assert code == 1 and '"CR001"' in uncached  # the planted duplicates are errors
    assert not cache_dir.exists()
    for _ in range(2):  # cold, then warm
        assert cli.main(args) == code
        assert capsys.readouterr().out == uncached and any(cache_dir.glob("*/*.pickle"))


def test_entries_unused_for_long_are_pruned(corpus, cache_dir):
    old, recent = cache_dir / "ab" / "old.pickle", cache_dir / "cd" / "recent.pickle"
    for entry in (old, recent):
        entry.parent.mkdir(parents=True)
        entry.write_bytes(b"")
    past = time.time() - (keep_days() + 1) * DAY
    os.utime(old, (past, past))
    check(corpus)
    assert not old.exists() and recent.exists()
    os.utime(recent, (past, past))
    (corpus / SAMPLE_PATH).write_text(SAMPLE + "\n加强党性修养。\n", encoding="utf-8")
    check(corpus)  # pruned less than a day ago: not again
    assert recent.exists()


def test_rules_look_at_other_files_only_through_the_context():
    """A rule that opened files itself would make cached results stale without the cache knowing."""
    touching = (".is_file(", ".exists(", ".read_text(", ".read_bytes(", "open(", "os.path.", ".stat(", ".glob(", "listdir")
    folder = Path(next(iter(RULES.values())).__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) > len(RULES)  # the rules and their helpers
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not [t for t in touching if t in source], module.name
