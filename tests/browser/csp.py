"""A Chromium page that records what must never happen: a dialog, a contributor script's flag
(window.__kbHacked), a Content-Security-Policy violation."""

from __future__ import annotations

from contextlib import contextmanager

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


class Watch:
    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: self.console.append(message.text) if "Content Security Policy" in message.text else None)

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__csp || []") + self.console

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"对话框弹出：{self.dialogs}"
        assert self.page.evaluate("window.__kbHacked") is None, "投稿人的脚本运行了"
        assert self.violations() == [], [text[:160] for text in self.violations()[:3]]


@contextmanager
def watched_page(browser, **context_options):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, **context_options)
    context.add_init_script(RECORD)
    page = context.new_page()
    try:
        yield page, Watch(page)
    finally:
        context.close()
