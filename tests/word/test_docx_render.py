"""One rendered check: LibreOffice turns an exported sample into a PDF that looks like the sample."""

from __future__ import annotations

import re
import shutil
import subprocess

from scripts.kb.core.model import load_samples
from scripts.kb.site import downloads
from scripts.kb.word.docx_layout import layout
from tests.conftest import require_tool

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
LINES_PER_PAGE = 22


def test_libreoffice_renders_a_plausible_number_of_pages_starting_with_the_title(tmp_path):
    require_tool(SOFFICE, "LibreOffice（soffice）")
    require_tool("/usr/bin/pdftotext", "poppler-utils（pdftotext）")
    sample = max(load_samples(), key=lambda s: s.path.stat().st_size)
    download = downloads.sample_download(sample, layout())
    source = tmp_path / "sample.docx"
    source.write_bytes(downloads.document_bytes(download, layout()))
    profile = tmp_path / "profile"  # a private profile: other soffice processes may be running
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "sample.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert re.search(r"^Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info, re.M)

    # Expected pages: each paragraph takes ceil(chars / chars-per-line) lines of 22 a page.
    body = layout().font("body").size_pt
    width_pt = (layout().page["width_mm"] - layout().page["margin_left_mm"] - layout().page["margin_right_mm"]) / 25.4 * 72
    per_line = int(width_pt // body)
    lines = sum(-(-(len(b.text) + 2) // per_line) for b in download.blocks) + 2
    expected = lines / LINES_PER_PAGE
    assert 0.8 * expected <= pages <= 1.25 * expected + 1, (pages, expected)

    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert re.sub(r"\s+", "", first_page).startswith(re.sub(r"\s+", "", sample.title))
    last_page = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert f"— {pages} —" in last_page
