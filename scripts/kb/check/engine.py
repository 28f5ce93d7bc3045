"""The core: find the files, read each once, feed the rules, stamp severities, apply suppressions.

The engine knows nothing about any single rule: a rule module says which kinds of file it checks
(SCOPE), whether it needs the decoded text (NEEDS) and yields Problems; cross-file rules take one
feature of each file and compare the features of all files of a whole-tree run. What a file
gives (a FileResult) comes from the cache (check/cache.py) when the file did not change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.kb.check import rules
from scripts.kb.check.cache import CheckCache, FileResult, open_cache
from scripts.kb.check.config import Settings
from scripts.kb.check.config import settings as default_settings
from scripts.kb.check.context import PAGE, SAMPLE, SNIPPET, Env, FileContext, Problem, build_context
from scripts.kb.core.model import Sample
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR
from scripts.kb.core.workers import JOBS, batches, worker_settings

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
    samples: list[Sample] = field(default_factory=list)  # the models of the samples, in path order
    cache: CheckCache | None = None  # its hit and miss counts; None when the cache was not used

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "warning"]


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
    """The Markdown files under the given paths, and every symbolic link there (reported, never
    followed: MkDocs would publish what it points to, wherever that is)."""
    found: set[Path] = set()
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"路径不存在：{given}")
        path = given.parent.resolve() / given.name if given.is_symlink() else given.resolve()
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path):
                here = Path(folder)
                found.update(here / name for name in dirs if (here / name).is_symlink())
                found.update(here / name for name in files if name.endswith(".md") or (here / name).is_symlink())
        else:
            found.add(path)
    return sorted(found)


def _suppressions(ctx: FileContext) -> dict[str, str]:
    value = (ctx.meta or {}).get(SUPPRESS_KEY)
    if not isinstance(value, dict):
        return {}
    return {str(k): v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}


def _applies(module, ctx: FileContext) -> bool:
    needs = getattr(module, "NEEDS", "text")
    if ctx.kind not in module.SCOPE or (ctx.link is not None) != (needs == "link"):
        return False
    return ctx.text is not None or needs in ("bytes", "link")


def _analyse(ctx: FileContext) -> FileResult:
    """Run the file rules on one file and take the cross-file rules' features of it."""
    problems = [(module.ID, problem) for module in rules.FILE_RULES if _applies(module, ctx) for problem in module.check(ctx)]
    features = {module.ID: value for module in rules.CORPUS_RULES if (value := module.feature(ctx)) is not None}
    return FileResult(problems, _suppressions(ctx), ctx.sample, features, ctx.reads)


def _cached(path: Path, env: Env, cache: CheckCache | None) -> tuple[str, FileResult | None] | None:
    """A file's cache key and its result from the cache (None: a miss); None for a link (never
    read: its target may be anywhere) or when no cache is used."""
    if cache is None or path.is_symlink():
        return None
    key = cache.key(path.read_bytes(), path, *classify(path, env))
    return key, cache.get(key)


def _result(path: Path, env: Env, cache: CheckCache | None, cached: tuple[str, FileResult | None] | None) -> FileResult:
    """What one file gives: from the cache (``cached``) when it has the file's bytes under the
    same settings, else from the build's worker that checked it, else checked here."""
    if cached is not None and cached[1] is not None:
        return cached[1]
    kind, rel = classify(path, env)
    if path.is_symlink():
        return _analyse(FileContext(path, kind, rel, b"", env, link=os.readlink(path)))
    raw = path.read_bytes()
    if cache is None:
        return _analyse(build_context(path, raw, kind, rel, env))
    result = JOBS.take_item(_job_key(path), str(path)) or _analyse(build_context(path, raw, kind, rel, env))
    cache.put(cache.key(raw, path, kind, rel), result)  # the bytes read now (the file may have changed since _cached)
    return result


def _job_key(path: Path) -> str:
    return f"check:{path}"


def check_in_worker(paths: list[Path], env: Env) -> dict[str, FileResult]:
    """In a worker process: the results of these files (none a link), checked as _result does."""
    return {str(path): _analyse(build_context(path, path.read_bytes(), *classify(path, env), env)) for path in paths}


def _hand_out(targets: list[Path], env: Env) -> None:
    """When the build's worker processes run (a cold build starts them before check), hand them
    these files (those the cache lacks), the last first, in jobs of ``pages_per_job``: this process
    checks from the first, taking what the workers have done (scripts/kb/core/workers.py)."""
    if not JOBS.running:
        return
    shared = replace(env, cache={})  # the workers' own lookups
    JOBS.start([(tuple(map(_job_key, chunk)), check_in_worker, (chunk, shared))
                for chunk in batches(targets[::-1], worker_settings().pages_per_job)])


def run_check(
    paths: list[Path] | None = None,
    docs_dir: Path = DOCS_DIR,
    snippets_dir: Path = SNIPPETS_DIR,
    strict: bool = False,
    config: Settings | None = None,
    use_cache: bool = True,
) -> Report:
    """Check the given files and folders, or the whole docs and snippets trees (then cross-file
    rules run too). Unchanged files are not checked again unless use_cache is False. Raises
    UsageError for a path that does not exist."""
    env = Env(config or default_settings(), docs_dir.resolve(), snippets_dir.resolve())
    whole_tree = not paths
    targets = collect([p for p in (docs_dir, snippets_dir) if p.exists()] if whole_tree else paths, env)
    cache = open_cache(env) if use_cache else None
    cached = [_cached(path, env, cache) for path in targets]
    _hand_out([path for path, found in zip(targets, cached) if found is not None and found[1] is None], env)
    results = [_result(path, env, cache, found) for path, found in zip(targets, cached)]
    if cache:
        cache.finish()
    displays = [_display(path) for path in targets]
    raw: list[tuple[int, str, Problem]] = [(i, rule_id, problem) for i, result in enumerate(results) for rule_id, problem in result.problems]
    if whole_tree:
        index = {display: i for i, display in enumerate(displays)}
        for module in rules.CORPUS_RULES:
            features = {displays[i]: r.features[module.ID] for i, r in enumerate(results) if module.ID in r.features}
            raw.extend((index[display], module.ID, problem) for display, problem in module.check_corpus(features, env))
    findings = []
    for i, rule_id, problem in raw:
        severity = env.settings.severities[rule_id]
        if strict and severity == "warning":
            severity = "error"
        hint = problem.hint if problem.hint is not None else rules.get(rule_id).HINT
        suppressed = None if rule_id in env.settings.unsuppressible else results[i].suppressions.get(rule_id)
        findings.append(Finding(displays[i], problem.line, problem.col, severity, rule_id, problem.message, hint, suppressed))
    findings.sort(key=Finding.sort_key)
    return Report(findings, len(targets), [r.sample for r in results if r.sample is not None], cache)
