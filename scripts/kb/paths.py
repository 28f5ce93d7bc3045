"""Where things live in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "scripts" / "data"
DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = ROOT / "snippets"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
