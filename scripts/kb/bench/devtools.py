"""Chromium driven over a bare DevTools pipe, for timing what a reader's browser does.

Playwright enables the network and worker domains of every page it drives: each request of the page
and of its workers is reported to it as it happens. That is what makes its request events and
routes work, and it costs time inside the browser: 33 searches of 10,000 samples, each loading about
8 small files in two waves, took a median of 65-82 ms (slowest 109-191 ms) under Playwright and
36-52 ms (slowest 61-81 ms) here (the same queries, typed by the same script in the page, on a
2-core machine). A reader's browser has no debugger
attached, so the search evaluation times its queries here: Chromium is started with
``--remote-debugging-pipe`` and told only to open a page, run a script on each new document, and
evaluate an expression, with no domain that reports requests.

Messages on the pipe are JSON, each ended by a NUL byte; Chromium reads commands on its file
descriptor 3 and writes replies and events on 4 (events are read and dropped).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--window-size=1280,900", "--lang=zh-CN"]
COMMAND_FD, REPLY_FD = 3, 4
TIMEOUT_S = 120.0


class DevToolsError(Exception):
    """Chromium is missing, stopped, or answered a command with an error."""


class Browser:
    """A running Chromium and its pipe; ``open`` gives pages."""

    def __init__(self, process: subprocess.Popen, commands: int, replies: int):
        self.process = process
        self._commands = commands
        self._replies = replies
        self._buffer = b""
        self._last_id = 0

    def call(self, method: str, session: str | None = None, timeout: float = TIMEOUT_S, **params) -> dict:
        """Send one command and wait for its reply (events that come meanwhile are dropped)."""
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._commands, json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise DevToolsError(f"Chromium 已退出（{method}：{exc}）") from None
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next_message(deadline, method)
            if reply.get("id") != self._last_id:
                continue
            if "error" in reply:
                raise DevToolsError(f"Chromium 拒绝了 {method}：{reply['error'].get('message', reply['error'])}")
            return reply.get("result", {})

    def _next_message(self, deadline: float, method: str) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise DevToolsError(f"Chromium 在时限内没有回答 {method}")
            ready, _, _ = select.select([self._replies], [], [], 0.5)
            if not ready:
                continue
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise DevToolsError(f"Chromium 已退出（{method}）")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def open(self, url: str, init_script: str = "") -> "Tab":
        """A page in a browser context of its own (its own cache and storage), running
        ``init_script`` on each new document before the page's scripts, navigated to ``url``; returns
        once the new document exists."""
        context = self.call("Target.createBrowserContext")["browserContextId"]
        target = self.call("Target.createTarget", url="about:blank", browserContextId=context)["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, context, session)
        self.call("Page.enable", session)  # without it, the script below is not run
        if init_script:
            self.call("Page.addScriptToEvaluateOnNewDocument", session, source=init_script)
        navigated = self.call("Page.navigate", session, url=url)
        if navigated.get("errorText"):
            tab.close()
            raise DevToolsError(f"Chromium 打不开 {url}：{navigated['errorText']}")
        deadline = time.monotonic() + TIMEOUT_S
        while tab.evaluate("location.href") == "about:blank":
            if time.monotonic() > deadline:
                raise DevToolsError(f"Chromium 在时限内没有打开 {url}")
            time.sleep(0.02)
        return tab


class Tab:
    """A page that ``Browser.open`` gave, with its browser context and DevTools session."""

    def __init__(self, browser: Browser, context: str, session: str):
        self.browser = browser
        self.context = context
        self.session = session

    def evaluate(self, expression: str, timeout: float = TIMEOUT_S):
        """The value of ``expression`` in the page (a promise is awaited), as JSON gives it."""
        result = self.browser.call("Runtime.evaluate", self.session, timeout=timeout, expression=expression,
                                   awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise DevToolsError(f"页面里的脚本出错：{details.get('exception', {}).get('description') or details.get('text')}")
        return result["result"].get("value")

    def wait_for_load(self) -> None:
        """Returns once the page's load event has fired."""
        self.evaluate("document.readyState === 'complete' || new Promise(loaded => addEventListener('load', loaded))")

    def close(self) -> None:
        self.browser.call("Target.disposeBrowserContext", browserContextId=self.context)


def _high(fd: int) -> int:
    """The same pipe end on a descriptor of 10 or more (so that the shell's redirections to 3 and 4
    cannot overwrite it)."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


@contextmanager
def chromium(executable: str = CHROMIUM) -> Iterator[Browser]:
    """A headless Chromium on a DevTools pipe, stopped (and its profile removed) on leaving."""
    if not shutil.which(executable):
        raise DevToolsError(f"找不到 Chromium（{executable}）：先运行 make system-deps")
    profile = tempfile.mkdtemp(prefix="kb-chromium-")
    command_read, command_write = map(_high, os.pipe())
    reply_read, reply_write = map(_high, os.pipe())
    # bash puts Chromium's ends on COMMAND_FD and REPLY_FD (preexec_fn is unsafe with threads; dash
    # takes no descriptor above 9).
    redirect = f'exec "$@" {COMMAND_FD}<&{command_read} {REPLY_FD}>&{reply_write} {command_read}<&- {reply_write}>&-'
    process = subprocess.Popen(["/bin/bash", "-c", redirect, "bash", executable, *FLAGS, "--remote-debugging-pipe",
                                f"--user-data-dir={profile}", "about:blank"],
                               pass_fds=(command_read, reply_write), start_new_session=True,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(command_read)
    os.close(reply_write)
    try:
        yield Browser(process, command_write, reply_read)
    finally:
        os.close(command_write)  # Chromium quits when its command pipe closes
        os.close(reply_read)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # and whatever it started, which may outlive it
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)
