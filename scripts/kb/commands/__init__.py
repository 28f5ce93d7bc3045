"""The subcommands, in the order ``--help`` lists them: the name a user types, and the module here
that has its HELP, ``configure(parser)`` and ``run(args)``.

A command's module is imported when that command runs, or when the help lists them all: some import
much (bench and import take about a second between them), and ``check`` runs on every commit.
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = {
    "index": "index",
    "check": "check",
    "snippets": "snippets",
    "export": "export",
    "serve": "serve",
    "bundle": "bundle",
    "import": "import_cmd",
    "new": "new",
    "contributing": "contributing",
    "bench": "bench",
    "search-bench": "search_bench",
}


def load(name: str) -> ModuleType:
    """The module of the command ``name``."""
    return importlib.import_module(f"{__name__}.{MODULES[name]}")
