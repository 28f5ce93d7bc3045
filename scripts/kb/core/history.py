"""When each sample was added: the date of the commit that first added its file (from git)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def added_dates(docs_dir: Path) -> dict[str, str]:
    """First-commit date (YYYY-MM-DD) of each committed file under docs_dir, by path relative to it.

    One ``git log`` over the folder's history; outside a git checkout (a tarball, a temporary
    corpus) the answer is empty and every sample counts as not yet committed.
    """
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--diff-filter=A", "--no-renames", "--relative", "--name-only", "--format=%x00%cs", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():  # newest commit first: the last date seen is the first add
        if line.startswith("\0"):
            date = line[1:]
        elif line.strip():
            dates[line.strip()] = date
    return dates
