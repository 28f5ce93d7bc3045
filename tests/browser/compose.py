"""Helpers for the 撰写 page tests: open it, read its blocks, type into a block as a reader does."""

from __future__ import annotations

import re

BLOCK = "section.kb-block"
CHECKED_MS = 3000  # the page checks 400 ms after the last key stroke


def open_compose(page, root: str, path: str = "compose/") -> None:
    page.goto(root + path)
    page.wait_for_selector(BLOCK)
    page.wait_for_selector(".kb-compose-summary")


def headings(page) -> list[str]:
    """Each block's number and title, as shown."""
    return page.locator(BLOCK).evaluate_all(
        "els => els.map(e => e.querySelector('.kb-block-number').textContent + e.querySelector('.kb-block-title').value)")


def block(page, title: str):
    """The block whose title is ``title`` (without its number)."""
    titles = page.locator(".kb-block-title").evaluate_all("els => els.map(e => e.value)")
    return page.locator(BLOCK).nth(titles.index(title))


def block_at(page, index: int):
    return page.locator(BLOCK).nth(index)


def write(page, target, text: str) -> None:
    """Type into a block's text area (replacing what it had) and wait for the check."""
    area = target.locator("textarea.kb-block-body")
    area.fill("")
    area.type(text, delay=0)
    page.wait_for_timeout(50)


def findings(page) -> list[str]:
    """The rule IDs the page lists, once the check after the last change has run."""
    page.wait_for_timeout(600)
    return page.locator(".kb-compose-finding-list li").evaluate_all("els => els.map(e => e.dataset.rule)")


def finding_texts(page) -> list[str]:
    page.wait_for_timeout(600)
    return page.locator(".kb-compose-finding-list li").all_inner_texts()


def number_of(heading: str) -> str:
    return re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", heading).group(0)
