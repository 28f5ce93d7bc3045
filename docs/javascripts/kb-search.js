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
  const VALUE = new Int8Array(128).fill(-1);
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;
  const TIMEOUT_MS = 15000;
  const RETRY_MS = 300;
  /* What the engine keeps between queries, each the most recently used: index parts by kind
   * (b/: about 24 KB of encoded postings each; t/: one page's address, title and text), and
   * decoded postings, counted in entries (12 bytes each). */
  const KEEP = { "b/": 160, "t/": 300 };
  const KEEP_POSTINGS = 400000;
  const NONE = { n: 0, ids: new Int32Array(0), counts: new Int32Array(0), masks: new Uint32Array(0), places: new Uint32Array(0) };

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

  /* The bigrams whose postings a term loads: all but the heavy ones (manifest.heavy: bigrams whose
   * postings are larger than a b/ file should be), and heavy ones, lightest first, only as needed to
   * have two. The text check follows, so fewer bigrams can only add candidates, never lose one;
   * two that must line up keep the extra candidates few. */
  function chosenPairs(pairs, heavy) {
    const light = pairs.filter(([pair]) => !(pair in heavy));
    if (light.length >= Math.min(2, pairs.length)) return light;
    const rest = pairs.filter(pair => !light.includes(pair)).sort((a, b) => heavy[a[0]] - heavy[b[0]] || a[1] - b[1]);
    return light.concat(rest.slice(0, 2 - light.length)).sort((a, b) => a[1] - b[1]);
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

  /* Postings from their encoding (id gap, count, places triples; places: up to 3 positions modulo
   * 1024, 10 bits each, or for a larger count the mask of positions modulo 32): { n, ids, counts,
   * masks, places }, typed arrays in id order (places 0 where the count is larger than 3). */
  const PLACED = 3, PLACE_BITS = 10, PLACES = 1 << PLACE_BITS;
  function decodePostings(encoded) {
    const n = (countNumbers(encoded) / 3) | 0;
    const ids = new Int32Array(n), counts = new Int32Array(n), masks = new Uint32Array(n), places = new Uint32Array(n);
    decodeInto(encoded, ids, counts, masks, places);
    return { n, ids, counts, masks, places };
  }

  /* The hot loops of the search each have a small function of their own, with indexes rather than
   * destructuring: V8 then optimizes them once and soon, instead of deoptimizing and compiling
   * again code that the first, large inputs had not reached (up to 250 ms of compiling in the
   * first queries at 10,000 samples on a 2-core machine). */
  function countNumbers(encoded) {
    let numbers = 0;
    for (let i = 0; i < encoded.length; i++) if (VALUE[encoded.charCodeAt(i)] < 32) numbers++;
    return numbers;
  }

  function decodeInto(encoded, ids, counts, masks, places) {
    let value = 0, id = 0, k = 0, slot = 0;
    for (let i = 0; i < encoded.length; i++) {
      const digit = VALUE[encoded.charCodeAt(i)];
      if (digit >= 32) { value = value * 32 + (digit - 32); continue; }
      value = value * 32 + digit;
      if (slot === 0) { id += value; ids[k] = id; slot = 1; }
      else if (slot === 1) { counts[k] = value; slot = 2; }
      else {
        if (counts[k] > PLACED) masks[k] = value;
        else {
          places[k] = value;
          let mask = 0;
          for (let c = 0; c < counts[k]; c++) mask |= 1 << ((value >>> (PLACE_BITS * c)) & 31);
          masks[k] = mask >>> 0;
        }
        k++;
        slot = 0;
      }
      value = 0;
    }
  }

  /* Whether the places of the postings at `at` in `lists` ([postings, offset] pairs) line up for
   * some start: every list whose count there is at most 3 holds (start + offset) modulo 1024. */
  function placesLineUp(lists, at) {
    let anchor = -1;
    for (let j = 0; j < lists.length; j++) if (lists[j][0].counts[at[j]] <= PLACED) { anchor = j; break; }
    if (anchor < 0) return true;
    const first = lists[anchor][0], firstOffset = lists[anchor][1];
    const packed = first.places[at[anchor]];
    starts: for (let c = 0; c < first.counts[at[anchor]]; c++) {
      const start = ((packed >>> (PLACE_BITS * c)) & (PLACES - 1)) - firstOffset;
      for (let j = anchor + 1; j < lists.length; j++) {
        const other = lists[j][0], offset = lists[j][1], k = at[j];
        if (other.counts[k] > PLACED) continue;
        const want = (((start + offset) % PLACES) + PLACES) % PLACES;
        let held = false;
        for (let d = 0; d < other.counts[k]; d++) if (((other.places[k] >>> (PLACE_BITS * d)) & (PLACES - 1)) === want) held = true;
        if (!held) continue starts;
      }
      return true;
    }
    return false;
  }

  /* The first position at or after `from` whose id is >= id (galloping, then binary search). */
  function seek(ids, n, from, id) {
    if (from >= n || ids[from] >= id) return from;
    let step = 1, low = from, high = from + 1;
    while (high < n && ids[high] < id) { low = high; step *= 2; high = from + step; }
    if (high > n) high = n;
    while (low + 1 < high) {
      const middle = (low + high) >>> 1;
      if (ids[middle] < id) low = middle; else high = middle;
    }
    return high;
  }

  /* The pages where the term's bigrams may stand next to each other: in every posting list
   * (rarest first, the others searched by galloping), with position masks and places that line up;
   * with the least count of each (an upper bound of the term's occurrences). `lists` are
   * [postings, offset] pairs. Returns { ids, counts }, plain arrays in id order. */
  function intersect(lists) {
    const ids = [], counts = [];
    if (lists.length === 1) allOf(lists[0][0], ids, counts);
    else if (lists.length) intersectSorted([...lists].sort((a, b) => a[0].n - b[0].n), ids, counts);
    return { ids, counts };
  }

  /* One list: every page in it (apart, so that intersectSorted only ever sees two or more). */
  function allOf(postings, ids, counts) {
    for (let i = 0; i < postings.n; i++) {
      ids.push(postings.ids[i]);
      counts.push(postings.counts[i]);
    }
  }

  function intersectSorted(sorted, ids, counts) {
    const first = sorted[0][0], firstOffset = sorted[0][1];
    const at = new Int32Array(sorted.length);
    candidates: for (let i = 0; i < first.n; i++) {
      at[0] = i;
      const id = first.ids[i];
      let least = first.counts[i], mask = rotateRight(first.masks[i], firstOffset);
      for (let j = 1; j < sorted.length; j++) {
        const other = sorted[j][0], offset = sorted[j][1];
        const k = at[j] = seek(other.ids, other.n, at[j], id);
        if (k >= other.n) break candidates;
        if (other.ids[k] !== id) continue candidates;
        if (other.counts[k] < least) least = other.counts[k];
        mask &= rotateRight(other.masks[k], offset);
        if (!mask) continue candidates;
      }
      if (!placesLineUp(sorted, at)) continue;
      ids.push(id);
      counts.push(least);
    }
  }

  /* Pages in both (ids in order), with the counts added. */
  function both(a, b) {
    const ids = [], counts = [];
    for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
      if (a.ids[i] < b.ids[j]) i++;
      else if (a.ids[i] > b.ids[j]) j++;
      else { ids.push(a.ids[i]); counts.push(a.counts[i++] + b.counts[j++]); }
    }
    return { ids, counts };
  }

  /* A map that forgets its least recently used entries beyond `limit` (sizes from `size`). */
  function recent(limit, size = () => 1) {
    const entries = new Map();
    let total = 0;
    return {
      get(key) {
        const value = entries.get(key);
        if (value !== undefined) { entries.delete(key); entries.set(key, value); }
        return value;
      },
      set(key, value) {
        if (entries.has(key)) { total -= size(entries.get(key)); entries.delete(key); }
        entries.set(key, value);
        total += size(value);
        for (const [old, kept] of entries) {
          if (total <= limit || old === key) break;
          entries.delete(old);
          total -= size(kept);
        }
      },
      delete(key) {
        if (entries.has(key)) { total -= size(entries.get(key)); entries.delete(key); }
      },
    };
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

  /* A candidate's place in the order of verification as one number, larger first: its tier
   * (sample 4, title 2, heading 1), then the upper bound of its occurrences, then the lower id. */
  const ID_SPAN = 2 ** 22, COUNT_SPAN = 2 ** 20;
  const rankOf = (tier, upper, id) => (tier * COUNT_SPAN + Math.min(upper, COUNT_SPAN - 1)) * ID_SPAN + (ID_SPAN - 1 - id);
  const idOf = rank => ID_SPAN - 1 - (rank % ID_SPAN);
  const tierOf = rank => Math.floor(rank / ID_SPAN / COUNT_SPAN);
  const tierOfKey = key => key[0] * 4 + key[1] * 2 + key[2];

  function flagAll(ids, flags, flag) {
    for (let i = 0; i < ids.length; i++) flags[ids[i]] |= flag;
  }

  /* Flag 2 for the candidates whose (normalized) title holds a term. */
  function markTitles(ids, terms, titles, flags) {
    for (let i = 0; i < ids.length; i++) {
      const title = titles[ids[i]];
      for (let t = 0; t < terms.length; t++) if (title.includes(terms[t])) { flags[ids[i]] |= 2; break; }
    }
  }

  /* Puts into `ranks` the best each candidate can be (its text may still lack a term, or hold it
   * less often) as rankOf numbers, for those of the type index and year asked for (-2, "": any);
   * returns how many. */
  function rankInto(ranks, candidates, flags, pages, samples, typeIndex, year) {
    let size = 0;
    for (let i = 0; i < candidates.ids.length; i++) {
      const id = candidates.ids[i], page = pages[id];
      if (typeIndex !== -2 && page[0] !== typeIndex) continue;
      if (year && String(page[1]) !== year) continue;
      ranks[size++] = rankOf((id < samples ? 4 : 0) + flags[id], candidates.counts[i], id);
    }
    return size;
  }

  /* Snippet card pages whose matching sections all quote samples among the results (a section's
   * 4th element is its sample's URL) leave the results and are listed under those samples, as
   * result.snippets: [{ url, anchor, title }], a card page once (its first matching card). */
  function groupSnippets(results) {
    const samples = new Map(results.filter(r => r.sample).map(r => [r.url, r]));
    return results.filter(result => {
      if (result.sample || !result.sections.length || !result.sections.every(s => samples.has(s.source))) return true;
      for (const section of result.sections) {
        const sample = samples.get(section.source);
        const list = sample.snippets || (sample.snippets = []);
        if (!list.some(s => s.url === result.url)) list.push({ url: result.url, anchor: section.anchor, title: result.title });
      }
      return false;
    });
  }

  /* The engine over the index in folder `base` (a URL ending in "/"); load(url) runs a script. */
  function Engine(base, load) {
    const store = root.__kbSearchStore || (root.__kbSearchStore = new Map());
    root.kbSearchPart = (name, data) => store.set(name, data);
    const loading = new Map(); // name -> promise of its data, while it loads
    const shelves = { "b/": recent(KEEP["b/"]), "t/": recent(KEEP["t/"]) };
    const always = new Map(); // the manifest
    const decoded = recent(KEEP_POSTINGS, list => list.n + 1);

    /* An index part's data: kept (the most recently used of each kind), or loaded. */
    function part(name) {
      const shelf = shelves[name.slice(0, 2)] || always;
      const kept = shelf.get(name);
      if (kept !== undefined) return Promise.resolve(kept);
      if (!loading.has(name)) {
        const url = base + name + ".js";
        const attempt = () => Promise.race([
          Promise.resolve().then(() => load(url)),
          new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
        ]);
        /* A second try after a moment: a busy server may drop one of many parallel requests. */
        const retry = () => new Promise(resolve => setTimeout(resolve, RETRY_MS)).then(attempt);
        loading.set(name, attempt().catch(retry).then(() => {
          if (!store.has(name)) throw new Error("empty");
          const data = store.get(name);
          store.delete(name);
          shelf.set(name, data);
          loading.delete(name);
          return data;
        }).catch(() => {
          loading.delete(name);
          throw new Error(`搜索索引的一部分（${name}.js）没有加载，请刷新页面后重试`);
        }));
      }
      return loading.get(name);
    }

    /* The manifest's titles, normalized once. */
    let titlesOf = null, normalized = null;
    function normalizedTitles(manifest) {
      if (titlesOf !== manifest) [titlesOf, normalized] = [manifest, manifest.titles.map(normalize)];
      return normalized;
    }

    /* Starts loading what every query needs (a failure shows at the first query), and normalizes
     * the titles while the reader types: on the first query's path that took 10-25 ms at 1,000
     * samples. */
    function prepare() {
      part("manifest").then(normalizedTitles).catch(() => {});
    }

    async function postings(key, manifest) {
      const kept = decoded.get(key);
      if (kept) return kept;
      const shard = await part("b/" + shardOf(Array.from(key).slice(-2).join(""), manifest.shards));
      const list = shard[key] ? decodePostings(shard[key]) : NONE;
      decoded.set(key, list);
      return list;
    }

    /* Checks one candidate against its text: null if a term is missing. */
    async function verify(id, terms, manifest) {
      const [url, title, sections] = await part("t/" + id);
      const [type, year] = manifest.pages[id];
      const info = { url, title, type: type >= 0 ? manifest.types[type] : "", year };
      const found = [];
      let count = 0, inHeading = false;
      const normalizedTitle = normalize(title);
      const seen = new Set(terms.filter(term => normalizedTitle.includes(term)));
      const inTitle = seen.size > 0;
      for (const [anchor, heading, text, source] of sections) {
        const spans = occurrences(text, terms);
        const headingSpans = anchor ? occurrences(heading, terms) : [];
        if (headingSpans.length) inHeading = true;
        for (const [, , term] of spans.concat(headingSpans)) seen.add(term);
        count += spans.length + headingSpans.length;
        if (spans.length || headingSpans.length) found.push({ anchor, heading, text, spans, headingSpans, source });
      }
      if (!terms.every(term => seen.has(term))) return null;
      const sample = id < manifest.samples ? 1 : 0;
      return { id, ...info, sample, key: [sample, inTitle ? 1 : 0, inHeading ? 1 : 0, count], sections: found, terms };
    }

    /* The candidates' places in the order of verification (rankOf), best first, those the filters
     * keep (options.type, options.year). Not inside search: V8 would optimize that whole async
     * function for the sake of these loops (60 ms of compiling on this machine). */
    function candidateOrder(candidates, keys, terms, manifest, options) {
      const flags = new Uint8Array(manifest.pages.length); // 2: a term in the title, 1: maybe in a heading
      if (candidates.ids.length) {
        markTitles(candidates.ids, terms, normalizedTitles(manifest), flags);
        for (const pairs of keys) flagAll(intersect(pairs.map(p => p.heading)).ids, flags, 1);
      }
      const typeIndex = options.type ? manifest.types.indexOf(options.type) : -2;
      const year = options.year ? String(options.year) : "";
      const ranks = new Float64Array(candidates.ids.length);
      return ranks.subarray(0, rankInto(ranks, candidates, flags, manifest.pages, manifest.samples, typeIndex, year)).sort().reverse();
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
      /* Every key's postings at once: the shards load in parallel; a bigram's "h" key is in its
       * shard. */
      const keys = await Promise.all(terms.map(term => Promise.all(chosenPairs(bigramsOf(term), manifest.heavy).map(async ([pair, at]) => {
        const [body, heading] = await Promise.all(["", "h"].map(prefix => postings(prefix + pair, manifest)));
        return { body: [body, at], heading: [heading, at] };
      }))));
      let candidates = null;
      for (const pairs of keys) {
        const hits = intersect(pairs.map(p => p.body));
        candidates = candidates ? both(candidates, hits) : hits;
      }
      const order = candidateOrder(candidates, keys, terms, manifest, options);
      const exactPostings = terms.every(term => Array.from(term).length === 2);
      /* Verify in that order until `limit` results are sure to lead: no unverified candidate can
       * still beat the last of them on sample, title or heading (occurrences rank only among the
       * verified, which the upper bound chose). */
      const verified = [];
      let next = 0;
      const done = () => verified.length >= limit && next < order.length &&
        tierOfKey(verified[limit - 1].key) >= tierOf(order[next]);
      while (next < order.length && !done()) {
        /* As many texts as results are still wanted (the places leave few candidates that fail),
         * at least 4 once the tiers still need settling: each wave of requests costs a round trip. */
        const batch = Array.from(order.subarray(next, next + Math.max(4, limit - verified.length)), idOf);
        next += batch.length;
        for (const result of await Promise.all(batch.map(id => verify(id, terms, manifest)))) {
          if (result) verified.push(result);
        }
        verified.sort((a, b) => compareKeys(a.key, b.key) || a.id - b.id);
      }
      const all = next >= order.length;
      const results = groupSnippets(verified);
      let samples = null;
      if (all) samples = results.filter(r => r.sample).length;
      else if (exactPostings) samples = order.filter(rank => tierOf(rank) >= 4).length;
      return {
        status: "ok", terms, short, results: results.slice(0, limit),
        total: all ? results.length : exactPostings ? order.length - (verified.length - results.length) : results.length,
        samples, exact: all || exactPostings, unverified: order.length - next, manifest,
      };
    }

    return { search, part, prepare };
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
