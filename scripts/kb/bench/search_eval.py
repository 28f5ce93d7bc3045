"""How well and how fast the site's search finds phrases, measured in Chromium on a built site.

Phrases are drawn at random (fixed seed) from the samples' published text, as the index holds it
(search/kb/t/*.js): lengths 2 to 8, half of them aligned with jieba's words and half starting or
ending inside a word, each occurring in exactly one sample. Absent phrases join two of the site's
own words (A+B) where the pair occurs on no page. Each phrase is typed into the header search box,
online (served as deployed: nginx with deploy/nginx.conf, or a Python server where there is no
nginx) or from file:// (the offline bundle), as a reader would, one after the other in one page.
The run reports: found at all, first result right (the sample that holds it), results for absent
phrases, each later query's time (in the page, from the keyup to the answer; and as Python sees
it), the bytes the browser loaded (as gzip, the way the web server sends them) and the renderer
memory the searching added to the loaded page. The time from page open to the first result is
measured apart, over several opens of the page, with the query typed as soon as the page can take it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import random
import re
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.kb.bench import deployed
from scripts.kb.search import phrase_index

LENGTHS = range(2, 9)
WORD_SOURCES = 50  # samples whose words make the absent phrases (jieba is slow on a whole large corpus)
WORDLIKE = re.compile(r"^[\w\u3400-\u9fff]+$")
SEARCH_INPUT = "input.md-search__input"
META = ".md-search-result__meta"
IDLE = ["键入以开始搜索", "正在初始化搜索引擎"]  # material's Chinese texts while no result is shown
# Records, in the page, when results appear: the first result in milliseconds since the page's
# navigation started (window.__kbFirstResult), and each query's time from the keyup that sent it
# (the search box's value then) to the result meta showing its answer (window.__kbQueries: {query: ms}).
# The box is emptied between queries, so the meta shows an idle text before each answer; a change
# counts for the query that the box holds when it happens, and only once.
QUERY_CLOCK = """
window.__kbFirstResult = null;
window.__kbQueries = {};
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("%(input)s");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector("%(meta)s");
  if (!input || !list || !meta) return;
  const idle = %(idle)s;
  let pending = null;
  input.addEventListener("keyup", () => {
    const query = input.value.trim();
    if (query && !(query in window.__kbQueries) && (!pending || pending.query !== query)) {
      pending = { query, start: performance.now() };
    }
  }, true);
  new MutationObserver(() => {
    if (window.__kbFirstResult === null && list.children.length) window.__kbFirstResult = performance.now();
  }).observe(list, { childList: true });
  new MutationObserver(() => {
    const text = meta.textContent.trim();
    if (pending && text && !idle.includes(text) && input.value.trim() === pending.query) {
      window.__kbQueries[pending.query] = performance.now() - pending.start;
      pending = null;
    }
  }).observe(meta, { childList: true, characterData: true, subtree: true });
});
""" % {"input": SEARCH_INPUT, "meta": META, "idle": json.dumps(IDLE, ensure_ascii=False)}
# Types the first query (%s: its JSON) the moment the page can take it: once it has been parsed and
# material's handlers, which start at DOMContentLoaded, are in place. A reader who types at once
# waits this long; through Playwright (click, keys, polling: several round trips to the browser)
# the same query would start 0.3-0.6 s later on this machine, time the site does not spend.
FIRST_QUERY = """
document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
  const input = document.querySelector("%(input)s");
  if (!input) return;
  input.focus();
  input.value = %%s;
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
}, 0));
""" % {"input": SEARCH_INPUT}
# Page opens timed to the first result: one open varies by a third on a shared machine; the report
# gives the median and the slowest.
FIRST_OPENS = 5


@dataclass
class Phrase:
    text: str
    holders: list[str]  # the samples holding it (empty for an absent phrase)
    aligned: bool


@dataclass
class Outcome:
    phrase: str
    holders: list[str]
    aligned: bool
    links: list[str]
    ms: float  # in the page: from the keyup that sent the query to its answer
    roundtrip_ms: float  # in this process: from typing the query to seeing its answer through Playwright

    @property
    def found(self) -> bool:
        return any(link in self.holders for link in self.links)

    @property
    def first_right(self) -> bool:
        return bool(self.links) and self.links[0] in self.holders


@dataclass
class FirstOpen:
    seconds: float  # from opening the page to the first result
    query_ms: float  # from the query's keyup to its answer
    bytes: int  # the site's files loaded by then, as gzip


@dataclass
class Report:
    mode: str
    phrases: int
    found: int
    first_right: int
    absent: int
    absent_with_results: int
    first_result_seconds: float  # from the page's navigation start: the median of FIRST_OPENS page opens
    first_result_max_seconds: float  # the slowest of them
    first_query_ms: float  # the first query alone: from its keyup (FIRST_QUERY) to its first result
    later_query_ms_median: float  # each later query, in the page: keyup to answer
    later_query_ms_p90: float
    later_query_ms_max: float
    later_roundtrip_ms_median: float  # the same, seen from Python (typing, then polling through Playwright)
    later_roundtrip_ms_max: float
    first_query_bytes: int
    total_bytes: int
    search_mb: float  # growth of the renderer's private memory while searching
    misses: list[dict] = field(default_factory=list)
    query_ms: list[list] = field(default_factory=list)  # each query: [phrase, ms in the page, ms seen from Python]

    def lines(self) -> list[str]:
        return [
            f"[{self.mode}] 找到 {self.found}/{self.phrases}，首条正确 {self.first_right}/{self.phrases}，"
            f"不存在的短语有结果 {self.absent_with_results}/{self.absent}",
            f"[{self.mode}] 打开页面到第一条结果 {self.first_result_seconds:.2f} 秒（{FIRST_OPENS} 次打开的中位数，最慢 "
            f"{self.first_result_max_seconds:.2f} 秒；页面解析完即输入第一个查询，输入到结果 "
            f"{self.first_query_ms:.0f} ms），第一次查询传输 {self.first_query_bytes / 1e6:.2f} MB（gzip），"
            f"共传输 {self.total_bytes / 1e6:.2f} MB，搜索占用内存 {self.search_mb:.0f} MB",
            f"[{self.mode}] 之后每次查询（页面内，从按键到结果）中位数 {self.later_query_ms_median:.0f} ms、"
            f"90% {self.later_query_ms_p90:.0f} ms、最长 {self.later_query_ms_max:.0f} ms；"
            f"从 Python 经 Playwright 看（含输入和轮询）中位数 {self.later_roundtrip_ms_median:.0f} ms、"
            f"最长 {self.later_roundtrip_ms_max:.0f} ms",
            *(f"[{self.mode}]   首条不对：{m['phrase']} → {m['links'][:3]}（应为 {m['holders'][:3]}）" for m in self.misses[:10]),
        ]


def sample_texts(site_dir: Path) -> dict[str, str]:
    """Each sample's published text (title, headings, sections), by its URL."""
    samples = phrase_index.read_part(site_dir, "manifest")["samples"]
    return dict(map(functools.partial(_page_text, site_dir), range(samples)))


