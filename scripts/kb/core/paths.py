"""Where things live in the repository."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The domain data (YAML); $KB_DATA_DIR points to a copy (tests add a year to one, with no code change).
DATA_DIR = Path(os.environ.get("KB_DATA_DIR") or ROOT / "scripts" / "data")
DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = ROOT / "snippets"
TEMPLATES_DIR = ROOT / "scripts" / "kb" / "templates"


def snippets_dir_for(docs_dir: Path) -> Path:
    """The snippets folder that belongs to a docs folder: its sibling (the repository's own, or a
    synthetic corpus's)."""
    return docs_dir.resolve().parent / "snippets"


def cache_dir(kind: str) -> Path:
    """A build cache folder (ignored by git, safe to delete): .cache/<kind>/ in the repository, or
    under $KB_CACHE_DIR when set (the benchmark and tests use their own)."""
    base = os.environ.get("KB_CACHE_DIR")
    return (Path(base) if base else ROOT / ".cache") / kind
