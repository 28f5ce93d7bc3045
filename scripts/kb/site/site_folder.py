"""Emptying the site folder without making the build wait for it.

``mkdocs build`` first deletes everything in the site folder but hidden entries (MkDocs never
writes those, so it leaves them alone), file by file: some 14,000 files at 1,000 samples (pages,
their .gz twins, Word files, the search index), a second or more of a warm build spent waiting on
the disk. Before that (on_pre_build), ``clear`` moves each of those entries into the hidden folder
``.kb-old-site`` inside the site folder (a rename: instant), so MkDocs finds nothing to delete, and
a thread deletes that folder while the build goes on. ``wait`` (on_post_build, before the site's
files are listed for the search index and precompression, and on a failed build) waits for the
thread and deletes whatever is left, so no trace stays in the site. An entry that cannot be moved
stays where it is, for MkDocs to delete as usual.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from pathlib import Path

OLD = ".kb-old-site"

_deleting: list[tuple[threading.Thread, Path]] = []


def clear(site_dir: str | Path) -> None:
    """Move what MkDocs would delete from the site folder aside, and delete it in the background."""
    site = Path(site_dir)
    try:
        entries = [name for name in os.listdir(site) if not name.startswith(".")]
    except OSError:
        return
    old = site / OLD
    aside = old / uuid.uuid4().hex  # apart from what an interrupted build may have left there
    try:
        aside.mkdir(parents=True)
    except OSError:
        return
    for name in entries:
        try:
            os.rename(site / name, aside / name)
        except OSError:
            continue
    thread = threading.Thread(target=shutil.rmtree, args=(old, True), name="kb-old-site")
    thread.start()
    _deleting.append((thread, old))


def wait() -> None:
    """Wait until the old site is deleted."""
    while _deleting:
        thread, old = _deleting.pop()
        thread.join()
        shutil.rmtree(old, ignore_errors=True)