def _page_text(site_dir: Path, page_id: int) -> tuple[str, str]:
    """A page's URL and text."""
    url, title, sections = phrase_index.read_page(site_dir, page_id)
    return url, phrase_index.page_text(title, sections)


def _words(text: str):
    """jieba's words of a text, with their start offsets."""
    import jieba

    jieba.setLogLevel(60)
    at = 0
    for word in jieba.cut(text):
        yield at, word
        at += len(word)


def draw_phrases(texts: dict[str, str], per_length: int, seed: int = 0, unique: bool = True) -> list[Phrase]:
    """``per_length`` phrases of each length 2..8 (half aligned with jieba's words, half mid-word),
    each in exactly one sample (``unique``), else in any number of samples."""
    rng = random.Random(seed)
    normalized = {url: phrase_index.normalize(text) for url, text in texts.items()}
    lines = [(url, line) for url, text in sorted(texts.items()) for line in text.split("\n") if len(line) >= 8]
    chosen: list[Phrase] = []
    for length in LENGTHS:
        for k in range(per_length):
            aligned = k % 2 == 0
            for _ in range(2000):
                url, line = rng.choice(lines)
                starts = [at for at, _ in _words(line)] + [len(line)]
                bounds = set(starts)
                start = rng.choice(starts[:-1]) if aligned else rng.randrange(0, len(line) - length + 1)
                text = line[start:start + length]
                if len(text) < length or not WORDLIKE.match(text):
                    continue
                if aligned != (start in bounds and start + length in bounds):
                    continue
                needle = phrase_index.normalize(text)
                holders = [u for u, t in normalized.items() if needle in t]
                if (unique and holders != [url]) or any(p.text == text for p in chosen):
                    continue
                chosen.append(Phrase(text, holders, aligned))
                break
    return chosen


