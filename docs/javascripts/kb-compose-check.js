/*
 * 组织生活会材料库: the 撰写 page's live checks, a mirror of `python -m scripts.kb check`.
 *
 * KBComposeCheck.run(markdown, data) reads a contribution's Markdown (front matter and body) the
 * way scripts/kb/check does and returns the findings of the mirrored rules (data.rules: their IDs,
 * names, hints, severities and message templates), with the same lines and columns. Every list
 * and pattern comes from the build (scripts/kb/site/workbench.py), none is written here.
 * tests/browser/test_compose_parity.py runs both on the same random drafts and compares them.
 */
(function () {
  "use strict";

  var DIGITS = "零一二三四五六七八九";

  function chineseNumeral(n) {
    var tens = Math.floor(n / 10), ones = n % 10;
    var prefix = tens === 0 ? "" : (tens === 1 ? "十" : DIGITS[tens] + "十");
    return prefix + (ones ? DIGITS[ones] : "");
  }

  function parseChineseNumeral(text) {
    if (!text || /[^一二三四五六七八九十]/.test(text)) {
      return null;
    }
    if (text.indexOf("十") < 0) {
      return text.length === 1 ? DIGITS.indexOf(text) : null;
    }
    var cut = text.indexOf("十"), tens = text.slice(0, cut), ones = text.slice(cut + 1);
    if (tens.length > 1 || ones.length > 1 || (tens + ones).indexOf("十") >= 0) {
      return null;
    }
    return (tens ? DIGITS.indexOf(tens) : 1) * 10 + (ones ? DIGITS.indexOf(ones) : 0);
  }

  function levelMarker(level, n) {
    return level === 1 ? chineseNumeral(n) + "、" : level === 2 ? "（" + chineseNumeral(n) + "）" :
      level === 3 ? n + "." : "（" + n + "）";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] === undefined ? all : String(values[key]);
    });
  }

  function lstripLength(text) {
    return text.length - text.replace(/^\s+/, "").length;
  }

  // The patterns, compiled once per data object.
  function compiled(data) {
    if (data._re) {
      return data._re;
    }
    var md = data.markdown, c = data.check;
    data._re = {
      fence: new RegExp(md.FENCE), heading: new RegExp(md.HEADING), listItem: new RegExp(md.LIST_ITEM),
      quote: new RegExp(md.QUOTE), directive: new RegExp(md.DIRECTIVE), table: new RegExp(md.TABLE),
      htmlBlock: new RegExp(md.HTML_BLOCK), inline: new RegExp(md.INLINE, "g"), modelHeading: new RegExp(md.model_heading),
      marker: new RegExp("^(?:" + c.marker + ")"), halfWidth: new RegExp(c.half_width_regex, "g"),
      numberInBrackets: new RegExp(c.number_in_brackets, "g"), bracketNumber: new RegExp(c.bracket_number, "g"),
      typo: c.typo_regex ? new RegExp(c.typo_regex, "g") : null,
      pairs: new RegExp("[" + c.paired.map(function (p) { return p.join(""); }).join("").replace(/[\]\\^-]/g, "\\$&") + "]", "g")
    };
    return data._re;
  }

  function parseMarker(text, re) {
    var m = re.marker.exec(text);
    if (!m) {
      return null;
    }
    var level = m.groups.l1 ? 1 : m.groups.l2 ? 2 : m.groups.l3 ? 3 : 4;
    var raw = m.groups["n" + level];
    var number = level >= 3 ? parseInt(raw, 10) : parseChineseNumeral(raw);
    if (!number) {
      return null;
    }
    var written = m[0];
    return { level: level, number: number, text: written, halfWidth: /[()]/.test(written), proper: written === levelMarker(level, number) };
  }

  function mask(line, re) {
    return /[`\]<{]/.test(line) ? line.replace(re.inline, function (s) { return " ".repeat(s.length); }) : line;
  }

  // check/markdown.py prose_lines
  function proseLines(bodyLines, firstLine, re) {
    var out = [], inFence = false;
    bodyLines.forEach(function (line, offset) {
      if (re.fence.test(line)) {
        inFence = !inFence;
        return;
      }
      if (inFence || !line.trim() || re.table.test(line) || re.directive.test(line) || re.htmlBlock.test(line)) {
        return;
      }
      var number = firstLine + offset;
      var h = re.heading.exec(line);
      if (h) {
        var end = h[0].length;
        var text = " ".repeat(end) + line.slice(end).replace(/[# ]+$/, "");
        out.push({ number: number, kind: "heading", text: mask(text, re), level: h[1].length });
        return;
      }
      var prefix = re.listItem.exec(line), kind = "paragraph";
      if (prefix) {
        kind = "list";
      } else if ((prefix = re.quote.exec(line))) {
        kind = "quote";
      }
      if (prefix) {
        line = " ".repeat(prefix[0].length) + line.slice(prefix[0].length);
      }
      out.push({ number: number, kind: kind, text: mask(line.replace(/\s+$/, ""), re), level: 0 });
    });
    out.forEach(function (p) {
      p.start = lstripLength(p.text);
      p.content = p.text.slice(p.start);
    });
    return out;
  }

  function paragraphs(lines) {
    var blocks = [], previous = null;
    lines.forEach(function (line) {
      if (line.kind === "paragraph" && previous && previous.kind === "paragraph" && previous.number === line.number - 1) {
        blocks[blocks.length - 1].push(line);
      } else {
        blocks.push([line]);
      }
      previous = line;
    });
    return blocks;
  }

  // Front matter as the contribution writes it: one "key: value" a line, values in JSON or plain.
  function frontMatter(lines) {
    if (lines[0] !== "---") {
      return null;
    }
    var end = lines.indexOf("---", 1);
    if (end < 0) {
      return null;
    }
    var meta = {}, fieldLines = {};
    for (var i = 1; i < end; i++) {
      var m = /^([A-Za-z_]+):\s*(.*)$/.exec(lines[i]);
      if (!m) {
        continue;
      }
      var value = m[2].replace(/\s+#.*$/, "");
      try {
        value = /^["[]|^\d+$/.test(value) ? JSON.parse(value) : value;
      } catch (e) {
        // kept as written
      }
      meta[m[1]] = value;
      fieldLines[m[1]] = i + 1;
    }
    return { meta: meta, fieldLines: fieldLines, bodyLine: end + 2 };
  }

  function roleFor(text, roles) {
    var sorted = roles.slice().sort(function (a, b) { return b.priority - a.priority; });
    for (var i = 0; i < sorted.length; i++) {
      if (sorted[i].keywords.some(function (k) { return text.indexOf(k) >= 0; })) {
        return sorted[i];
      }
    }
    return null;
  }

  function run(markdown, data) {
    var re = compiled(data), rules = data.rules, c = data.check;
    var lines = markdown.split("\n");
    var fm = frontMatter(lines);
    var findings = [];
    function add(id, line, col, message, hint) {
      var rule = rules[id];
      findings.push({ rule: id, line: line, col: col, message: message, hint: hint || rule.hint,
        name: rule.name, severity: rule.severity });
    }
    var firstLine = fm ? fm.bodyLine : 1;
    var body = lines.slice(firstLine - 1);
    var prose = proseLines(body, firstLine, re);
    var markers = {};
    prose.forEach(function (line) {
      if (line.kind === "heading" || line.kind === "paragraph") {
        var marker = parseMarker(line.content, re);
        if (marker) {
          markers[line.number] = marker;
        }
      }
    });
    // Headings (core/model.py) and the H2 sections with their roles.
    var headings = [], sections = [{ heading: null, role: data.roles.find(function (r) { return r.key === "intro"; }), lines: [] }];
    var inFence = false;
    body.forEach(function (line, offset) {
      var number = firstLine + offset;
      if (re.fence.test(line)) {
        inFence = !inFence;
      }
      var h = inFence ? null : re.modelHeading.exec(line);
      if (h) {
        headings.push({ level: h[1].length, text: h[2], line: number });
      }
      if (h && h[1].length === 2) {
        sections.push({ heading: { text: h[2], line: number }, role: roleFor(h[2], data.roles), lines: [] });
      } else {
        sections[sections.length - 1].lines.push(line);
      }
    });
    if (!sections[0].lines.some(function (t) { return t.trim(); })) {
      sections.shift();
    }
    var meta = fm ? fm.meta : null;
    var type = meta && data.types.find(function (t) { return t.key === meta.meeting_type; });
    if (type) {
      // ST001
      var present = sections.filter(function (s) { return s.role; }).map(function (s) { return s.role.key; });
      var headed = sections.filter(function (s) { return s.heading; });
      var roleOf = function (key) { return data.roles.find(function (r) { return r.key === key; }); };
      var required = type.required.map(function (k) { return roleOf(k).name; }).join("、");
      type.required.forEach(function (key) {
        if (present.indexOf(key) >= 0) {
          return;
        }
        var role = roleOf(key);
        var after = headed.find(function (s) { return s.role && s.role.order > role.order; });
        var line = after ? after.heading.line : lastLine(lines);
        var m = rules.ST001.messages;
        add("ST001", line, 1, fill(m.missing, { role: role.name, type: type.name, required: required }),
          fill(m.hint, { role: role.name, hint: role.hint }));
      });
      // ST002
      var latest = null;
      sections.forEach(function (s) {
        if (!s.role || !s.heading) {
          return;
        }
        if (latest && s.role.order < latest.order) {
          add("ST002", s.heading.line, 1, fill(rules.ST002.messages.order, { heading: s.heading.text, role: s.role.name, latest: latest.name }));
        } else if (!latest || s.role.order > latest.order) {
          latest = s.role;
        }
      });
      // ST004
      var year = type.years.find(function (y) { return y.year === meta.year; });
      var problems = year ? sections.filter(function (s) { return s.role && s.role.key === "problems" && s.heading; }) : [];
      if (problems.length) {
        var text = problems.map(function (s) { return s.heading.text + "\n" + s.lines.join("\n"); }).join("\n");
        (year.coverage[meta.subject] || year.coverage[""] || []).forEach(function (area) {
          var keywords = year.areas[area] || [];
          if (text.indexOf(area) < 0 && !keywords.some(function (k) { return text.indexOf(k) >= 0; })) {
            add("ST004", problems[0].heading.line, 1, fill(rules.ST004.messages.area, { framework: year.framework, area: area }));
          }
        });
      }
    }
    // ST005
    headings.forEach(function (heading, index) {
      var following = headings[index + 1];
      var end = following ? following.line - 1 : lines.length;
      if (lines.slice(heading.line, end).some(function (t) { return t.trim(); })) {
        return;
      }
      if (!following || following.level <= heading.level) {
        add("ST005", heading.line, 1, fill(rules.ST005.messages.empty, { heading: heading.text }));
      }
    });
    // NU001, NU002 over the numbered lines (rules/_outline.py)
    var numbered = prose.filter(function (l) {
      return (l.kind === "heading" || l.kind === "paragraph") && (l.kind === "heading" || markers[l.number]);
    }).map(function (l) {
      return { line: l.number, col: l.start + 1, marker: markers[l.number] || null, headingLevel: l.kind === "heading" ? l.level : 0 };
    });
    numbered.forEach(function (item) {
      var marker = item.marker;
      if (!marker) {
        return;
      }
      var expected = item.headingLevel - 1;
      var m = rules.NU001.messages;
      if (item.headingLevel && expected >= 1 && expected <= 4 && marker.level !== expected) {
        add("NU001", item.line, item.col, fill(m.level, { level: item.headingLevel, example: c.examples[expected], marker: marker.text }));
      } else if (!marker.proper && !marker.halfWidth) {
        add("NU001", item.line, item.col, fill(m.form, { marker: marker.text, proper: levelMarker(marker.level, marker.number) }));
      }
    });
    var last = {};
    numbered.forEach(function (item) {
      if (item.headingLevel) {
        var outlineLevel = item.headingLevel - 1;
        Object.keys(last).forEach(function (k) {
          if (k === c.paragraph_top || Number(k) > outlineLevel) {
            delete last[k];
          }
        });
      }
      var marker = item.marker;
      if (!marker) {
        return;
      }
      var key = marker.level === 1 && !item.headingLevel ? c.paragraph_top : String(marker.level);
      var had = Object.prototype.hasOwnProperty.call(last, key);
      var expected = (had ? last[key] : 0) + 1;
      var m = rules.NU002.messages;
      if (marker.number !== expected) {
        var proper = levelMarker(marker.level, expected);
        var message = had ?
          fill(marker.number <= last[key] ? m.repeat : m.skip, { marker: marker.text, last: levelMarker(marker.level, last[key]), proper: proper }) :
          fill(m.start, { marker: marker.text, proper: proper });
        add("NU002", item.line, item.col, message);
      }
      last[key] = had && marker.number <= last[key] ? expected : marker.number;
      Object.keys(last).forEach(function (k) {
        if (k !== c.paragraph_top && Number(k) > marker.level) {
          delete last[k];
        }
      });
    });
    // NU003
    prose.forEach(function (line) {
      var marker = markers[line.number], columns = [];
      line.text.replace(re.bracketNumber, function (s, offset) { columns.push(offset); return s; });
      if (marker && marker.halfWidth && columns.indexOf(line.start) < 0) {
        columns.push(line.start);
      }
      columns.sort(function (a, b) { return a - b; }).forEach(function (index) {
        var written = line.text.slice(index, line.text.indexOf(")", index) + 1);
        add("NU003", line.number, index + 1, fill(rules.NU003.messages.brackets, { written: written, right: written.replace(/\(/g, "（").replace(/\)/g, "）") }));
      });
    });
    // TX002
    var closing = {}, opening = {};
    c.paired.forEach(function (p) { closing[p[1]] = p[0]; opening[p[0]] = p[1]; });
    paragraphs(prose).forEach(function (block) {
      var open = {};
      c.paired.forEach(function (p) { open[p[0]] = []; });
      block.forEach(function (line) {
        line.text.replace(re.pairs, function (mark, offset) {
          var where = [line.number, offset + 1];
          if (open[mark]) {
            open[mark].push(where);
          } else if (open[closing[mark]].length) {
            open[closing[mark]].pop();
          } else {
            add("TX002", where[0], where[1], fill(rules.TX002.messages.closing, { mark: mark, other: closing[mark] }));
          }
          return mark;
        });
      });
      c.paired.forEach(function (p) {
        open[p[0]].forEach(function (where) {
          add("TX002", where[0], where[1], fill(rules.TX002.messages.opening, { mark: p[0], other: p[1] }));
        });
      });
    });
    // TX003, TX005 over the prose joined by newlines
    var starts = [], offset = 0;
    prose.forEach(function (line) { starts.push(offset); offset += line.text.length + 1; });
    var proseText = prose.map(function (l) { return l.text; }).join("\n");
    function position(at) {
      var i = starts.length - 1;
      while (i > 0 && starts[i] > at) {
        i--;
      }
      return [prose[i].number, at - starts[i] + 1];
    }
    var masked = proseText.indexOf("(") >= 0 ? proseText.replace(re.numberInBrackets, function (s) { return " ".repeat(s.length); }) : proseText;
    masked.replace(re.halfWidth, function (mark, at) {
      var p = position(at);
      add("TX003", p[0], p[1], fill(rules.TX003.messages.mark, { mark: mark, right: c.half_width[mark] }));
      return mark;
    });
    if (re.typo) {
      proseText.replace(re.typo, function (wrong, at) {
        var p = position(at);
        add("TX005", p[0], p[1], fill(rules.TX005.messages.typo, { wrong: wrong, right: c.typos[wrong] }));
        return wrong;
      });
    }
    // TX007
    if (meta) {
      Object.keys(meta).forEach(function (key) {
        var values = Array.isArray(meta[key]) ? meta[key] : [meta[key]];
        if (values.indexOf(c.todo_value) >= 0) {
          var line = fm.fieldLines[key], text = lines[line - 1], colon = text.indexOf(":"), rest = text.slice(colon + 1);
          var col = colon >= 0 && rest.trim() ? colon + 2 + lstripLength(rest) : 1;
          add("TX007", line, col, fill(rules.TX007.messages.field, { label: c.labels[key] || key, key: key }));
        }
      });
    }
    inFence = false;
    body.forEach(function (line, i) {
      if (re.fence.test(line)) {
        inFence = !inFence;
        return;
      }
      if (!inFence && line.trim() && line.replace(/^\s+/, "").indexOf(c.hint_prefix) === 0) {
        add("TX007", firstLine + i, line.indexOf(c.hint_prefix) + 1, fill(rules.TX007.messages.hint, { hint: line.trim().slice(c.hint_prefix.length) }));
      }
    });
    findings.sort(function (a, b) { return a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0); });
    return findings;
  }

  function lastLine(lines) {
    for (var i = lines.length; i >= 1; i--) {
      if (lines[i - 1].trim()) {
        return i;
      }
    }
    return 1;
  }

  window.KBComposeCheck = { run: run, levelMarker: levelMarker, chineseNumeral: chineseNumeral };
})();
