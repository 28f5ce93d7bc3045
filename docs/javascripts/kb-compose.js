/*
 * 组织生活会材料库: the 撰写工作台 (docs/compose.md) and the 加入撰写 buttons on samples and
 * snippet cards.
 *
 * Everything stays in the browser: drafts live in localStorage, the Word file is zipped here
 * (vendored fflate) from a template the build wrote, and the page sends nothing anywhere. The
 * data (outlines, rules, snippet parts, the Word template) are scripts the build writes under
 * assets/compose/ (scripts/kb/site/workbench.py), loaded with <script> so that file:// works.
 */
(function () {
  "use strict";

  var self = document.currentScript;
  var ROOT = self ? self.src.replace(/javascripts\/kb-compose\.js(?:[?#].*)?$/, "") : "";
  var DRAFTS = "kb-compose-drafts", CURRENT = "kb-compose-current", INBOX = "kb-compose-inbox";
  var loaded = {};

  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = ROOT + path;
        tag.onload = resolve;
        tag.onerror = function () { reject(new Error(path)); };
        document.head.appendChild(tag);
      });
    }
    return loaded[path];
  }

  function data() {
    return load("assets/compose/data.js").then(function () { return window.KB_COMPOSE_DATA; });
  }

  function read(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // storage full or forbidden: the draft stays on the page
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") {
        node.textContent = attrs[key];
      } else if (key === "on") {
        Object.keys(attrs.on).forEach(function (type) { node.addEventListener(type, attrs.on[type]); });
      } else if (key in node && key !== "list") {
        node[key] = attrs[key];
      } else {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function roleFor(text, roles) {
    var sorted = roles.slice().sort(function (a, b) { return b.priority - a.priority; });
    return sorted.find(function (r) { return r.keywords.some(function (k) { return text.indexOf(k) >= 0; }); }) || null;
  }

  // ---- 加入撰写: samples and snippet cards put text into the inbox the 撰写 page empties -----

  function addToCompose(role, text, button) {
    var inbox = read(INBOX, []);
    inbox.push({ role: role, text: text });
    write(INBOX, inbox);
    button.textContent = "已加入撰写";
    button.classList.add("kb-copied");
  }

  function composeButton(getItem) {
    return el("button", { type: "button", className: "kb-copy-button kb-ui kb-compose-add", text: "加入撰写",
      title: "把这段文字加入撰写工作台的当前草稿（在“撰写”页打开）",
      on: { click: function (event) {
        event.preventDefault();
        event.stopPropagation();
        var button = event.currentTarget;
        data().then(function (D) {
          var item = getItem(D);
          addToCompose(item.role, item.text, button);
        });
      } } });
  }

  function setUpAddButtons(article) {
    var text = window.KBCopyText;
    if (!text) {
      return;
    }
    var tools = article.querySelector(".kb-sample-tools");
    if (tools) {
      article.querySelectorAll("h2").forEach(function (heading) {
        if (tools.compareDocumentPosition(heading) & 4 && !heading.querySelector(".kb-compose-add")) {
          heading.appendChild(composeButton(function (D) {
            var lines = text.section(heading).split("\n");
            var role = roleFor(lines[0], D.roles);
            return { role: role ? role.key : null, text: lines.slice(1).join("\n") };
          }));
        }
      });
    }
    article.querySelectorAll(".kb-card[data-kb-kind]").forEach(function (card) {
      if (!card.querySelector(".kb-compose-add")) {
        card.insertBefore(composeButton(function (D) {
          var kind = card.getAttribute("data-kb-kind");
          var role = Object.keys(D.kinds).find(function (r) { return D.kinds[r].kind === kind; });
          return { role: role || null, text: text.block(card.querySelector(".kb-copy-text") || card) };
        }), card.firstChild);
      }
    });
  }

  // ---- the draft --------------------------------------------------------------------------

  function typeOf(D, key) {
    return D.types.find(function (t) { return t.key === key; }) || D.types[0];
  }

  function yearOf(type, year) {
    return type.years.find(function (y) { return y.year === year; }) || type.years[0];
  }

  var nextId = 1;
  function block(item) {
    return { id: "b" + Date.now().toString(36) + (nextId++), level: item.level, role: item.role, area: item.area || null,
      text: item.text, hint: item.hint, body: item.body || "" };
  }

  function outlineBlocks(D, draft, areas) {
    var year = yearOf(typeOf(D, draft.type), draft.year);
    var items = year.outlines[draft.subject] || [];
    if (areas) {  // a local list of aspects in place of the framework's
      var problems = D.roles.find(function (r) { return r.key === "problems"; });
      items = items.filter(function (i) { return i.level === 1; });
      var at = items.findIndex(function (i) { return i.role === "problems"; });
      items.splice.apply(items, [at + 1, 0].concat(areas.map(function (name) {
        return { level: 2, role: "problems", area: null, text: /方面$/.test(name) ? name : name + "方面", hint: problems.hint };
      })));
    }
    return items.map(block);
  }

  function newDraft(D, name, type, year, subject) {
    var t = typeOf(D, type);
    var draft = { name: name, type: t.key, year: yearOf(t, year).year, subject: subject || D.subjects[0].key, title: "",
      level: "", org_kind: "", tags: [], fields: {}, localAreas: "" };
    draft.blocks = outlineBlocks(D, draft, null);
    return draft;
  }

  function numbers(blocks) {
    var n1 = 0, n2 = 0;
    return blocks.map(function (b) {
      if (b.level === 1) {
        n1 += 1;
        n2 = 0;
        return window.KBComposeCheck.levelMarker(1, n1);
      }
      n2 += 1;
      return window.KBComposeCheck.levelMarker(2, n2);
    });
  }

  function fillFields(D, draft, text) {
    D.fields.forEach(function (f) {
      var value = (draft.fields || {})[f.key];
      if (value) {
        text = text.split("【" + f.label + "】").join(value);
      }
    });
    return text;
  }

  function titleOf(D, draft) {
    if (draft.title) {
      return fillFields(D, draft, draft.title);
    }
    var f = draft.fields || {};
    return (D.titles[draft.type] || D.title).replace("{branch}", f.branch || "").replace("{year}", f.year || draft.year)
      .replace("{type_name}", typeOf(D, draft.type).name);
  }

  function paragraphsOf(D, draft, b) {
    return fillFields(D, draft, b.body).split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
  }

  // The draft as a contribution: front matter `check` accepts, then the numbered outline. Also
  // returns which block each line belongs to, to show the findings beside the blocks.
  function toMarkdown(D, draft) {
    var year = yearOf(typeOf(D, draft.type), draft.year), tags = tagsOf(D, draft);
    var meta = [
      ["title", JSON.stringify(titleOf(D, draft))], ["meeting_type", draft.type], ["year", String(draft.year)],
      ["level", draft.level || "TODO"], ["org_kind", draft.org_kind || "TODO"], ["subject", draft.subject],
      ["framework", JSON.stringify(year.framework)], ["tags", JSON.stringify(tags.length ? tags : ["TODO"])],
      ["source", JSON.stringify(D.source)]
    ];
    var lines = ["---"].concat(meta.map(function (m) { return m[0] + ": " + m[1]; }), ["---"]);
    var owners = lines.map(function () { return null; });
    var marks = numbers(draft.blocks);
    draft.blocks.forEach(function (b, i) {
      lines.push("", (b.level === 1 ? "## " : "### ") + marks[i] + fillFields(D, draft, b.text));
      owners.push(b.id, b.id);
      var blockStart = new RegExp(D.markdown.block_start);
      paragraphsOf(D, draft, b).forEach(function (p) {
        // prose stays prose: "1. ", "- ", "#", ">" at a line's start get a backslash, as `import` writes them
        lines.push("", p.replace(blockStart, function (m, digits) { return (digits || "") + "\\"; }));
        owners.push(b.id, b.id);
      });
    });
    return { text: lines.join("\n") + "\n", owners: owners };
  }

  // The tags chosen, or else the framework's name when it is a tag (四个对照, 六个方面).
  function tagsOf(D, draft) {
    var framework = yearOf(typeOf(D, draft.type), draft.year).framework;
    return draft.tags && draft.tags.length ? draft.tags : D.allowed.tags.indexOf(framework) >= 0 ? [framework] : [];
  }

  function plainText(D, draft) {
    var marks = numbers(draft.blocks), out = [titleOf(D, draft)];
    draft.blocks.forEach(function (b, i) {
      out.push(marks[i] + fillFields(D, draft, b.text));
      out.push.apply(out, paragraphsOf(D, draft, b));
    });
    return out.join("\n");
  }

  // ---- Word: the build's template with the draft's paragraphs ------------------------------

  function xmlEscape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function wordFile(D, draft) {
    var fflate = window.fflate;
    var raw = atob(window.KB_COMPOSE_TEMPLATE), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    var files = fflate.unzipSync(bytes);
    var xml = fflate.strFromU8(files["word/document.xml"]);
    var start = xml.indexOf("<w:body>") + "<w:body>".length, end = xml.lastIndexOf("<w:sectPr");
    // The template's paragraphs: title, 一、, （一）, body, body with a bold lead-in (workbench.py).
    var protos = xml.slice(start, end).match(/<w:p[ >][\s\S]*?<\/w:p>/g).map(function (p) {
      return { pPr: (p.match(/<w:pPr>[\s\S]*?<\/w:pPr>/) || [""])[0], rPr: p.match(/<w:rPr>[\s\S]*?<\/w:rPr>/g) || [""] };
    });
    function run(rPr, text) {
      return "<w:r>" + rPr + '<w:t xml:space="preserve">' + xmlEscape(text) + "</w:t></w:r>";
    }
    function para(proto, text) {
      return "<w:p>" + proto.pPr + run(proto.rPr[0], text) + "</w:p>";
    }
    // A 1. or （1） paragraph: its first sentence in bold (word/docx_content.py LeadIn.runs).
    var lead = D.lead_in, leadMarker = new RegExp("^(?:" + lead.marker + ")"), bold = protos[4];
    function bodyPara(text) {
      if (!leadMarker.test(text)) {
        return para(protos[3], text);
      }
      var chars = Array.from(text), end = chars.findIndex(function (ch) { return lead.ends.indexOf(ch) >= 0; });
      if (end < 0) {
        return chars.length <= lead.max_chars ? "<w:p>" + bold.pPr + run(bold.rPr[0], text) + "</w:p>" : para(protos[3], text);
      }
      if (end + 1 > lead.max_chars) {
        return para(protos[3], text);
      }
      var head = chars.slice(0, end + 1).join(""), rest = chars.slice(end + 1).join("");
      return "<w:p>" + bold.pPr + run(bold.rPr[0], head) + (rest ? run(bold.rPr[1], rest) : "") + "</w:p>";
    }
    var title = titleOf(D, draft), marks = numbers(draft.blocks), body = [para(protos[0], title)];
    draft.blocks.forEach(function (b, index) {
      body.push(para(protos[b.level === 1 ? 1 : 2], marks[index] + fillFields(D, draft, b.text)));
      paragraphsOf(D, draft, b).forEach(function (p) { body.push(bodyPara(p)); });
    });
    files["word/document.xml"] = fflate.strToU8(xml.slice(0, start) + body.join("") + xml.slice(end));
    var core = fflate.strFromU8(files["docProps/core.xml"]);
    files["docProps/core.xml"] = fflate.strToU8(core.replace(/<dc:title>[\s\S]*?<\/dc:title>/, "<dc:title>" + xmlEscape(title) + "</dc:title>"));
    return fflate.zipSync(files);
  }

  function save(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // A file name as `import` writes one (core/slug.py): year, type and the pinyin of the title.
  var pinyinOf = null;
  function fileName(D, draft) {
    if (!pinyinOf) {
      pinyinOf = {};
      var table = window.KB_COMPOSE_PINYIN || {};
      Object.keys(table).forEach(function (pinyin) {
        Array.from(table[pinyin]).forEach(function (ch) { pinyinOf[ch] = pinyin; });
      });
    }
    var slug = "", tokens = titleOf(D, draft).match(new RegExp(D.slug.token, "g")) || [];
    for (var i = 0; i < tokens.length; i++) {
      var word = /^[A-Za-z0-9]+$/.test(tokens[i]) ? tokens[i].toLowerCase() : pinyinOf[tokens[i]] || "";
      if (word && slug.length + 1 + word.length > D.slug.max_length) {
        break;
      }
      slug = slug && word ? slug + "-" + word : slug || word;
    }
    return draft.year + "-" + draft.type + "-" + (slug || "draft");
  }

  // ---- the page -------------------------------------------------------------------------------

  function Workbench(root, D) {
    this.root = root;
    this.D = D;
    this.timer = null;
    this.drafts = read(DRAFTS, {});
    var current = read(CURRENT, null);
    this.draft = this.drafts[current] || this.drafts[Object.keys(this.drafts)[0]] || null;
    if (!this.draft) {
      this.draft = newDraft(D, D.draft_name);
    }
    this.takeInbox();
    this.persist();
    this.render();
  }

  Workbench.prototype.takeInbox = function () {
    var inbox = read(INBOX, []), draft = this.draft;
    if (!inbox.length) {
      return;
    }
    inbox.forEach(function (item) {
      var target = draft.blocks.find(function (b) { return b.level === 1 && b.role === item.role; }) ||
        draft.blocks.find(function (b) { return b.role === item.role; }) || draft.blocks[0];
      target.body = target.body ? target.body.replace(/\s+$/, "") + "\n" + item.text : item.text;
    });
    write(INBOX, []);
    this.notice = "已把其他页面“加入撰写”的 " + inbox.length + " 段文字放到相应部分，请按本单位实际改写。";
  };

  Workbench.prototype.persist = function () {
    this.draft.updated = new Date().toISOString();
    this.drafts[this.draft.name] = this.draft;
    write(DRAFTS, this.drafts);
    write(CURRENT, this.draft.name);
  };

  Workbench.prototype.changed = function () {
    var that = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      that.persist();
      that.check();
    }, this.D.check_delay_ms);
  };

  Workbench.prototype.select = function (label, value, options, onChange, cls) {
    var select = el("select", { className: cls || "", on: { change: function () { onChange(select.value); } } },
      options.map(function (o) {
        return el("option", { value: String(o[0]), text: o[1], selected: String(o[0]) === String(value) });
      }));
    return el("label", { className: "kb-compose-field" }, [label + " ", select]);
  };

  Workbench.prototype.render = function () {
    var that = this, D = this.D, draft = this.draft;
    var type = typeOf(D, draft.type);
    this.root.textContent = "";
    if (this.notice) {
      this.root.appendChild(el("p", { className: "kb-compose-notice", text: this.notice }));
    }
    // Drafts
    var names = Object.keys(this.drafts);
    var nameInput = el("input", { type: "text", className: "kb-compose-name", value: draft.name, title: "草稿名称" });
    this.root.appendChild(el("div", { className: "kb-compose-bar kb-compose-drafts" }, [
      this.select("草稿", draft.name, names.map(function (n) { return [n, n]; }), function (name) {
        that.persist();
        that.draft = that.drafts[name];
        that.persist();
        that.render();
      }, "kb-compose-draft-list"),
      nameInput,
      el("button", { type: "button", className: "md-button", text: "改名", on: { click: function () {
        var name = nameInput.value.trim();
        if (name && name !== draft.name && !that.drafts[name]) {
          delete that.drafts[draft.name];
          draft.name = name;
          that.persist();
          that.render();
        }
      } } }),
      el("button", { type: "button", className: "md-button", text: "新建", on: { click: function () {
        var n = 1, name = D.draft_name;
        while (that.drafts[name]) {
          n += 1;
          name = D.draft_name + n;
        }
        that.persist();
        that.draft = newDraft(D, name, draft.type, draft.year, draft.subject);
        that.persist();
        that.render();
      } } }),
      el("button", { type: "button", className: "md-button", text: "删除", on: { click: function () {
        delete that.drafts[draft.name];
        write(DRAFTS, that.drafts);
        var rest = Object.keys(that.drafts);
        that.draft = rest.length ? that.drafts[rest[0]] : newDraft(D, D.draft_name);
        that.persist();
        that.render();
      } } }),
      el("button", { type: "button", className: "md-button", text: "清空", title: "清空当前草稿的全部文字", on: { click: function () {
        draft.blocks.forEach(function (b) { b.body = ""; });
        that.persist();
        that.render();
      } } })
    ]));
    // Meeting type, year, subject
    function rebuild(change) {
      change();
      var bodies = {};
      draft.blocks.forEach(function (b) { bodies[b.role + "|" + (b.area || b.text)] = b.body; });
      draft.blocks = outlineBlocks(D, draft, null);
      draft.blocks.forEach(function (b) { b.body = bodies[b.role + "|" + (b.area || b.text)] || ""; });
      that.persist();
      that.render();
    }
    var year = yearOf(type, draft.year);
    this.root.appendChild(el("div", { className: "kb-compose-bar kb-compose-choice" }, [
      this.select("会议类型", draft.type, D.types.map(function (t) { return [t.key, t.name]; }), function (v) {
        rebuild(function () { draft.type = v; draft.year = typeOf(D, v).years[0].year; });
      }, "kb-compose-type"),
      this.select("年度", draft.year, type.years.map(function (y) { return [y.year, y.year + "年度（" + y.framework + "）"]; }), function (v) {
        rebuild(function () { draft.year = Number(v); });
      }, "kb-compose-year"),
      this.select("对象", draft.subject, D.subjects.map(function (s) { return [s.key, s.label]; }), function (v) {
        rebuild(function () { draft.subject = v; });
      }, "kb-compose-subject")
    ]));
    var local = el("textarea", { className: "kb-compose-local", rows: 3, value: draft.localAreas || "",
      placeholder: "本地（上级通知）规定的对照方面，一行一个" });
    this.root.appendChild(el("details", { className: "kb-compose-local-areas" }, [
      el("summary", { text: "使用本地的对照方面" }), local,
      el("button", { type: "button", className: "md-button", text: "按这些方面重排提纲", on: { click: function () {
        var areas = local.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
        draft.localAreas = local.value;
        var kept = draft.blocks.filter(function (b) { return b.level === 1; });
        var fresh = outlineBlocks(D, draft, areas.length ? areas : null);
        draft.blocks = fresh.map(function (b) {
          var old = b.level === 1 && kept.find(function (k) { return k.role === b.role; });
          return old ? (old.text = b.text, old) : b;
        });
        that.persist();
        that.render();
      } } })
    ]));
    // Front matter and common fields
    var meta = el("div", { className: "kb-compose-bar kb-compose-meta" }, [
      el("label", { className: "kb-compose-field" }, ["标题 ", el("input", { type: "text", className: "kb-compose-title", value: draft.title,
        placeholder: titleOf(D, Object.assign({}, draft, { title: "" })), on: { input: function (e) { draft.title = e.target.value; that.changed(); } } })]),
      this.select("组织层级", draft.level, [["", "请选择"]].concat(D.allowed.levels.map(function (v) { return [v, v]; })), function (v) {
        draft.level = v;
        that.changed();
      }, "kb-compose-level"),
      this.select("组织类别", draft.org_kind, [["", "请选择"]].concat(D.allowed.org_kinds.map(function (v) { return [v, v]; })), function (v) {
        draft.org_kind = v;
        that.changed();
      }, "kb-compose-org-kind")
    ]);
    this.root.appendChild(meta);
    var tags = el("details", { className: "kb-compose-tags" }, [el("summary", { text: "标签（投稿稿需要至少一个）" })]);
    var chosen = tagsOf(D, draft);
    D.allowed.tags.forEach(function (tag) {
      tags.appendChild(el("label", { className: "kb-compose-field kb-compose-tag" }, [el("input", { type: "checkbox", value: tag,
        checked: chosen.indexOf(tag) >= 0, on: { change: function () {
          draft.tags = Array.prototype.map.call(tags.querySelectorAll("input:checked"), function (box) { return box.value; });
          that.changed();
        } } }), tag]));
    });
    this.root.appendChild(tags);
    var fields = el("div", { className: "kb-compose-bar kb-compose-fields" }, [el("span", { text: "常用字段（文中写作【字段名】处一并替换）：" })]);
    D.fields.forEach(function (f) {
      fields.appendChild(el("label", { className: "kb-compose-field" }, [f.label + " ", el("input", {
        type: "text", className: "kb-compose-common", "data-field": f.key, value: (draft.fields || {})[f.key] || "", placeholder: f.example,
        on: { input: function (e) { draft.fields = draft.fields || {}; draft.fields[f.key] = e.target.value.trim(); that.changed(); } }
      })]));
    });
    this.root.appendChild(fields);
    // Placeholders and findings, filled by check()
    this.placeholderBox = el("div", { className: "kb-compose-placeholders" });
    this.findingBox = el("div", { className: "kb-compose-findings", "aria-live": "polite" });
    this.root.appendChild(this.placeholderBox);
    this.root.appendChild(this.findingBox);
    // The outline
    var list = el("div", { className: "kb-compose-blocks" });
    var marks = numbers(draft.blocks);
    draft.blocks.forEach(function (b, index) {
      list.appendChild(that.blockView(b, marks[index], index));
    });
    this.root.appendChild(list);
    // Outputs
    this.exportNote = el("p", { className: "kb-compose-export-note" });
    this.root.appendChild(el("div", { className: "kb-compose-bar kb-compose-outputs" }, [
      el("button", { type: "button", className: "md-button md-button--primary kb-compose-word", text: "下载 Word", on: { click: function () {
        that.persist();
        save(fileName(D, draft) + ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", wordFile(D, draft));
      } } }),
      el("button", { type: "button", className: "md-button kb-compose-copy", text: "复制全文", "data-kb-label": "复制全文", on: { click: function (e) {
        window.KBCopyText.copy(plainText(D, draft), e.currentTarget);
      } } }),
      el("button", { type: "button", className: "md-button kb-compose-contribution", text: "下载投稿稿", on: { click: function () {
        that.persist();
        save(fileName(D, draft) + ".md", "text/markdown;charset=utf-8", toMarkdown(D, draft).text);
      } } }),
      this.exportNote
    ]));
    this.check();
  };

  Workbench.prototype.move = function (index, step) {
    var blocks = this.draft.blocks, b = blocks[index];
    function group(at) {  // a section with its aspects, or one aspect
      var end = at + 1;
      while (blocks[at].level === 1 && end < blocks.length && blocks[end].level === 2) {
        end += 1;
      }
      return [at, end];
    }
    var mine = group(index), other;
    if (step < 0) {
      var prev = index - 1;
      while (prev >= 0 && blocks[prev].level > b.level) {
        prev -= 1;
      }
      if (prev < 0 || blocks[prev].level !== b.level) {
        return;
      }
      other = group(prev);
      blocks.splice.apply(blocks, [other[0], mine[1] - other[0]].concat(blocks.slice(mine[0], mine[1]), blocks.slice(other[0], other[1])));
    } else {
      if (mine[1] >= blocks.length || blocks[mine[1]].level !== b.level) {
        return;
      }
      other = group(mine[1]);
      blocks.splice.apply(blocks, [mine[0], other[1] - mine[0]].concat(blocks.slice(other[0], other[1]), blocks.slice(mine[0], mine[1])));
    }
    this.persist();
    this.render();
  };

  Workbench.prototype.blockView = function (b, mark, index) {
    var that = this, D = this.D, draft = this.draft;
    var body = el("textarea", { className: "kb-block-body", rows: b.level === 1 ? 4 : 3, value: b.body, placeholder: b.hint,
      on: { input: function () { b.body = body.value; that.changed(); } } });
    var head = el("div", { className: "kb-block-head" }, [
      el("span", { className: "kb-block-number", text: mark }),
      el("input", { type: "text", className: "kb-block-title", value: b.text, "aria-label": "标题",
        on: { input: function (e) { b.text = e.target.value; that.changed(); } } }),
      el("span", { className: "kb-block-tools" }, [
        el("button", { type: "button", className: "kb-block-up", title: "上移", "aria-label": "上移", text: "↑", on: { click: function () { that.move(index, -1); } } }),
        el("button", { type: "button", className: "kb-block-down", title: "下移", "aria-label": "下移", text: "↓", on: { click: function () { that.move(index, 1); } } }),
        b.level === 1 && b.role === "problems" ? el("button", { type: "button", className: "kb-block-add", text: "添加方面", on: { click: function () {
          var at = index + 1;
          while (at < draft.blocks.length && draft.blocks[at].level === 2) {
            at += 1;
          }
          draft.blocks.splice(at, 0, block({ level: 2, role: "problems", text: "新的对照方面", hint: b.hint }));
          that.persist();
          that.render();
        } } }) : null,
        el("button", { type: "button", className: "kb-block-remove", title: "删除本节", "aria-label": "删除本节", text: "✕", on: { click: function () {
          var end = index + 1;
          while (b.level === 1 && end < draft.blocks.length && draft.blocks[end].level === 2) {
            end += 1;
          }
          draft.blocks.splice(index, end - index);
          that.persist();
          that.render();
        } } })
      ])
    ]);
    // References: the snippets of this aspect when the framework's area has some, else those of the section's kind.
    var refs = el("details", { className: "kb-block-refs" });
    var year = yearOf(typeOf(D, draft.type), draft.year);
    var areaGroup = b.area && year.area_groups[b.area];
    var group = areaGroup && D.parts[areaGroup] ? areaGroup : D.kinds[b.role] ? draft.type + "-" + D.kinds[b.role].slug : null;
    var count = group ? D.parts[group] || 0 : 0;
    refs.appendChild(el("summary", { text: count ? "参考片段（" + (group === areaGroup ? "本方面" : D.kinds[b.role].kind) + "，" + count + " 段）" : "暂无参考片段" }));
    refs.addEventListener("toggle", function () {
      if (refs.open && count && !refs.querySelector(".kb-ref")) {
        that.references(refs, b, group, 1, count, body);
      }
    });
    return el("section", { className: "kb-block kb-block-level-" + b.level, "data-block": b.id }, [
      head, body, el("div", { className: "kb-block-issues" }), refs
    ]);
  };

  // One part of a group of snippets at a time (assets/compose/snippets/<group>-<n>.js).
  Workbench.prototype.references = function (refs, b, group, number, count, body) {
    var that = this, part = group + "-" + number;
    load("assets/compose/snippets/" + part + ".js").then(function () {
      (window.KB_COMPOSE_SNIPPETS[part] || []).forEach(function (s) {
        refs.appendChild(el("div", { className: "kb-ref" }, [
          el("p", { className: "kb-ref-text", text: s.text }),
          el("p", { className: "kb-ref-meta" }, [
            el("button", { type: "button", className: "kb-copy-button kb-ref-insert", text: "插入", title: "插入到本节，再按本单位实际改写",
              on: { click: function (e) {
                b.body = b.body ? b.body.replace(/\s+$/, "") + "\n" + s.text : s.text;
                body.value = b.body;
                e.currentTarget.textContent = "已插入";
                that.changed();
              } } }),
            s.topic + " · 出处：",
            el("a", { href: ROOT + s.url, text: s.title + "：" + s.section })
          ])
        ]));
      });
      var shown = Math.min(number * that.D.part_size, count);
      if (shown < count) {
        var more = el("button", { type: "button", className: "md-button kb-ref-more", text: "再载入（还有 " + (count - shown) + " 段）",
          on: { click: function () {
            refs.removeChild(more);
            that.references(refs, b, group, number + 1, count, body);
          } } });
        refs.appendChild(more);
      }
    });
  };

  Workbench.prototype.check = function () {
    var D = this.D, draft = this.draft, that = this;
    var md = toMarkdown(D, draft);
    var findings = window.KBComposeCheck.run(md.text, D);
    // Placeholders
    var regex = new RegExp(D.placeholders.regex, "g"), counts = {}, total = 0;
    draft.blocks.forEach(function (b) {
      (fillFields(D, draft, b.text + "\n" + b.body).match(regex) || []).forEach(function (p) {
        counts[p] = (counts[p] || 0) + 1;
        total += 1;
      });
    });
    var tokens = D.fields.filter(function (f) {
      return !(draft.fields || {})[f.key] && draft.blocks.some(function (b) { return (b.text + b.body).indexOf("【" + f.label + "】") >= 0; });
    });
    this.placeholderBox.textContent = "";
    this.placeholderBox.appendChild(el("p", { className: "kb-compose-placeholder-total",
      text: total ? "占位符 " + total + " 处，请替换为本单位实际情况：" : "没有剩余的占位符。" }));
    Object.keys(counts).forEach(function (p) {
      var input = el("input", { type: "text", className: "kb-compose-replace", placeholder: "替换为……" });
      that.placeholderBox.appendChild(el("div", { className: "kb-compose-placeholder", "data-placeholder": p }, [
        el("mark", { className: "kb-placeholder", text: p, title: D.placeholders.tooltip }), " × " + counts[p] + " ", input,
        el("button", { type: "button", className: "md-button kb-compose-replace-all", text: "全部替换", on: { click: function () {
          if (!input.value) {
            return;
          }
          // Only where the pattern finds this placeholder: "X" in "X次", not the X of "XXX".
          var replace = function (text) { return text.replace(regex, function (m) { return m === p ? input.value : m; }); };
          draft.blocks.forEach(function (b) {
            b.text = replace(b.text);
            b.body = replace(b.body);
          });
          that.persist();
          that.render();
        } } })
      ]));
    });
    // Findings, in the list and beside their blocks
    this.findingBox.textContent = "";
    this.root.querySelectorAll(".kb-block-issues").forEach(function (box) { box.textContent = ""; });
    var errors = findings.filter(function (f) { return f.severity === "error"; }).length;
    this.findingBox.appendChild(el("p", { className: "kb-compose-summary",
      text: findings.length ? "检查发现 " + errors + " 个错误、" + (findings.length - errors) + " 个提醒：" : "检查通过：结构、序号、标点、错别字和对照方面都没有发现问题。" }));
    var listBox = el("ul", { className: "kb-compose-finding-list" });
    findings.forEach(function (f) {
      var text = f.rule + " " + f.name + "：" + f.message;
      listBox.appendChild(el("li", { className: "kb-finding kb-finding-" + f.severity, "data-rule": f.rule, text: text }));
      var owner = md.owners[f.line - 1];
      var box = owner && that.root.querySelector('[data-block="' + owner + '"] .kb-block-issues');
      if (box) {
        box.appendChild(el("p", { className: "kb-finding kb-finding-" + f.severity, "data-rule": f.rule, text: text + "（" + f.hint + "）" }));
      }
    });
    this.findingBox.appendChild(listBox);
    var left = [];
    if (total) {
      left.push(total + " 处占位符");
    }
    tokens.forEach(function (f) { left.push("“" + f.label + "”未填写"); });
    if (errors) {
      left.push(errors + " 个检查错误");
    }
    this.exportNote.textContent = left.length ? "导出前请处理：" + left.join("、") + "。" : "可以导出。";
    this.exportNote.className = "kb-compose-export-note" + (left.length ? " kb-compose-export-warn" : "");
  };

  function setUp() {
    var article = document.querySelector("article") || document.body;
    var root = document.getElementById("kb-compose");
    if (!root) {
      setUpAddButtons(article);
      return;
    }
    Promise.all([data(), load("javascripts/kb-compose-check.js"), load("assets/vendor/fflate/fflate.min.js"),
      load("assets/compose/template.js"), load("assets/compose/pinyin.js")]).then(function (loadedData) {
      root.workbench = new Workbench(root, loadedData[0]);
    }, function (error) {
      root.textContent = "撰写工作台没有载入（缺少 " + error.message + "），请刷新页面。";
    });
  }

  window.KBCompose = { toMarkdown: toMarkdown, plainText: plainText, fileName: fileName };  // for the tests

  window.KBCopyText.onEachPage(setUp);  // kb-copy.js comes first in extra_javascript
})();