def draw_absent(texts: dict[str, str], every_text: str, count: int, seed: int = 0) -> list[Phrase]:
    """``count`` phrases A+B of two of the samples' words (2+ characters, from up to WORD_SOURCES
    samples drawn at random) that occur nowhere on the site."""
    rng = random.Random(seed + 1)
    sources = sorted(texts)
    sources = rng.sample(sources, min(len(sources), WORD_SOURCES))
    words = sorted({w for url in sources for _, w in _words(texts[url]) if len(w) >= 2 and WORDLIKE.match(w)})
    haystack = phrase_index.normalize(every_text)
    absent: list[Phrase] = []
    while words and len(absent) < count:
        text = rng.choice(words) + rng.choice(words)
        if phrase_index.normalize(text) not in haystack and all(p.text != text for p in absent):
            absent.append(Phrase(text, [], False))
    return absent


def all_text(site_dir: Path) -> str:
    pages = len(phrase_index.read_part(site_dir, "manifest")["pages"])
    return "\n".join(_page_text(site_dir, page_id)[1] for page_id in range(pages))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site_dir: Path):
    """A loopback HTTP server for the site; returns (url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


@contextmanager
def served(site_dir: Path) -> Iterator[tuple[str, str]]:
    """The site's address and the server's name while it is served: by nginx as deployed, or by
    the Python server where there is no nginx. Raises deployed.ServerError if nginx fails."""
    if not deployed.NGINX.exists():
        url, server = serve(site_dir)
        try:
            yield url, "Python http.server（本机没有 nginx）"
        finally:
            server.shutdown()
        return
    with deployed.nginx_site(site_dir) as url:
        yield url, "nginx（deploy/nginx.conf）"


def _gzip_size(path: Path) -> int:
    twin = path.with_name(path.name + ".gz")
    if twin.is_file():
        return twin.stat().st_size
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _renderer_mb() -> float:
    """Private memory (Private_Clean + Private_Dirty) of the Chromium renderer processes this Python
    process started: the page, and the search worker that runs inside the page's renderer."""
    children, total = {}, 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(pid))
        except (OSError, IndexError):
            continue
    todo, mine = [os.getpid()], []
    while todo:
        kids = children.get(todo.pop(), [])
        mine += kids
        todo += kids
    for pid in mine:
        try:
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total += sum(int(kb) for kb in re.findall(r"Private_(?:Clean|Dirty):\s+(\d+)", rollup))
        except (OSError, AttributeError):
            continue
    return total / 1024


def _answer_ms(page, query: str) -> float:
    """Wait for the query's answer; its time in the page (keyup to answer, QUERY_CLOCK), in ms."""
    return page.wait_for_function("query => window.__kbQueries[query]", arg=query.strip()).json_value()


def _type_query(page, query: str) -> tuple[list[str], float, float]:
    """Clear the box, type the query, wait for the results; returns their links, the query's time
    in the page (keyup to answer, QUERY_CLOCK) and as this process saw it, in milliseconds."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.textContent.trim() === text",
                           arg=[META, IDLE[0]])
    page.keyboard.insert_text(query)
    typed = time.perf_counter()
    page.keyboard.press("End")  # material listens for keyup
    in_page = _answer_ms(page, query)
    roundtrip = (time.perf_counter() - typed) * 1000
    links = page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    return links, in_page, roundtrip


def _relative(href: str, root: str) -> str:
    path = unquote(urlsplit(href).path)
    return path[len(unquote(urlsplit(root).path)):]


def _new_context(browser, first_query: str | None = None):
    """A fresh context (no cache) with the query clock, and the first query FIRST_QUERY types."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(QUERY_CLOCK)
    if first_query is not None:
        context.add_init_script(FIRST_QUERY % json.dumps(first_query.strip(), ensure_ascii=False))
    return context


