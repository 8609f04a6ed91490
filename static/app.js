// Leefwereld works without JavaScript; this file only adds comfort on top.
"use strict";

// Attachments: a "Kopieer" button beside each embed snippet. Without JavaScript the snippet is
// a read-only field the reader selects and copies by hand.
(function copyButtons() {
  document.querySelectorAll("input.copy-source").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary copy-button";
    button.textContent = "Kopieer";
    var status = document.createElement("span");
    status.className = "hint-text";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      input.select();
      var done = function () { status.textContent = " Gekopieerd."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { status.textContent = " Selecteer de tekst en kopieer hem zelf."; });
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      } else {
        status.textContent = " Selecteer de tekst en kopieer hem zelf.";
      }
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  });
})();

// Pages: the error summary above an edit form gets the focus, so a screen reader reads it
// first; a link to a line selects that line in the textarea (a link cannot point inside it).
(function errorSummary() {
  var summary = document.querySelector(".error-summary[tabindex]");
  if (!summary) { return; }
  summary.focus();
  summary.querySelectorAll("a[data-line]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var area = document.getElementById(link.getAttribute("href").slice(1));
      if (!area || area.tagName !== "TEXTAREA") { return; }
      event.preventDefault();
      var lines = area.value.split("\n");
      var n = Math.max(1, Math.min(parseInt(link.getAttribute("data-line"), 10) || 1, lines.length));
      var start = 0;
      for (var i = 0; i < n - 1; i++) { start += lines[i].length + 1; }
      area.focus();
      area.setSelectionRange(start, start + lines[n - 1].length);
      var lineHeight = area.scrollHeight / Math.max(lines.length, 1);
      area.scrollTop = Math.max(0, (n - 3) * lineHeight);
    });
  });
})();

// Pages: a small Markdown toolbar above the editor. Each button puts Markdown around the
// selection (or at the cursor); without JavaScript there is no toolbar and you type it.
(function markdownToolbar() {
  var tools = [
    { label: "Vet", title: "Vet: **tekst**", before: "**", after: "**", empty: "vet" },
    { label: "Schuin", title: "Schuin: _tekst_", before: "_", after: "_", empty: "schuin" },
    { label: "Kopje", title: "Kopje: ## aan het begin van de regel", line: "## " },
    { label: "Lijstje", title: "Lijstje: - aan het begin van de regel", line: "- " },
    { label: "Link naar pagina", title: "Link naar een andere pagina: [[naam]]", before: "[[", after: "]]", empty: "schaamte" }
  ];
  document.querySelectorAll("textarea[data-toolbar]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "md-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Opmaak");
    bar.setAttribute("aria-controls", area.id);
    tools.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = tool.label;
      button.title = tool.title;
      button.addEventListener("click", function () { apply(area, tool); });
      bar.appendChild(button);
    });
    area.insertAdjacentElement("beforebegin", bar);
  });

  function apply(area, tool) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var insert, selStart, selEnd;
    if (tool.line) {
      var lineStart = text.lastIndexOf("\n", start - 1) + 1;
      insert = tool.line;
      area.setRangeText(insert, lineStart, lineStart, "end");
      selStart = start + insert.length;
      selEnd = end + insert.length;
    } else {
      var chosen = text.slice(start, end) || tool.empty;
      insert = tool.before + chosen + tool.after;
      area.setRangeText(insert, start, end, "end");
      selStart = start + tool.before.length;
      selEnd = selStart + chosen.length;
    }
    area.focus();
    area.setSelectionRange(selStart, selEnd);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
})();

// Pages: "Voorbeeld bekijken" shows the preview in a panel under the text instead of loading
// the whole page again. Without JavaScript the button submits the form and the server shows
// the form again with the preview above it.
(function livePreview() {
  document.querySelectorAll("button[data-preview]").forEach(function (button) {
    var form = button.form;
    var panel = form && form.querySelector(".preview-panel");
    if (!panel || !window.fetch) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new URLSearchParams(new FormData(form));
      if (button.name) { data.set(button.name, button.value); }
      panel.textContent = "Voorbeeld wordt gemaakt…";
      fetch(button.formAction || form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Leefwereld-Fragment": "1" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        panel.replaceChildren.apply(panel, Array.prototype.slice.call(doc.body.childNodes));
      }).catch(function () {
        panel.textContent = "Het voorbeeld lukte niet. Je tekst staat er nog; probeer het nog eens.";
      });
    });
  });
})();

