"""``check``: the validator of samples, snippets and pages.

Rules are modules in ``rules/`` (one per rule, stable IDs); severities and everything a rule
knows about the domain come from YAML under scripts/data/. ``run_check`` returns a Report; the
formats in ``formats`` print it. Files that did not change are not checked again (``cache``).
"""

from scripts.kb.check.engine import Finding, Report, UsageError, run_check

__all__ = ["Finding", "Report", "UsageError", "run_check"]
