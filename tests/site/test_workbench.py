"""The 撰写 page's data (site/workbench.py): made from the outline model, the check rules and the
snippets, never retyped; snippet parts small at 1,000 samples; the vendored zip library intact."""

from __future__ import annotations

import base64
import hashlib
import io
import json

import docx
import pytest

from scripts.kb.bench.corpus import generate_corpus
from scripts.kb.check import rules as check_rules
from scripts.kb.check.config import settings
from scripts.kb.contribute.extract import extract
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR
from scripts.kb.core.slug import pinyin_table
from scripts.kb.core.snippet import load_snippets, snippet_data
from scripts.kb.site import workbench
from scripts.kb.site.placeholders import rules as placeholder_rules
from scripts.kb.word.docx_layout import layout

VENDOR = DOCS_DIR / "assets" / "vendor" / "fflate"


def files(samples, snippets) -> dict[str, str]:
    return workbench.workbench_files(samples, snippets, domain(), settings(), placeholder_rules(), snippet_data(), layout(), True,
                                     pinyin_table())


def assigned(script: str):
    """The value a generated script assigns (to a global, or to a part of KB_COMPOSE_SNIPPETS)."""
    start = script.index("] = ") + 4 if script.startswith("(window.KB_COMPOSE_SNIPPETS") else script.index(" = ") + 3
    return json.loads(script[start:-2])


@pytest.fixture(scope="module")
def site_files():
    return files(load_samples(), load_snippets(SNIPPETS_DIR))


def test_outlines_are_the_outline_model_for_every_type_year_and_subject(site_files):
    data = assigned(site_files[workbench.DATA_FILE])
    dom = domain()
    for mt in dom.types:
        exported = next(t for t in data["types"] if t["key"] == mt.key)
        assert [y["year"] for y in exported["years"]] == sorted(mt.frameworks, reverse=True)
        for year in exported["years"]:
            for subject in dom.allow_lists["subjects"]:
                items = build_outline(mt, year["year"], subject, dom)
                assert [(i["level"], i["text"], i["hint"], i["role"], i["area"]) for i in year["outlines"][subject]] == \
                    [(i.level, i.text, i.hint, i.role, i.area) for i in items]
                areas = mt.frameworks[year["year"]].areas_for(subject)
                assert year["coverage"][subject] == [a.name for a in areas]


def test_rule_data_comes_from_the_rule_modules_and_data_files(site_files):
    data = assigned(site_files[workbench.DATA_FILE])
    assert set(data["rules"]) == set(workbench.MIRRORED)
    for rule_id, exported in data["rules"].items():
        module = check_rules.get(rule_id)
        assert (exported["name"], exported["hint"], exported["severity"]) == (module.NAME, module.HINT, settings().severities[rule_id])
        assert exported["messages"] == module.MESSAGES and module.MESSAGES
    assert data["check"]["typos"] == settings().typos
    assert data["check"]["half_width"] == settings()["half_width_punctuation"]
    assert data["placeholders"]["regex"] == placeholder_rules().regex.pattern


def test_every_snippet_is_in_its_type_and_kind_group_newest_first(site_files):
    data = assigned(site_files[workbench.DATA_FILE])
    snippets = load_snippets(SNIPPETS_DIR)
    parts = {path: assigned(text) for path, text in site_files.items() if path.startswith(workbench.SNIPPET_DIR)}
    listed = [entry["slug"] for path, entries in parts.items() if "-area" not in path for entry in entries]
    assert sorted(listed) == sorted(s.slug for s in snippets for _ in s.meeting_types)
    for group, count in data["parts"].items():
        entries = [e for n in range(1, -(-count // data["part_size"]) + 1) for e in parts[f"{workbench.SNIPPET_DIR}/{group}-{n}.js"]]
        assert len(entries) == count
        years = [e["year"] for e in entries]
        assert years == sorted(years, reverse=True)


def test_template_has_one_paragraph_of_each_kind_in_the_layout(site_files):
    template = site_files[workbench.TEMPLATE]
    document = docx.Document(io.BytesIO(base64.b64decode(assigned(template))))
    assert [p.style.name for p in document.paragraphs] == ["Title", "Heading 1", "Heading 2", "Normal", "Normal"]
    assert [p.text for p in document.paragraphs] == [b.text for b in workbench.TEMPLATE_BLOCKS]


def test_vendored_zip_library_matches_its_source_note():
    note = (VENDOR / "SOURCE.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "fflate.min.js").read_bytes()).hexdigest()
    assert f"fflate.min.js sha256: {digest}" in note
    assert (VENDOR / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


@pytest.mark.build
def test_snippet_parts_stay_small_at_1000_samples(tmp_path):
    """1,000 synthetic samples and every snippet `snippets extract` would take from them (about
    34,000): no part the page loads at once grows past what 30 snippets weigh."""
    docs = tmp_path / "docs"
    generate_corpus(docs, 1000, 7)
    samples = load_samples(docs)
    snippets = [s for sample in samples for s in extract(sample)]
    made = files(samples, snippets)
    parts = {p: len(t.encode("utf-8")) for p, t in made.items() if p.startswith(workbench.SNIPPET_DIR)}
    assert len(snippets) > 20_000
    assert max(parts.values()) < 40_000, max(parts.items(), key=lambda item: item[1])
    assert len(made[workbench.DATA_FILE].encode("utf-8")) < 60_000


def test_the_build_hands_the_pinyin_table_only_to_running_workers_and_uses_what_they_made(monkeypatch):
    """A cold build's worker makes the 撰写 page's pinyin table (SiteBuild.start_pinyin), the same as
    the build process would; with no worker running, nothing is handed out."""
    from scripts.kb.core.workers import JOBS
    from scripts.kb.site import site_build

    assert not JOBS.running and site_build.SiteBuild.start_pinyin() is None
    assert site_build.pinyin_in_worker("k") == {"k": pinyin_table()}
    made = {"a": "阿"}
    monkeypatch.setattr(type(JOBS), "running", property(lambda self: True))
    monkeypatch.setattr(JOBS, "start", lambda jobs, settings=None: len(jobs))
    assert site_build.SiteBuild.start_pinyin() == site_build.PINYIN_JOB
    monkeypatch.setattr(JOBS, "take_item", lambda key, item=None: made if key == site_build.PINYIN_JOB else None)
    used = {}
    monkeypatch.setattr(site_build.workbench, "workbench_files", lambda *args: used.setdefault("pinyin", args[-1]) and {})
    monkeypatch.setattr(site_build.pages, "generated_pages", lambda *args: {})
    monkeypatch.setattr(site_build.pages, "sample_header", lambda *args: "")
    monkeypatch.setattr(site_build.LibraryCache, "load", lambda self, signature: None)
    monkeypatch.setattr(site_build.LibraryCache, "save", lambda self, signature, *made: None)
    build = site_build.SiteBuild()
    build.library = site_build.Library([], [], {})
    build._made_from_library("sig", True, site_build.PINYIN_JOB)
    assert used["pinyin"] is made
