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

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[ch];
    });
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

    function render(updateUrl) {
      var current = state();
      var query = buildQuery(current);
      if (query === shownQuery) return;  // e.g. the change event on leaving the text box: keep the rows (and a click on one)
      shownQuery = query;
      var html = [];
      var shown = 0;
      data.rows.forEach(function (row) {
        if (!matches(row, current)) return;
        shown++;
        html.push("<tr><td><a href=\"" + escapeHtml(row[column.url]) + "\">" + escapeHtml(row[column.title]) +
          "</a></td><td>" + escapeHtml(data.types[row[column.type]] || row[column.type]) +
          "</td><td>" + escapeHtml(row[column.year]) + "</td><td>" + escapeHtml(row[column.level]) +
          "</td><td>" + escapeHtml(row[column.kind]) + "</td><td>" + escapeHtml(row[column.subject]) + "</td></tr>");
      });
      body.innerHTML = html.length ? html.join("") :
        "<tr><td colspan=\"6\" class=\"kb-empty\">没有符合条件的范例，请放宽筛选条件。</td></tr>";
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
