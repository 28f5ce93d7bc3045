"""How well and how fast the site's search finds phrases, measured in Chromium on a built site.

Phrases are drawn at random (fixed seed) from the samples' published text, as the index holds it
(search/kb/t/*.js): lengths 2 to 8, half of them aligned with jieba's words and half starting or
ending inside a word, each occurring in exactly one sample. Absent phrases join two of the site's
own words (A+B) where the pair occurs on no page. Each phrase is typed into the header search box,
online (served as deployed: nginx with deploy/nginx.conf, or a Python server where there is no
nginx) or from file:// (the offline bundle), as a reader would, one after the other in one page.
The run reports: found at all, first result right (the sample that holds it), results for absent
phrases, each later query's time (in the page, from the keyup to the answer), the bytes the first
query loaded (as gzip, the way the web server sends them) and the renderer memory the searching
added to the loaded page. The time from page open to the first result is measured apart, over
several opens of the page, with the query typed as soon as the page can take it.

The queries are typed by a script in the page, and the times taken there, in a Chromium that no
debugger watches the requests of (``devtools``): Playwright, which does, made each query of 8 small
requests 20-40 ms slower, time a reader's browser does not spend. Playwright counts the bytes.
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.kb.bench import deployed, devtools
from scripts.kb.search import phrase_index

LENGTHS = range(2, 9)
WORD_SOURCES = 50  # samples whose words make the absent phrases (jieba is slow on a whole large corpus)
WORDLIKE = re.compile(r"^[\w\u3400-\u9fff]+$")
SEARCH_INPUT = "input.md-search__input"
META = ".md-search-result__meta"
IDLE = ["键入以开始搜索", "正在初始化搜索引擎"]  # material's Chinese texts while no result is shown
ANSWER_SECONDS = 20  # a query still without an answer after this long stops the run
# Between two queries a reader reads the results and types the next phrase: a second at the least.
# The pause matters on a 2-core machine, where the last query's background work (V8 compiling the
# search's code, collecting garbage) is still running for a while: at 10,000 samples, 12 queries
# in 6 fresh pages each, the slowest query of a page was 69-171 ms with 150 ms pauses (two pages
# over 100 ms) and 74-90 ms with 1 s pauses. The tests, which time nothing, pause less.
READER_PAUSE_MS = 1000
# Records, in the page, when answers appear: the first (its results, or that there are none) in
# milliseconds since the page's navigation started (window.__kbFirstResult), and each query's time
# from the keyup that sent it (the search box's value then) to the result meta showing its answer
# (window.__kbQueries: {query: ms}).
# The box is emptied between queries, so the meta shows an idle text before each answer; a change
# counts for the query that the box holds when it happens, and only once. window.__kbType(value, key)
# types into the box the way material takes it (the value, then a keyup); window.__kbAnswer(query,
# seconds) waits for a query's time.
QUERY_CLOCK = """
window.__kbFirstResult = null;
window.__kbQueries = {};
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("%(input)s");
  const meta = document.querySelector("%(meta)s");
  if (!input || !meta) return;
  const idle = %(idle)s;
  let pending = null;
  input.addEventListener("keyup", () => {
    const query = input.value.trim();
    if (query && !(query in window.__kbQueries) && (!pending || pending.query !== query)) {
      pending = { query, start: performance.now() };
    }
  }, true);
  new MutationObserver(() => {
    const text = meta.textContent.trim();
    if (pending && text && !idle.includes(text) && input.value.trim() === pending.query) {
      const now = performance.now();
      window.__kbQueries[pending.query] = now - pending.start;
      if (window.__kbFirstResult === null) window.__kbFirstResult = now;
      pending = null;
    }
  }).observe(meta, { childList: true, characterData: true, subtree: true });
});
window.__kbType = (value, key) => {
  const input = document.querySelector("%(input)s");
  if (!input) return;
  input.focus();
  input.value = value;
  input.dispatchEvent(new KeyboardEvent("keyup", { key, bubbles: true }));
};
window.__kbAnswer = (query, seconds) => new Promise((resolve, reject) => {
  const until = performance.now() + seconds * 1000;
  (function check() {
    const ms = window.__kbQueries[query];
    if (ms !== undefined) resolve(ms);
    else if (performance.now() > until) reject(new Error(`查询“${query}”${seconds} 秒没有结果`));
    else setTimeout(check, 10);
  })();
});
""" % {"input": SEARCH_INPUT, "meta": META, "idle": json.dumps(IDLE, ensure_ascii=False)}
# Types each query (%(queries)s) into the header box of the loaded page, one after the other: empties
# the box and waits for material's idle text, pauses (%(pause)s ms) as a reader would between two
# queries, then types the query and waits for its answer.
# Returns [ms, links of the results] for each query.
TYPIST = """(async () => {
  const meta = document.querySelector("%(meta)s");
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  const out = [];
  for (const query of %%(queries)s) {
    window.__kbType("", "Backspace");
    while (meta.textContent.trim() !== %(idle)s) await sleep(5);
    await sleep(%%(pause)d);
    window.__kbType(query, "End");
    const ms = await window.__kbAnswer(query, %(seconds)d);
    out.push([ms, Array.from(document.querySelectorAll("%(links)s"), a => a.href)]);
  }
  return out;
})()""" % {"meta": META, "idle": json.dumps(IDLE[0], ensure_ascii=False),
           "seconds": ANSWER_SECONDS, "links": "li.md-search-result__item > a.md-search-result__link"}
# Types the first query (%s: its JSON) the moment the page can take it: once it has been parsed and
# material's handlers, which start at DOMContentLoaded, are in place. A reader who types at once
# waits this long; through Playwright (click, keys, polling: several round trips to the browser)
# the same query would start 0.3-0.6 s later on this machine, time the site does not spend.
FIRST_QUERY = """
document.addEventListener("DOMContentLoaded", () => setTimeout(() => window.__kbType(%s, "End"), 0));
"""
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

    @property
    def found(self) -> bool:
        return any(link in self.holders for link in self.links)

    @property
    def first_right(self) -> bool:
        return bool(self.links) and self.links[0] in self.holders


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
    first_query_bytes: int
    search_mb: float  # growth of the renderer's private memory while searching
    misses: list[dict] = field(default_factory=list)
    query_ms: list[list] = field(default_factory=list)  # each query: [phrase, ms in the page]

    def lines(self) -> list[str]:
        return [
            f"[{self.mode}] 找到 {self.found}/{self.phrases}，首条正确 {self.first_right}/{self.phrases}，"
            f"不存在的短语有结果 {self.absent_with_results}/{self.absent}",
            f"[{self.mode}] 打开页面到第一条结果 {self.first_result_seconds:.2f} 秒（{FIRST_OPENS} 次打开的中位数，最慢 "
            f"{self.first_result_max_seconds:.2f} 秒；页面解析完即输入第一个查询，输入到结果 "
            f"{self.first_query_ms:.0f} ms），第一次查询传输 {self.first_query_bytes / 1e6:.2f} MB（gzip），"
            f"搜索占用内存 {self.search_mb:.0f} MB",
            f"[{self.mode}] 之后每次查询（页面内，从按键到结果）中位数 {self.later_query_ms_median:.0f} ms、"
            f"90% {self.later_query_ms_p90:.0f} ms、最长 {self.later_query_ms_max:.0f} ms",
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


def _renderer_mb(browser_pid: int) -> float:
    """Private memory (Private_Clean + Private_Dirty) of the renderer processes of the Chromium at
    ``browser_pid``: the page, and the search worker that runs inside the page's renderer."""
    children, total = {}, 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(pid))
        except (OSError, IndexError):
            continue
    todo, mine = [browser_pid], []
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


