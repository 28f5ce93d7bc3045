/*
 * 组织生活会材料库: copy buttons (复制全文, 复制本节, 复制, 复制提纲).
 *
 * What lands on the clipboard is clean plain text: one line per paragraph or heading, the
 * Chinese numbering kept, no zero-width characters (search segmentation inserts U+200B), no
 * button labels, permalinks, metadata header, notice or placeholder box, no highlight markup.
 * Plain ES5 so that old intranet browsers run it; works over http:// and file://.
 */
(function () {
  "use strict";

  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
  // Never copied: our buttons and links, permalinks, the page's metadata, notices, edit links.
  var SKIPPED = ".kb-ui, .headerlink, .kb-meta, .kb-sample-tools, .admonition, .md-content__button, " +
    ".md-source-file, script, style, button, svg";
  var BLOCKS = /^(P|H[1-6]|LI|DT|DD|BLOCKQUOTE|PRE|TR|FIGCAPTION)$/;
  var DONE_MS = 2000;

  function matches(el, selector) {
    var fn = el.matches || el.msMatchesSelector || el.webkitMatchesSelector;
    return fn ? fn.call(el, selector) : false;
  }

  function inlineText(el) {
    var out = "";
    for (var node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        out += node.nodeValue;
      } else if (node.nodeType === 1 && !matches(node, SKIPPED)) {
        out += node.nodeName === "BR" ? "\n" : inlineText(node);
      }
    }
    return out;
  }

  function clean(text) {
    return text.replace(ZERO_WIDTH, "").replace(/[ \t\r\f\v\u00a0]+/g, " ")
      .replace(/ *\n */g, "\n").replace(/^\s+|\s+$/g, "");
  }

  // Lines of one element: a block is one line (or several at <br>), containers are walked.
  function collect(el, lines) {
    if (el.nodeType !== 1 || matches(el, SKIPPED)) {
      return;
    }
    if (BLOCKS.test(el.nodeName) && !el.querySelector("p, li, h1, h2, h3, h4, h5, h6")) {
      var text = clean(inlineText(el));
      if (text) {
        lines.push.apply(lines, text.split("\n"));
      }
      return;
    }
    for (var child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        collect(child, lines);
      } else if (child.nodeType === 3 && clean(child.nodeValue)) {
        lines.push(clean(child.nodeValue));
      }
    }
  }

  function textOf(elements) {
    var lines = [];
    for (var i = 0; i < elements.length; i++) {
      collect(elements[i], lines);
    }
    return lines.join("\n");
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    var ok = false;
    try {
      area.select();
      area.setSelectionRange(0, text.length);
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function feedback(button, ok) {
    var label = button.getAttribute("data-kb-label");
    button.textContent = ok ? "已复制" : "复制失败，请手动选择文字";
    button.className = "kb-copy-button kb-ui" + (ok ? " kb-copied" : " kb-copy-failed");
    window.setTimeout(function () {
      button.textContent = label;
      button.className = "kb-copy-button kb-ui";
    }, DONE_MS);
  }

  function copy(text, button) {
    var clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function") {
      try {
        clipboard.writeText(text).then(function () {
          feedback(button, true);
        }, function () {
          feedback(button, fallbackCopy(text));
        });
        return;
      } catch (e) {
        // fall through to the textarea
      }
    }
    feedback(button, fallbackCopy(text));
  }

  function makeButton(label, title, getText) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-copy-button kb-ui";
    button.textContent = label;
    button.title = title;
    button.setAttribute("data-kb-label", label);
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var text = "";
      try {
        text = getText();
      } catch (e) {
        text = "";
      }
      if (text) {
        copy(text, button);
      } else {
        feedback(button, false);
      }
    });
    return button;
  }

  // The H2 and everything after it up to the next H1 or H2.
  function sectionOf(heading) {
    var parts = [heading];
    for (var el = heading.nextElementSibling; el && !/^H[12]$/.test(el.nodeName); el = el.nextElementSibling) {
      parts.push(el);
    }
    return parts;
  }

  // The title and everything after the placeholder box, which follows the metadata and notice.
  function wholeSample(article, tools) {
    var parts = [];
    var title = article.querySelector("h1");
    if (title && !(tools.compareDocumentPosition(title) & 4)) {
      parts.push(title);
    }
    for (var el = tools.nextElementSibling; el; el = el.nextElementSibling) {
      parts.push(el);
    }
    return parts;
  }

  function setUpSample(article) {
    var tools = article.querySelector(".kb-sample-tools");
    if (!tools || tools.querySelector(".kb-copy-button")) {
      return;
    }
    tools.insertBefore(makeButton("复制全文", "复制整篇范例的纯文本", function () {
      return textOf(wholeSample(article, tools));
    }), tools.firstChild);
    var headings = article.querySelectorAll("h2");
    for (var i = 0; i < headings.length; i++) {
      (function (heading) {
        if (tools.compareDocumentPosition(heading) & 4) {
          heading.appendChild(makeButton("复制本节", "复制这一部分的纯文本", function () {
            return textOf(sectionOf(heading));
          }));
        }
      })(headings[i]);
    }
  }

  function setUpBlocks(root) {
    var blocks = root.querySelectorAll("[data-kb-copy]");
    for (var i = 0; i < blocks.length; i++) {
      (function (block) {
        if (block.querySelector(".kb-copy-button")) {
          return;
        }
        var label = block.getAttribute("data-kb-copy");
        block.insertBefore(makeButton(label, label + "（纯文本）", function () {
          return textOf([block.querySelector(".kb-copy-text") || block]);
        }), block.firstChild);
      })(blocks[i]);
    }
  }

  // For the 加入撰写 buttons and the 撰写 page (kb-compose.js): the same clean text, copying and
  // page set-up.
  window.KBCopyText = {
    section: function (heading) { return textOf(sectionOf(heading)); },
    block: function (element) { return textOf([element]); },
    copy: copy
  };

  function setUp() {
    var article = document.querySelector("article") || document.body;
    setUpSample(article);
    setUpBlocks(article);
  }

  // Run on each page: material's instant loading announces pages on document$.
  function onEachPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.KBCopyText.onEachPage = onEachPage;
  onEachPage(setUp);
})();