def _first_open(browser, root: str, site_dir: Path, start_page: str, query: str) -> FirstOpen:
    """Open the page in a fresh context (no cache) and time the first result of ``query``, typed as
    FIRST_QUERY types it."""
    context = _new_context(browser, query)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(root + start_page, wait_until="commit")
        in_page = _answer_ms(page, query)
        return FirstOpen(page.evaluate("window.__kbFirstResult") / 1000, in_page, _bytes(requested, root, site_dir))
    finally:
        context.close()


def run_queries(browser, root: str, site_dir: Path, phrases: list[Phrase], absent: list[Phrase],
                mode: str, start_page: str = "") -> Report:
    """Time the first result over FIRST_OPENS page opens in fresh contexts, each with the next phrase
    as its first query (one open is one sample of a noisy quantity). Then open the home page once
    more, let it load, and search every phrase in the header box through Playwright, as a reader
    would, one after the other: what each finds, its time, and the renderer memory the searching
    added to the loaded page."""
    queries = phrases + absent
    opens = [_first_open(browser, root, site_dir, start_page, q.text) for q in queries[:FIRST_OPENS]]
    context = _new_context(browser)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(root + start_page)
        page.wait_for_load_state("load")
        baseline = _renderer_mb()
        outcomes: list[Outcome] = []
        for phrase in queries:
            hrefs, in_page, roundtrip = _type_query(page, phrase.text)
            links = [_relative(h, root) for h in hrefs]
            outcomes.append(Outcome(phrase.text, phrase.holders, phrase.aligned, links, in_page, roundtrip))
        memory = _renderer_mb() - baseline
        total_bytes = _bytes(requested, root, site_dir)
    finally:
        context.close()
    first_seconds = [o.seconds for o in opens] or [0.0]
    present = outcomes[:len(phrases)]
    later = sorted(o.ms for o in outcomes[1:]) or [0.0]
    later_roundtrip = [o.roundtrip_ms for o in outcomes[1:]] or [0.0]
    return Report(
        mode=mode, phrases=len(present), found=sum(o.found for o in present),
        first_right=sum(o.first_right for o in present), absent=len(absent),
        absent_with_results=sum(1 for o in outcomes[len(phrases):] if _result_links(o.links)),
        first_result_seconds=round(statistics.median(first_seconds), 3), first_result_max_seconds=round(max(first_seconds), 3),
        first_query_ms=round(opens[0].query_ms, 1) if opens else 0.0,
        later_query_ms_median=round(statistics.median(later), 1),
        later_query_ms_p90=round(later[min(len(later) - 1, int(0.9 * len(later)))], 1),
        later_query_ms_max=round(later[-1], 1),
        later_roundtrip_ms_median=round(statistics.median(later_roundtrip), 1),
        later_roundtrip_ms_max=round(max(later_roundtrip), 1),
        first_query_bytes=opens[0].bytes if opens else 0, total_bytes=total_bytes, search_mb=round(memory, 1),
        misses=[asdict(o) for o in present if not o.first_right],
        query_ms=[[o.phrase, round(o.ms, 1), round(o.roundtrip_ms, 1)] for o in outcomes],
    )


def _result_links(links: list[str]) -> list[str]:
    """Links to pages (not the note that leads to the results page)."""
    return [link for link in links if not link.startswith("search/")]


def _bytes(requested: list[str], root: str, site_dir: Path) -> int:
    """The gzip size of every site file requested so far (each once)."""
    seen = {_relative(url, root) for url in requested if url.startswith(root)}
    total = 0
    for rel in seen:
        path = site_dir / (rel or "index.html")
        if path.is_dir() or rel.endswith("/"):
            path = path / "index.html"
        total += _gzip_size(path)
    return total


def evaluate(browser, root: str, site_dir: Path, mode: str, per_length: int, absent: int, seed: int = 0,
             unique: bool = True) -> Report:
    """Draw the phrases from the site's own index and run them against the site at ``root``."""
    texts = sample_texts(site_dir)
    phrases = draw_phrases(texts, per_length, seed, unique)
    missing = draw_absent(texts, all_text(site_dir), absent, seed)
    start = "" if root.startswith("http") else "index.html"
    return run_queries(browser, root, site_dir, phrases, missing, mode, start)
