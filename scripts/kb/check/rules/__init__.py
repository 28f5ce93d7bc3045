"""The rule registry: one module per rule, keyed by its stable ID.

A rule module has ID, NAME (a short Chinese title), HINT (the default fix hint), SCOPE (the kinds
of file it checks: sample, snippet, page), optionally NEEDS = "bytes" (it also runs on files that
are not UTF-8), and either

- ``check(ctx)`` yielding Problems for one file, or
- (a cross-file rule) ``feature(ctx)`` returning what the rule needs of one file — a picklable
  value, or None for a file it does not compare — and ``check_corpus(features, env)`` taking
  ``{path as findings show it: feature}`` for the files of a whole-tree run, in path order, and
  yielding (path, Problem) pairs.

A rule sees only its FileContext and the run's settings: what it needs of another file it asks
through ``ctx.other_is_file`` or ``ctx.other_bytes``. That is what lets ``check``'s cache
(check/cache.py) keep each file's problems and features until the file, the code, the data or
those other files change. Its docstring documents it with a PASS and a FAIL example. Severities
are not here: they come from scripts/data/rules.yml.
"""

from __future__ import annotations

import importlib
import pkgutil

GROUPS = ("FM", "ST", "NU", "TX", "FL", "SE", "CR")  # the order --list-rules shows


def _load():
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return {m.ID: m for m in sorted(modules, key=lambda m: (GROUPS.index(m.ID[:2]), m.ID))}


RULES = _load()
FILE_RULES = [m for m in RULES.values() if hasattr(m, "check")]
CORPUS_RULES = [m for m in RULES.values() if hasattr(m, "check_corpus")]


def get(rule_id: str):
    """The module of a rule ID; KeyError for an unknown one."""
    return RULES[rule_id]
