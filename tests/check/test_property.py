"""Whatever a file holds, check never raises and always exits 0, 1 or 2."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.kb import cli
from scripts.kb.check import run_check

MARKDOWN_BITS = st.sampled_from(
    ["\n", "\n\n", "## ", "### ", "#### ", "一、", "（一）", "(二)", "1.", "（1）", "一是", "二是", "“", "”", "《", "）", "```\n",
     "<div>", "<script>", "](", "[x](http://a.b)", "--8<-- \"", "../", "---\n", ":", ",", "。", "\u200b", "\r\n", "\ufeff", "公.文.思.享", "13812345678"]
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
MARKDOWN = st.lists(st.one_of(MARKDOWN_BITS, TEXT), max_size=40).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT, st.dates())
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
FIELDS = st.sampled_from(["title", "meeting_type", "year", "level", "tags", "framework", "check", "kind", "source", "section", "date"])
FRONT_MATTER = st.dictionaries(st.one_of(FIELDS, TEXT), YAML_VALUES, max_size=8)
FOLDERS = st.sampled_from(["docs/annual", "docs/dangshi", "docs", "snippets"])
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(folder: str, content: bytes) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for sub in ("docs/annual", "docs/dangshi", "snippets"):
            (root / sub).mkdir(parents=True)
        (root / folder / "x.md").write_bytes(content)
        report = run_check(None, root / "docs", root / "snippets")  # must not raise
        assert all(f.line >= 1 and f.col >= 1 for f in report.findings)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check", "--docs", str(root / "docs"), "--snippets", str(root / "snippets"), "--format", "json"])
        assert "内部错误" not in err.getvalue() and "Traceback" not in err.getvalue()
        return code


@QUICK
@given(FOLDERS, st.binary(max_size=400))
def test_random_bytes(folder, content):
    assert _check(folder, content) in (0, 1, 2)


@QUICK
@given(FOLDERS, FRONT_MATTER, MARKDOWN)
def test_random_yaml_front_matter_and_markdown(folder, meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True)
    assert _check(folder, f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass")) in (0, 1, 2)


@QUICK
@given(FOLDERS, MARKDOWN, MARKDOWN)
def test_random_markdown_with_broken_front_matter(folder, head, body):
    assert _check(folder, f"---\n{head}\n---\n{body}".encode("utf-8", "surrogatepass")) in (0, 1, 2)
