/* The site's phrase search: finds every page holding each term of the query literally.
 *
 * The index (search/kb/, written by scripts/kb/search/phrase_index.py, which documents the format)
 * is a set of scripts calling kbSearchPart(name, data); this file loads only those a query needs.
 * Used by the header search box (inside material's search worker, see
 * scripts/kb/search/kb_search_worker.js) and by the results page (kb-search-page.js).
 */
(function (root) {
  "use strict";

  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
  const VALUE = {};
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS[i]] = i;
  const TIMEOUT_MS = 15000;
  const RETRY_MS = 300;

  /* NFKC in lower case, as the index was built. */
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  /* The query's terms: normalized, split at whitespace, each once; and those not searched (one
   * character, or no letter or digit at all). */
  function parseQuery(query) {
    const words = normalize(String(query)).split(/\s+/).filter(Boolean);
    const terms = [], short = [];
    for (const word of words) {
      if (Array.from(word).length < 2 || !/[\p{L}\p{N}]/u.test(word)) short.push(word);
      else if (!terms.includes(word)) terms.push(word);
    }
    return { terms, short };
  }

  /* The term's bigrams with their offsets: [[pair, offset], ...]. */
  function bigramsOf(term) {
    const chars = Array.from(term), out = [];
    for (let i = 0; i + 1 < chars.length; i++) out.push([chars[i] + chars[i + 1], i]);
    return out;
  }

  function rotateRight(mask, by) {
    const r = by & 31;
    return r ? ((mask >>> r) | (mask << (32 - r))) >>> 0 : mask;
  }

  /* FNV-1a over the code points of a bigram, as phrase_index.shard. */
  function shardOf(pair, shards) {
    let h = 2166136261;
    for (const ch of pair) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h % shards;
  }

  /* Postings from their encoding (id gap, count, mask triples): a Map id -> [count, mask]. */
  function decodePostings(encoded) {
    const out = new Map(), triple = [];
    let value = 0, id = 0;
    for (let i = 0; i < encoded.length; i++) {
      const digit = VALUE[encoded[i]];
      if (digit >= 32) { value = value * 32 + (digit - 32); continue; }
      triple.push(value * 32 + digit);
      value = 0;
      if (triple.length === 3) {
        id += triple[0];
        out.set(id, [triple[1], triple[2]]);
        triple.length = 0;
      }
    }
    return out;
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /* A text's normalized form, and where each normalized position came from (null: the same place,
   * when normalizing kept the length, as for nearly all Chinese text). */
  function normalizedWithMap(text) {
    const whole = normalize(text);
    if (whole.length === text.length) return { norm: whole, from: null };
    let norm = "";
    const from = [];
    for (let i = 0; i < text.length; i++) {
      let ch = text[i];
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) ch = text.slice(i, i + 2);
      const n = normalize(ch);
      for (let k = 0; k < n.length; k++) from.push(i);
      norm += n;
      i += ch.length - 1;
    }
    from.push(text.length);
    return { norm, from };
  }

  /* Where each term occurs in a text: [[start, end], ...] in the original text, in order. */
  function occurrences(text, terms) {
    const { norm, from } = normalizedWithMap(text);
    const spans = [];
    for (const term of terms) {
      for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
        spans.push(from ? [from[at], from[at + term.length - 1] + 1, term] : [at, at + term.length, term]);
      }
    }
    return spans.sort((a, b) => a[0] - b[0]);
  }

  /* The text with the spans marked, HTML-escaped. */
  function mark(text, spans) {
    let html = "", at = 0;
    for (const [start, end] of spans) {
      if (start < at) continue;
      html += escapeHTML(text.slice(at, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>";
      at = end;
    }
    return html + escapeHTML(text.slice(at));
  }

  /* An excerpt around the first span: about 30 characters before and 70 after. */
  function excerpt(text, spans) {
    const first = spans.length ? spans[0][0] : 0;
    let start = Math.max(0, first - 30), end = Math.min(text.length, first + 70);
    const lineStart = text.lastIndexOf("\n", first - 1);
    if (lineStart >= start) start = lineStart + 1;
    const lineEnd = text.indexOf("\n", first);
    if (lineEnd >= 0 && lineEnd < end) end = lineEnd;
    const inside = spans.filter(([s, e]) => s >= start && e <= end).map(([s, e, t]) => [s - start, e - start, t]);
    return (start > 0 ? "…" : "") + mark(text.slice(start, end), inside) + (end < text.length ? "…" : "");
  }

  function compareKeys(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
    return 0;
  }

  /* The engine over the index in folder `base` (a URL ending in "/"); load(url) runs a script. */
  function Engine(base, load) {
    const parts = new Map();
    const store = root.__kbSearchStore || (root.__kbSearchStore = new Map());
    root.kbSearchPart = (name, data) => store.set(name, data);

    function forget(name) {
      store.delete(name);
      parts.delete(name);
    }

    function part(name) {
      if (!parts.has(name)) {
        const url = base + name + ".js";
        const attempt = () => Promise.race([
          Promise.resolve().then(() => load(url)),
          new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
        ]);
        /* A second try after a moment: a busy server may drop one of many parallel requests. */
        const retry = () => new Promise(resolve => setTimeout(resolve, RETRY_MS)).then(attempt);
        const loading = attempt().catch(retry).then(() => {
          if (!store.has(name)) throw new Error("empty");
          const data = store.get(name);
          if (name.startsWith("t/")) forget(name); // texts: read once per search, not kept in memory
          return data;
        }).catch(() => {
          parts.delete(name);
          throw new Error(`搜索索引的一部分（${name}.js）没有加载，请刷新页面后重试`);
        });
        parts.set(name, loading);
      }
      return parts.get(name);
    }

    /* Decoded afresh for each query (about a millisecond for 10,000 pages): kept decoded, the
     * postings of common bigrams would hold far more memory than their encoded strings. */
    async function postings(key, manifest) {
      const shard = await part("b/" + shardOf(Array.from(key).slice(-2).join(""), manifest.shards));
      return shard[key] ? decodePostings(shard[key]) : new Map();
    }

    /* The pages where the term's bigrams may stand next to each other: in every posting list
     * (rarest first), with position masks that line up; Map id -> the least count (an upper bound
     * of the term's occurrences). `lists` are [postings, offset] pairs. */
    function intersect(lists) {
      const sorted = [...lists].sort((a, b) => a[0].size - b[0].size);
      const out = new Map();
      if (!sorted.length) return out;
      for (const id of sorted[0][0].keys()) {
        let least = Infinity, mask = 0xffffffff;
        for (const [postings, offset] of sorted) {
          const entry = postings.get(id);
          if (entry === undefined) { mask = 0; break; }
          least = Math.min(least, entry[0]);
          mask = (mask & rotateRight(entry[1], offset)) >>> 0;
          if (!mask) break;
        }
        if (mask) out.set(id, least);
      }
      return out;
    }

    async function meta(id, manifest) {
      const block = await part("m/" + Math.floor(id / manifest.block));
      const [url, title] = block[id % manifest.block];
      const [type, year] = manifest.pages[id];
      return { url, title, type: type >= 0 ? manifest.types[type] : "", year };
    }

    /* Checks one candidate against its text: null if a term is missing. */
    async function verify(id, terms, manifest) {
      const [info, sections] = await Promise.all([meta(id, manifest), part("t/" + id)]);
      const found = [];
      let count = 0, inHeading = false;
      const inTitle = terms.some(term => normalize(info.title).includes(term));
      const seen = new Set(inTitle ? terms.filter(term => normalize(info.title).includes(term)) : []);
      for (const [anchor, heading, text] of sections) {
        const spans = occurrences(text, terms);
        const headingSpans = anchor ? occurrences(heading, terms) : [];
        if (headingSpans.length) inHeading = true;
        for (const [, , term] of spans.concat(headingSpans)) seen.add(term);
        count += spans.length + headingSpans.length;
        if (spans.length || headingSpans.length) found.push({ anchor, heading, text, spans, headingSpans });
      }
      if (!terms.every(term => seen.has(term))) return null;
      const sample = id < manifest.samples ? 1 : 0;
      return { id, ...info, sample, key: [sample, inTitle ? 1 : 0, inHeading ? 1 : 0, count], sections: found, terms };
    }

    /* Search: { status, terms, results (best first, verified), total, samples (how many of the
     * total are samples; null if not known yet), exact, unverified }.
     * status: "ok", "empty" (nothing to search), "short" (only terms of one character).
     * options: limit (results wanted), type and year (filters; "" for any). */
    async function search(query, options = {}) {
      const limit = options.limit || 10;
      const { terms, short } = parseQuery(query);
      if (!terms.length) return { status: short.length ? "short" : "empty", terms, short, results: [], total: 0, exact: true };
      const manifest = await part("manifest");
      const perTerm = [];
      let candidates = null;
      for (const term of terms) {
        const pairs = bigramsOf(term);
        const lists = prefix => Promise.all(pairs.map(async ([p, at]) => [await postings(prefix + p, manifest), at]));
        const [body, title, heading] = await Promise.all([lists(""), lists("t"), lists("h")]);
        const hits = intersect(body);
        perTerm.push({ hits, title: intersect(title), heading: intersect(heading) });
        candidates = candidates ? new Map([...candidates].filter(([id]) => hits.has(id)).map(([id, c]) => [id, c + hits.get(id)])) : hits;
      }
      const typeIndex = options.type ? manifest.types.indexOf(options.type) : -2;
      const wanted = id => {
        const [type, year] = manifest.pages[id];
        return (typeIndex === -2 || type === typeIndex) && (!options.year || String(year) === String(options.year));
      };
      /* The best each candidate can be: its text may still lack a term, or hold it less often. */
      const order = [...candidates].filter(([id]) => wanted(id)).map(([id, upper]) => ({
        id,
        key: [id < manifest.samples ? 1 : 0,
          perTerm.some(t => t.title.has(id)) ? 1 : 0,
          perTerm.some(t => t.heading.has(id)) ? 1 : 0, upper],
      })).sort((a, b) => compareKeys(a.key, b.key) || a.id - b.id);
      const exactPostings = terms.every(term => Array.from(term).length === 2);
      /* Verify in that order until `limit` results are sure to lead: no unverified candidate can
       * still beat the last of them on sample, title or heading (occurrences rank only among the
       * verified, which the upper bound chose). */
      const verified = [];
      let next = 0;
      const done = () => verified.length >= limit && next < order.length &&
        compareKeys(verified[limit - 1].key.slice(0, 3), order[next].key.slice(0, 3)) <= 0;
      while (next < order.length && !done()) {
        const batch = order.slice(next, next + Math.max(8, limit - verified.length));
        next += batch.length;
        for (const result of await Promise.all(batch.map(c => verify(c.id, terms, manifest)))) {
          if (result) verified.push(result);
        }
        verified.sort((a, b) => compareKeys(a.key, b.key) || a.id - b.id);
      }
      const all = next >= order.length;
      const samples = all ? verified.filter(r => r.sample).length
        : exactPostings ? order.filter(c => c.id < manifest.samples).length : null;
      return {
        status: "ok", terms, short, results: verified.slice(0, limit),
        total: all ? verified.length : exactPostings ? order.length : verified.length,
        samples, exact: all || exactPostings, unverified: order.length - next, manifest,
      };
    }

    return { search, part };
  }

  /* A loader that runs a script by adding a <script> element to `doc` (pages, file://). */
  function scriptLoader(doc) {
    return url => new Promise((resolve, reject) => {
      const script = doc.createElement("script");
      script.src = url;
      script.onload = () => { script.remove(); resolve(); };
      script.onerror = () => { script.remove(); reject(new Error(url)); };
      (doc.head || doc.body || doc.documentElement).appendChild(script);
    });
  }

  root.kbSearch = { Engine, scriptLoader, parseQuery, normalize, escapeHTML, mark, excerpt, occurrences };
})(typeof self !== "undefined" ? self : this);
