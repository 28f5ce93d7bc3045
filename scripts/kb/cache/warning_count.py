"""Counting the warnings MkDocs logs while something runs (what ``--strict`` would count).

Not with ``--quiet``: MkDocs then drops warnings before any handler sees them, which is why the
project never builds with it.
"""

from __future__ import annotations

import logging

LOGGER = "mkdocs"


class WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1

    def attach(self) -> "WarningCounter":
        logging.getLogger(LOGGER).addHandler(self)
        return self

    def detach(self) -> None:
        logging.getLogger(LOGGER).removeHandler(self)