def _relative(href: str, root: str) -> str:
    path = unquote(urlsplit(href).path)
    return path[len(unquote(urlsplit(root).path)):]


def _js(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _opening(query: str) -> str:
    """The init script of a page opened to time ``query`` as its first: the clock, and FIRST_QUERY."""
    return QUERY_CLOCK + FIRST_QUERY % _js(query.strip())


def _first_open(chrome: devtools.Browser, url: str, query: str) -> tuple[float, float]:
    """Open the page in a fresh browser context (no cache) and time the first result of ``query``,
    typed as FIRST_QUERY types it: seconds from the page's navigation start, and ms from the keyup."""
    tab = chrome.open(url, _opening(query))
    try:
        query_ms = tab.evaluate(f"window.__kbAnswer({_js(query.strip())}, {ANSWER_SECONDS})")
        return tab.evaluate("window.__kbFirstResult") / 1000, query_ms
    finally:
        tab.close()


def _first_query_bytes(browser, url: str, root: str, site_dir: Path, query: str) -> int:
    """The site's files (as gzip) a fresh page loads up to the first result of ``query``; through
    Playwright, which sees every request of the page and its worker."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(_opening(query))
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.evaluate("([query, seconds]) => window.__kbAnswer(query, seconds)", [query.strip(), ANSWER_SECONDS])
        return _bytes(requested, root, site_dir)
    finally:
        context.close()


def run_queries(browser, root: str, site_dir: Path, phrases: list[Phrase], absent: list[Phrase],
                mode: str, start_page: str = "", pause_ms: int = READER_PAUSE_MS) -> Report:
    """Time the first result over FIRST_OPENS page opens in fresh contexts, each with the next phrase
    as its first query (one open is one sample of a noisy quantity). Then open the home page once
    more, let it load, and search every phrase in the header box, one after the other (TYPIST): what
    each finds, its time, and the renderer memory the searching added to the loaded page. The times
    are taken in a Chromium with no debugger watching its requests (``devtools``); the bytes of the
    first query through Playwright (``browser``)."""
    queries = phrases + absent
    url = root + start_page
    with devtools.chromium() as chrome:
        opens = [_first_open(chrome, url, q.text) for q in queries[:FIRST_OPENS]]
        tab = chrome.open(url, QUERY_CLOCK)
        tab.wait_for_load()
        baseline = _renderer_mb(chrome.process.pid)
        typed = tab.evaluate(TYPIST % {"queries": _js([q.text for q in queries]), "pause": pause_ms},
                             timeout=(ANSWER_SECONDS + pause_ms / 1000) * (len(queries) + 1))
        memory = _renderer_mb(chrome.process.pid) - baseline
    first_bytes = _first_query_bytes(browser, url, root, site_dir, queries[0].text) if queries else 0
    outcomes = [Outcome(q.text, q.holders, q.aligned, [_relative(h, root) for h in hrefs], ms)
                for q, (ms, hrefs) in zip(queries, typed)]
    first_seconds = [seconds for seconds, _ in opens] or [0.0]
    present = outcomes[:len(phrases)]
    later = sorted(o.ms for o in outcomes[1:]) or [0.0]
    return Report(
        mode=mode, phrases=len(present), found=sum(o.found for o in present),
        first_right=sum(o.first_right for o in present), absent=len(absent),
        absent_with_results=sum(1 for o in outcomes[len(phrases):] if _result_links(o.links)),
        first_result_seconds=round(statistics.median(first_seconds), 3), first_result_max_seconds=round(max(first_seconds), 3),
        first_query_ms=round(opens[0][1], 1) if opens else 0.0,
        later_query_ms_median=round(statistics.median(later), 1),
        later_query_ms_p90=round(later[min(len(later) - 1, int(0.9 * len(later)))], 1),
        later_query_ms_max=round(later[-1], 1),
        first_query_bytes=first_bytes, search_mb=round(memory, 1),
        misses=[asdict(o) for o in present if not o.first_right],
        query_ms=[[o.phrase, round(o.ms, 1)] for o in outcomes],
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
             unique: bool = True, pause_ms: int = READER_PAUSE_MS) -> Report:
    """Draw the phrases from the site's own index and run them against the site at ``root``."""
    texts = sample_texts(site_dir)
    phrases = draw_phrases(texts, per_length, seed, unique)
    missing = draw_absent(texts, all_text(site_dir), absent, seed)
    start = "" if root.startswith("http") else "index.html"
    return run_queries(browser, root, site_dir, phrases, missing, mode, start, pause_ms)
