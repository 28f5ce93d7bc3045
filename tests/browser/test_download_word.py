"""Clicking 下载 Word on a sample page downloads the .docx under its Chinese name, served as Word."""

from __future__ import annotations

from urllib.parse import urljoin

import docx

from scripts.kb.core.model import load_samples
from scripts.kb.site import downloads
from scripts.kb.word.docx_layout import layout


def test_download_word_button_gives_the_docx_with_its_chinese_name(page, site_url, tmp_path):
    sample = max(load_samples(), key=lambda s: len(s.title))  # the longest title, with quotes and 、
    page.goto(urljoin(site_url, sample.url))
    button = page.get_by_role("link", name="下载 Word")
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"{sample.title}.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == downloads.document_bytes(downloads.sample_download(sample, layout()), layout())
    assert docx.Document(str(saved)).paragraphs[0].text == sample.title

    response = page.request.get(urljoin(page.url, button.get_attribute("href")))
    assert response.status == 200
    assert response.headers["content-type"] == downloads.MIME_TYPE
