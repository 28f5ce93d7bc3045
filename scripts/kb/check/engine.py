"""The core: find the files, read each once, feed the rules, stamp severities, apply suppressions.

The engine knows nothing about any single rule: a rule module says which kinds of file it checks
(SCOPE), whether it needs the decoded text (NEEDS) and yields Problems; cross-file rules see all
files of a whole-tree run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from scripts.kb.check import rules
from scripts.kb.check.config import Settings, settings as default_settings
from scripts.kb.check.context import PAGE, SAMPLE, SNIPPET, Env, FileContext, Problem, build_context
from scripts.kb.paths import DOCS_DIR, SNIPPETS_DIR

SUPPRESS_KEY = "check"  # front matter: check: {RULE-ID: reason}


class UsageError(Exception):
    """A path or option the user gave that cannot be checked (exit 2)."""


@dataclass
class Finding:
    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str
    hint: str
    suppressed: str | None = None  # the reason given in front matter, when suppressed

    def sort_key(self):
        return (self.path, self.line, self.col, self.rule, self.message)


@dataclass
class Report:
    findings: list[Finding]  # every finding, suppressed ones included, sorted
    files: int
    contexts: list[FileContext] = field(default_factory=list)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "warning"]

    @property
    def samples(self):
        return [c.sample for c in self.contexts if c.sample is not None]


def _display(path: Path) -> str:
    """Relative to the working directory when inside it (as CI annotations want), else absolute."""
    cwd = os.path.join(os.getcwd(), "")
    text = str(path)
    return Path(text[len(cwd) :]).as_posix() if text.startswith(cwd) else text


def _inside(path: Path, folder: Path) -> bool:
    return folder == path or folder in path.parents


def classify(path: Path, env: Env) -> tuple[str, str]:
    """The kind of a file and its path relative to its tree."""
    types = env.settings.domain.type_keys
    if _inside(path, env.snippets_dir):
        return SNIPPET, path.relative_to(env.snippets_dir).as_posix()
    if _inside(path, env.docs_dir):
        rel = path.relative_to(env.docs_dir).as_posix()
        parts = rel.split("/")
        return (SAMPLE if len(parts) > 1 and parts[0] in types and path.name != "index.md" else PAGE), rel
    # A file outside both trees (a contributor's draft): judged by the folder it sits in.
    if path.parent.name == env.snippets_dir.name:
        return SNIPPET, path.name
    return (PAGE if path.name == "index.md" else SAMPLE), f"{path.parent.name}/{path.name}"


def collect(paths: list[Path], env: Env) -> list[Path]:
    found: set[Path] = set()
    for given in paths:
        if not given.exists():
            raise UsageError(f"路径不存在：{given}")
        path = given.resolve()
        if path.is_dir():
            found.update(p for p in path.rglob("*.md") if p.is_file())
        else:
            found.add(path)
    return sorted(found)


def _suppressions(ctx: FileContext) -> dict[str, str]:
    value = (ctx.meta or {}).get(SUPPRESS_KEY)
    if not isinstance(value, dict):
        return {}
    return {str(k): v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}


def _applies(module, ctx: FileContext) -> bool:
    if ctx.kind not in module.SCOPE:
        return False
    return ctx.text is not None or getattr(module, "NEEDS", "text") == "bytes"


def run_check(
    paths: list[Path] | None = None,
    docs_dir: Path = DOCS_DIR,
    snippets_dir: Path = SNIPPETS_DIR,
    strict: bool = False,
    config: Settings | None = None,
) -> Report:
    """Check the given files and folders, or the whole docs and snippets trees (then cross-file
    rules run too). Raises UsageError for a path that does not exist."""
    env = Env(config or default_settings(), docs_dir.resolve(), snippets_dir.resolve())
    whole_tree = not paths
    targets = collect([p for p in (docs_dir, snippets_dir) if p.exists()] if whole_tree else paths, env)
    contexts = []
    for path in targets:
        kind, rel = classify(path, env)
        contexts.append(build_context(path, _display(path), kind, rel, env))
    raw: list[tuple[FileContext, str, Problem]] = []
    for module in rules.FILE_RULES:
        for ctx in contexts:
            if _applies(module, ctx):
                raw.extend((ctx, module.ID, problem) for problem in module.check(ctx))
    if whole_tree:
        for module in rules.CORPUS_RULES:
            raw.extend((ctx, module.ID, problem) for ctx, problem in module.check_corpus(contexts, env))
    findings = []
    suppressions = {id(ctx): _suppressions(ctx) for ctx in contexts}
    for ctx, rule_id, problem in raw:
        severity = env.settings.severities[rule_id]
        if strict and severity == "warning":
            severity = "error"
        hint = problem.hint if problem.hint is not None else rules.get(rule_id).HINT
        findings.append(
            Finding(ctx.display, problem.line, problem.col, severity, rule_id, problem.message, hint, suppressions[id(ctx)].get(rule_id))
        )
    findings.sort(key=Finding.sort_key)
    return Report(findings, len(contexts), contexts)