// Pages: while you type a title, show the address the new page will get (the server makes
// the same address when you save; this only shows it sooner).
(function slugPreview() {
  document.querySelectorAll("input[data-slug-for]").forEach(function (slugInput) {
    var title = document.getElementById(slugInput.getAttribute("data-slug-for"));
    var out = document.getElementById("adres-voorbeeld");
    if (!title || !out) { return; }
    var prefix = slugInput.getAttribute("data-slug-prefix") || "/";
    function slugify(s) {
      return s.toLowerCase().replace(/ß/g, "ss").replace(/ĳ/g, "ij").normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80)
        .replace(/-+$/, "");
    }
    function update() {
      var slug = slugInput.value.trim() ? slugInput.value.trim().toLowerCase() : slugify(title.value);
      out.hidden = !slug;
      out.textContent = slug ? "Het adres wordt " + prefix + slug : "";
    }
    title.addEventListener("input", update);
    slugInput.addEventListener("input", update);
    update();
  });
})();

// Casus board: when you point at an item or tab into it, the items it is tied to light up
// (the themes a frame rests on, the actions that serve it). Without JavaScript the badges and
// the lines "Rust op:", "Frames die hierop rusten:" and "Hoort bij:" show the
// same ties.
(function boardTies() {
  var board = document.querySelector(".board");
  if (!board) { return; }
  var cards = Array.prototype.slice.call(board.querySelectorAll(".card[id]"));
  function tiedTo(card) {
    var ids = {};
    card.querySelectorAll('a.tie[href^="#"]').forEach(function (a) { ids[a.getAttribute("href").slice(1)] = true; });
    cards.forEach(function (other) {
      if (other !== card && other.querySelector('a.tie[href="#' + CSS.escape(card.id) + '"]')) { ids[other.id] = true; }
    });
    return Object.keys(ids).map(function (id) { return document.getElementById(id); }).filter(Boolean);
  }
  function clear() {
    board.querySelectorAll(".is-source, .is-tied").forEach(function (el) { el.classList.remove("is-source", "is-tied"); });
  }
  function show(card) {
    clear();
    card.classList.add("is-source");
    tiedTo(card).forEach(function (el) { el.classList.add("is-tied"); });
  }
  cards.forEach(function (card) {
    card.addEventListener("mouseenter", function () { show(card); });
    card.addEventListener("mouseleave", clear);
    card.addEventListener("focusin", function () { show(card); });
    card.addEventListener("focusout", function (event) { if (!card.contains(event.relatedTarget)) { clear(); } });
  });
})();

// Portraits: "Dit is het punctum" copies the sentence selected in the text into the punctum
// field, without the Markdown around it. Without JavaScript the button stays hidden and you
// type or paste the sentence into the field yourself.
(function punctumPick() {
  document.querySelectorAll("button[data-punctum-from]").forEach(function (button) {
    var from = document.getElementById(button.getAttribute("data-punctum-from"));
    var to = document.getElementById(button.getAttribute("data-punctum-to"));
    var status = document.getElementById("punctum-status");
    if (!from || !to || !status) { return; }
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      var chosen = from.value.slice(from.selectionStart, from.selectionEnd)
        .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, "$1")
        .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, "$2")
        .replace(/\s+/g, " ").trim();
      if (!chosen) {
        status.textContent = "Selecteer eerst een zin in de tekst hierboven.";
        return;
      }
      to.value = chosen;
      status.textContent = "Het punctum staat in het veld. Vergeet niet op te slaan.";
    });
  });
})();

// Portraits: a small button beside each interview question puts it in the text at the
// cursor, in italics, so you can write the answer under it. Without JavaScript you read the
// questions and type what you need.
(function questionsIntoText() {
  var area = document.getElementById("tekst");
  if (!area) { return; }
  document.querySelectorAll(".interview [data-question]").forEach(function (item) {
    var question = item.textContent.trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary question-insert";
    button.textContent = "In tekst";
    button.setAttribute("aria-label", "In tekst: " + question);
    button.addEventListener("click", function () {
      var at = area.selectionEnd, text = area.value;
      // A blank line before the question, so it does not run on in the paragraph above.
      var head = text.slice(0, at);
      var before = !head || /\n\n$/.test(head) ? "" : /\n$/.test(head) ? "\n" : "\n\n";
      var insert = before + "_" + question + "_\n";
      area.setRangeText(insert, at, at, "end");
      area.focus();
      area.dispatchEvent(new Event("input", { bubbles: true }));
    });
    item.appendChild(button);
  });
})();

