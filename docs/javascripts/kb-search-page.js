/* The results page (search/?q=…&type=…&year=…): every sample holding the query, with filters kept in
 * the URL. Uses the phrase search engine of kb-search.js; runs only on the page that has the form. */
(function () {
  "use strict";
  const PAGE = 20;
  const COUNT_ALL = 300; // verify every candidate (for an exact count) up to this many
  const start = new URL(location.href); // before material drops ?q= when its search box closes

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(tag, className, markup) {
    const node = element(tag, className);
    node.innerHTML = markup; // markup from kbSearch.mark/excerpt: escaped text and <mark>
    return node;
  }

  function resultItem(result, root) {
    const item = element("li", "kb-search-result");
    const link = html("a", "kb-search-result__title", kbSearch.mark(result.title, kbSearch.occurrences(result.title, result.terms)));
    link.href = new URL(result.url, root).href;
    item.appendChild(link);
    const facts = [result.type, result.year ? `${result.year}年` : "", result.sample ? "" : "其他页面"].filter(Boolean);
    item.appendChild(element("div", "kb-search-result__meta", facts.join(" · ")));
    for (const section of result.sections.filter(s => s.spans.length).slice(0, 3)) {
      const quote = element("p", "kb-search-result__excerpt");
      if (section.anchor && section.heading) {
        const where = element("a", "kb-search-result__section", section.heading);
        const target = new URL(result.url, root);
        target.searchParams.set("h", result.terms.join(" "));
        target.hash = section.anchor;
        where.href = target.href;
        quote.appendChild(where);
        quote.appendChild(document.createTextNode("："));
      }
      quote.appendChild(html("span", "", kbSearch.excerpt(section.text, section.spans)));
      item.appendChild(quote);
    }
    /* Snippet cards that quote this sample, grouped with it. */
    for (const snippet of result.snippets || []) {
      const line = element("p", "kb-search-result__snippet", "片段库：");
      const card = element("a", "", snippet.title);
      card.href = new URL(snippet.url, root).href + (snippet.anchor ? `#${snippet.anchor}` : "");
      line.appendChild(card);
      item.appendChild(line);
    }
    return item;
  }

  async function init() {
    const form = document.getElementById("kb-search-page");
    if (!form) return;
    const summary = document.getElementById("kb-search-summary");
    const list = document.getElementById("kb-search-results");
    const more = document.getElementById("kb-search-more");
    const params = start.searchParams;
    const query = params.get("q") || "";
    form.elements.q.value = query;
    /* material opens its search box for ?q=; this page answers the query itself. */
    const toggle = document.getElementById("__search");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      history.replaceState(history.state, "", start.href);
    }
    const root = new URL("../", start).href; // the page is search/ or search/index.html
    const engine = kbSearch.Engine(new URL("kb/", start).href, kbSearch.scriptLoader(document));
    let manifest;
    try {
      manifest = await engine.part("manifest");
    } catch (error) {
      summary.textContent = error.message;
      return;
    }
    for (const name of manifest.types) form.elements.type.add(new Option(name, name));
    const years = [...new Set(manifest.pages.map(([, year]) => year).filter(Boolean))].sort((a, b) => b - a);
    for (const year of years) form.elements.year.add(new Option(`${year}年`, String(year)));
    form.elements.type.value = params.get("type") || "";
    form.elements.year.value = params.get("year") || "";
    if (!query.trim()) { summary.textContent = "请输入要查找的文字。"; return; }
    const filters = { type: form.elements.type.value, year: form.elements.year.value };
    let shown = PAGE;

    async function show() {
      summary.textContent = "正在搜索…";
      more.hidden = true;
      let found;
      try {
        found = await engine.search(query, { limit: shown, ...filters });
        if (!found.exact && found.unverified <= COUNT_ALL) found = await engine.search(query, { limit: Infinity, ...filters });
      } catch (error) {
        summary.textContent = error.message;
        return;
      }
      list.textContent = "";
      if (found.status === "short") { summary.textContent = "请至少输入两个字（标点和空格不算）。"; return; }
      if (found.status !== "ok") { summary.textContent = "请输入要查找的文字。"; return; }
      const phrase = found.terms.join("”“");
      if (!found.results.length) summary.textContent = `没有范例含有“${phrase}”。`;
      else if (found.samples !== null) summary.textContent = `共 ${found.samples} 篇范例含有“${phrase}”`;
      else summary.textContent = `至少 ${found.results.filter(r => r.sample).length} 篇范例含有“${phrase}”（其余候选显示更多时核对）`;
      for (const result of found.results.slice(0, shown)) list.appendChild(resultItem(result, root));
      more.hidden = !(found.unverified > 0 || found.results.length > shown || found.total > shown);
    }

    more.addEventListener("click", () => { shown += PAGE; show(); });
    await show();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
