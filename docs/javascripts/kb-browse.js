/* 全部范例: filters the table of all samples in the browser.
 *
 * The rows come from browse/samples.js (window.kbSamples, generated at build time), so the page
 * works from file:// and without any network. Every filter is mirrored in the query string
 * (?type=annual&year=2021&level=县级&kind=…&subject=…&q=…), so a link can carry a filtered view.
 * Plain ES5 on purpose: intranet PCs often run old browsers.
 */
(function () {
  "use strict";

  var FILTERS = ["type", "year", "level", "kind", "subject"];

  function parseQuery(search) {
    var params = {};
    search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var parts = pair.split("=");
      try {
        params[decodeURIComponent(parts[0].replace(/\+/g, " "))] =
          decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      } catch (e) { /* a malformed parameter is ignored */ }
    });
    return params;
  }

  function buildQuery(state) {
    var parts = [];
    FILTERS.concat(["q"]).forEach(function (name) {
      if (state[name]) parts.push(name + "=" + encodeURIComponent(state[name]));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  // Rows are built as elements with textContent, never as HTML: a title or tag is always text.
  function cell(text) {
    var td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "" : String(text);
    return td;
  }

  function init() {
    var root = document.getElementById("kb-samples");
    var data = window.kbSamples;
    if (!root || !data) return;
    var form = root.getElementsByTagName("form")[0];
    var body = root.getElementsByTagName("tbody")[0];
    var count = root.querySelector(".kb-count");
    var column = {};
    data.fields.forEach(function (name, index) { column[name] = index; });

    function state() {
      var current = {};
      FILTERS.concat(["q"]).forEach(function (name) { current[name] = form.elements[name].value; });
      return current;
    }

    function matches(row, current) {
      for (var i = 0; i < FILTERS.length; i++) {
        var name = FILTERS[i];
        if (current[name] && String(row[column[name]]) !== current[name]) return false;
      }
      var words = current.q.toLowerCase().split(/\s+/);
      var haystack = (row[column.title] + " " + row[column.tags]).toLowerCase();
      for (var j = 0; j < words.length; j++) {
        if (words[j] && haystack.indexOf(words[j]) < 0) return false;
      }
      return true;
    }

    var shownQuery = null;

    function tableRow(row) {
      var tr = document.createElement("tr");
      var link = document.createElement("a");
      link.href = row[column.url];
      link.textContent = row[column.title];
      tr.appendChild(document.createElement("td")).appendChild(link);
      [data.types[row[column.type]] || row[column.type], row[column.year], row[column.level], row[column.kind],
        row[column.subject]].forEach(function (text) { tr.appendChild(cell(text)); });
      return tr;
    }

    function render(updateUrl) {
      var current = state();
      var query = buildQuery(current);
      if (query === shownQuery) return;  // e.g. the change event on leaving the text box: keep the rows (and a click on one)
      shownQuery = query;
      var rows = document.createDocumentFragment();
      var shown = 0;
      data.rows.forEach(function (row) {
        if (!matches(row, current)) return;
        shown++;
        rows.appendChild(tableRow(row));
      });
      if (!shown) {
        var empty = cell("没有符合条件的范例，请放宽筛选条件。");
        empty.colSpan = 6;
        empty.className = "kb-empty";
        rows.appendChild(document.createElement("tr")).appendChild(empty);
      }
      while (body.firstChild) body.removeChild(body.firstChild);
      body.appendChild(rows);
      count.textContent = shown === data.rows.length ?
        "共 " + data.rows.length + " 篇范例。" :
        "共 " + data.rows.length + " 篇范例，符合条件的 " + shown + " 篇。";
      if (updateUrl && window.history && window.history.replaceState) {
        try {
          window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
        } catch (e) { /* some browsers refuse on file://; the filters still work */ }
      }
    }

    var params = parseQuery(window.location.search);
    FILTERS.concat(["q"]).forEach(function (name) {
      if (params[name] !== undefined) form.elements[name].value = params[name];
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });  // no inline handler (CSP)
    form.addEventListener("change", function () { render(true); });
    form.addEventListener("input", function () { render(true); });
    form.addEventListener("keyup", function () { render(true); });
    form.addEventListener("reset", function () { setTimeout(function () { render(true); }, 0); });
    render(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