// Title pickers: search-as-you-type for page titles on any <input data-titles="…">.
//
// Markup contract (the server renders the form; this only enhances it):
//
//   <form action="/cases/sam/bord" method="post">     a normal form that works without JavaScript
//     <label for="thema-kiezen">Thema</label>
//     <input id="thema-kiezen" name="thema" type="text" data-titles="theme">
//     <button type="submit">Toevoegen</button>
//   </form>
//
//   data-titles          the kinds to suggest, separated by spaces: theme portrait frame case team
//                        (or their folders); empty means every kind. Give the input a <label>.
//   data-titles-fill     "title" (default) or "slug": what choosing a suggestion puts in the input.
//                        The server must accept a title or a slug in that field, because without
//                        JavaScript people type either: resolveTitle in internal/web/title_picker.go
//                        does that.
//   data-titles-go       choosing a suggestion opens that page instead (a search box).
//
// Choosing also fires a cancelable "titles:choose" event on the input, with detail
// {kind, slug, title, url}; call preventDefault() to do something else with it.
//
// It follows the WAI-ARIA combobox pattern (a list popup without automatic selection): the input
// gets role=combobox, aria-autocomplete=list, aria-expanded, aria-controls (the listbox) and
// aria-activedescendant (the highlighted option). Arrow down and up move through the suggestions
// (and open them), Enter chooses the highlighted one (without one, the form is sent as usual),
// Escape closes the list, a click chooses. A polite live region says in Dutch how many titles
// were found. Suggestions come from GET /api/titles, 150 ms after the last key, from two letters.
(function titlePickers() {
  var inputs = document.querySelectorAll("input[data-titles]");
  if (!inputs.length || !window.fetch) { return; }
  var kindLabels = { theme: "thema", portrait: "portret", frame: "frame", "case": "casus", team: "team" };
  var minLength = 2, delay = 150, limit = 8;
  Array.prototype.forEach.call(inputs, function (input, n) {
    var base = input.id || "titels-" + (n + 1);
    input.id = base;
    var kinds = (input.getAttribute("data-titles") || "").trim().split(/\s+/).filter(Boolean);
    var fillSlug = input.getAttribute("data-titles-fill") === "slug";
    var go = input.hasAttribute("data-titles-go");

    var wrap = document.createElement("div");
    wrap.className = "combobox";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = base + "-suggesties";
    list.className = "combobox__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    wrap.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var results = [], active = -1, timer = null, asked = 0, controller = null, entered = false;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      highlight(-1);
    }
    function open() {
      if (!results.length) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function highlight(i) {
      var old = list.children[active];
      if (old) { old.setAttribute("aria-selected", "false"); }
      active = i;
      var option = list.children[i];
      if (!option) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
    function show(items) {
      close();
      results = items;
      list.replaceChildren();
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = base + "-suggestie-" + i;
        option.className = "combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.title;
        if (kinds.length !== 1) {
          var kind = document.createElement("span");
          kind.className = "combobox__kind";
          kind.textContent = " (" + (kindLabels[item.kind] || item.kind) + ")";
          option.appendChild(kind);
        }
        // Keep the focus in the input, so a click does not close the list before it counts.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      open();
      status.textContent = items.length === 0 ? "Geen titels gevonden." :
        (items.length === 1 ? "1 titel gevonden." : items.length + " titels gevonden.") +
        " Kies met pijltje omlaag en Enter.";
    }
    function clear(message) {
      results = [];
      list.replaceChildren();
      close();
      status.textContent = message;
    }
    function lookup() {
      var q = input.value.trim();
      asked++;
      if (controller) { controller.abort(); }
      if (q.length < minLength) {
        clear("");
        return;
      }
      var mine = asked;
      var params = new URLSearchParams({ q: q, limit: String(limit) });
      kinds.forEach(function (k) { params.append("kind", k); });
      controller = window.AbortController ? new AbortController() : null;
      fetch("/api/titles?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        if (mine === asked && document.activeElement === input) { show(data.results || []); }
      }).catch(function (err) {
        if (mine === asked && !(err && err.name === "AbortError")) {
          clear("De suggesties lukken nu niet. Typ gewoon verder.");
        }
      });
    }
    function choose(i) {
      var item = results[i];
      if (!item) { return; }
      close();
      var event = new CustomEvent("titles:choose", { bubbles: true, cancelable: true, detail: item });
      if (!input.dispatchEvent(event)) { return; }
      if (go && /^\/[^\/]/.test(item.url)) {
        window.location.assign(item.url);
        return;
      }
      input.value = fillSlug ? item.slug : item.title;
      status.textContent = item.title + " gekozen.";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, delay);
    });
    input.addEventListener("keydown", function (event) {
      var count = results.length;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          if (!count) { return; }
          event.preventDefault();
          var down = event.key === "ArrowDown";
          if (list.hidden) {
            open();
            highlight(down ? 0 : count - 1);
          } else {
            var next = down ? active + 1 : (active < 0 ? count - 1 : active - 1);
            highlight((next + count) % count); // past the end wraps around
          }
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            event.preventDefault();
            entered = true;
            choose(active);
          }
          break;
        case "Escape":
          if (!list.hidden) {
            event.preventDefault(); // a search box would also empty itself
            close();
          }
          break;
        case "Tab":
          close();
          break;
      }
    });
    // A keypress that arrives on its own after the keydown (some input methods and drivers send
    // both) would still send the form: the Enter that chose a title only chooses.
    input.addEventListener("keypress", function (event) {
      if (event.key === "Enter" && entered) { event.preventDefault(); }
      entered = false;
    });
    input.addEventListener("keyup", function () { entered = false; });
    input.addEventListener("blur", close);
  });
})();
