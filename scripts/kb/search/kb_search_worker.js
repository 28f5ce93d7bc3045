
/* material's search worker protocol, answered by kbSearch (appended to docs/javascripts/kb-search.js
 * by scripts/kb/search/material_search.py). Messages: 0 setup, 1 ready, 2 query, 3 result.
 * Runs as a Web Worker (over HTTP; parts are fetched), or from file:// inside the iframe of the
 * iframe-worker shim, where parts load by <script> and relative URLs resolve against the page.
 */
(function () {
  "use strict";
  const inFrame = typeof document !== "undefined";
  const here = inFrame ? document.querySelector("script[src]").src : self.location.href;
  const site = new URL("../../../", here);
  const load = inFrame ? kbSearch.scriptLoader(document) : fetchPart;
  const engine = kbSearch.Engine(new URL("search/kb/", site).href, load);
  /* The manifest starts loading as soon as the worker runs, not at material's setup message, which
   * comes only once the page has fetched its search_index.json, while the page is still busy. */
  engine.prepare();
  /* The header box shows the best few (about three fit on a laptop screen); 查看全部结果 opens the
   * results page with all of them and the filters. Each shown result costs one request for its text. */
  const SHOWN = 6;
  let latest = 0;

  /* In a real worker: fetch the part (in parallel, unlike importScripts) and read its data without
   * running it: `kbSearchPart("name",DATA);` */
  async function fetchPart(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url);
    const text = await response.text();
    const comma = text.indexOf(",");
    self.kbSearchPart(JSON.parse(text.slice("kbSearchPart(".length, comma)), JSON.parse(text.slice(comma + 1, text.lastIndexOf(")"))));
  }

  function note(location, title, text) {
    return [{ location, title: kbSearch.escapeHTML(title), text: text ? `<p>${kbSearch.escapeHTML(text)}</p>` : "", score: 1, terms: {} }];
  }

  function group(result, rank) {
    const score = 1000 - rank;
    const terms = Object.fromEntries(result.terms.map(t => [t, true]));
    const tags = [result.type, result.year ? `${result.year}年` : ""].filter(Boolean);
    const titleSpans = kbSearch.occurrences(result.title, result.terms);
    const page = { location: result.url, title: kbSearch.mark(result.title, titleSpans), text: "", score, terms, tags };
    const sections = result.sections.map((s, i) => ({
      location: s.anchor ? `${result.url}#${s.anchor}` : result.url,
      title: s.anchor ? kbSearch.mark(s.heading, s.headingSpans) : "",
      text: s.spans.length ? `<p>${kbSearch.excerpt(s.text, s.spans)}</p>` : "",
      score: i < 2 ? score : score - 0.5,
      terms,
    }));
    /* Snippet cards that quote this sample: listed under it (片段库), not as results of their own. */
    const snippets = (result.snippets || []).map(s => ({
      location: s.anchor ? `${s.url}#${s.anchor}` : s.url,
      title: `片段库：${kbSearch.escapeHTML(s.title)}`,
      text: "",
      score,
      terms,
    }));
    return [page, ...sections.filter(s => s.location !== result.url || s.text), ...snippets];
  }

  async function answer(query) {
    let found;
    try {
      found = await engine.search(query, { limit: SHOWN });
    } catch (error) {
      return { items: [note("", "搜索出错", error.message)] };
    }
    if (found.status === "short") return { items: [note("", "请至少输入两个字", "单个字和标点出现在几乎每一篇范例里，请输入要找的词语或句子。")] };
    if (found.status !== "ok") return { items: [] };
    const items = found.results.map((r, i) => group(r, i));
    const page = found.manifest.results_page;
    if (found.total > found.results.length || !found.exact) {
      const count = found.exact ? `共 ${found.total} 篇` : `${found.total} 篇以上`;
      items.push(note(`${page}?q=${encodeURIComponent(query)}`, `查看全部结果（${count}）`, "在搜索页按会议类型和年度筛选"));
    }
    return { items };
  }

  addEventListener("message", async event => {
    const message = event.data;
    if (message.type === 0) {
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      const ticket = ++latest;
      const data = await answer(message.data);
      if (ticket === latest) postMessage({ type: 3, data });
    }
  });
})();
