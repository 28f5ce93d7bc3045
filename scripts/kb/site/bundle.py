"""The offline bundle: the site built with mkdocs-offline.yml and packed as a zip for file:// use.

The zip holds one folder (``FOLDER``) with the site; a reader unzips it anywhere (a shared folder,
a USB stick) and opens ``index.html``. The zip is reproducible: entries sorted, fixed timestamps
and permissions, so the same sources always give the same bytes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from scripts.kb.core.paths import ROOT

OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
FOLDER = "zuzhishenghuohui"
DEFAULT_ZIP = ROOT / "dist" / f"{FOLDER}-offline.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry

# A check finding listed under the hook's "check 发现 N 个错误" message.
FINDING = re.compile(r":\d+:\d+: (?:error|warning) ")


class BuildFailed(Exception):
    """mkdocs refused to build the bundle; ``problems`` are its warning and error lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def build_offline(site_dir: Path, config: Path = OFFLINE_CONFIG) -> None:
    """Build the offline site strictly into site_dir (a subprocess, exactly as `make build` runs)."""
    result = subprocess.run(
        # Not --quiet: MkDocs drops warnings below the log level before --strict counts them.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        lines = [line.strip() for line in (result.stderr + result.stdout).splitlines()]
        problems = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error", "Aborted")) or FINDING.search(line)]
        raise BuildFailed(problems or lines[-10:])


def pack(site_dir: Path, zip_path: Path, folder: str = FOLDER) -> int:
    """Zip site_dir under ``folder/``; written to a temporary name first, so a failure leaves no
    partial zip. Returns the number of files packed."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=zip_path.parent, prefix=".bundle-", suffix=".zip")
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", ZIP_DATE)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, path.read_bytes(), compresslevel=9)
        os.replace(partial, zip_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return len(files)


def make_bundle(zip_path: Path = DEFAULT_ZIP, config: Path = OFFLINE_CONFIG) -> int:
    """Build the offline site in a temporary folder and pack it; returns the number of files."""
    with tempfile.TemporaryDirectory(prefix="kb-bundle-") as tmp:
        site_dir = Path(tmp) / "site"
        build_offline(site_dir, config)
        return pack(site_dir, zip_path)
