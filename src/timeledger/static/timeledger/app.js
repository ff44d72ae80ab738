// The page's language: gettext/ngettext/interpolate come from Django's JavaScript catalogue
// (/jsi18n/, loaded before this file); without it (e.g. offline before it was ever kept) English.
if (!window.gettext) {
  window.gettext = function (s) { return s; };
  window.ngettext = function (s, p, n) { return n === 1 ? s : p; };
  window.interpolate = function (fmt, args, named) {
    if (named) { return fmt.replace(/%\(\w+\)s/g, function (m) { return String(args[m.slice(2, -2)]); }); }
    var i = 0;
    return fmt.replace(/%s/g, function () { return String(args[i++]); });
  };
}

// Live elapsed time of the running timer. The server renders the elapsed seconds; the browser only
// adds what passed since the page (or fragment) arrived, so a wrong client clock does not matter.
(function () {
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-elapsed]").forEach(function (el) {
      if (!el._t0) { el._t0 = now - Number(el.dataset.elapsed) * 1000; }
      var s = Math.max(0, Math.floor((now - el._t0) / 1000));
      el.textContent = Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSettle", tick);
})();

// Confirmation that states how many ticked entries a button acts on (approvals): "{n}" is the count,
// "{ies}" pluralises entr-y/-ies. Nothing ticked: the server answers with an inline error.
window.tlConfirmSelected = function (button) {
  var n = button.form.querySelectorAll("input[name=entries]:checked").length;
  if (!n) { return true; }
  var text = button.dataset.confirmSelected.replace("{n}", n).replace("{ies}", n === 1 ? "y" : "ies");
  return window.confirm(text);
};

// Searchable project/task picker (keyboard-first): every <select data-picker> gets a combobox. Type
// to filter (every word must match, client names included), ↑/↓ to move, Enter to choose, Esc to
// close. The native select stays in the form (hidden) and keeps the value, so the server sees
// exactly what it saw before; without JavaScript the select is shown as is.
(function () {
  var seq = 0;
  // The recent projects' group, labelled in the page's language by the server (the same catalogue row).
  var RECENT = gettext("Recent");
  function enhance(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    seq += 1;
    var id = select.id || "picker-" + seq;
    var listId = id + "-list";
    var items = [];
    Array.prototype.forEach.call(select.options, function (opt) {
      if (!opt.value) { return; }
      var group = opt.parentNode.tagName === "OPTGROUP" ? opt.parentNode.label : "";
      items.push({ value: opt.value, label: opt.text, group: group, hay: (group + " " + opt.text).toLowerCase() });
    });
    var wrap = document.createElement("div");
    wrap.className = "picker";
    var input = document.createElement("input");
    input.type = "text";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.autocomplete = "off";
    // The empty option's text ("Project / task…", in the page's language) is the box's hint.
    input.placeholder = (select.options[0] && !select.options[0].value) ? select.options[0].text : "…";
    input.className = "picker-input";
    var list = document.createElement("ul");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.className = "picker-list";
    list.hidden = true;
    // The label points at the search box now (it is what gets focus).
    select.id = id + "-select";
    input.id = id;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    select.classList.add("picker-native");
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(select);
    var shown = [], active = -1;

    function current() {
      var opt = select.options[select.selectedIndex];
      return opt && opt.value ? opt.text : "";
    }
    input.value = current();

    function render() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (input.value === current()) { words = []; }
      list.innerHTML = "";
      shown = [];
      var seen = {}, lastGroup = null;
      items.forEach(function (item) {
        if (!words.every(function (w) { return item.hay.indexOf(w) >= 0; })) { return; }
        if (item.group === RECENT && words.length) { return; }
        if (item.group !== RECENT && seen[item.value]) { return; }
        if (item.group !== RECENT) { seen[item.value] = 1; }
        if (item.group !== lastGroup) {
          lastGroup = item.group;
          var head = document.createElement("li");
          head.setAttribute("role", "presentation");
          head.className = "picker-group";
          head.textContent = item.group;
          list.appendChild(head);
        }
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = listId + "-" + shown.length;
        li.textContent = item.label;
        li.dataset.value = item.value;
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(item); });
        list.appendChild(li);
        shown.push({ item: item, el: li });
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "picker-none";
        none.textContent = interpolate(gettext("No project matches “%s”"), [input.value]);
        list.appendChild(none);
      }
      move(shown.length ? 0 : -1);
    }
    function open() { render(); list.hidden = false; input.setAttribute("aria-expanded", "true"); }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
    function move(i) {
      if (active >= 0 && shown[active]) { shown[active].el.removeAttribute("aria-selected"); }
      active = i;
      if (i >= 0 && shown[i]) {
        shown[i].el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", shown[i].el.id);
        shown[i].el.scrollIntoView({ block: "nearest" });
      }
    }
    function choose(item) {
      select.value = item.value;
      input.value = item.label;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    input.addEventListener("focus", function () { input.select(); });
    input.addEventListener("input", open);
    input.addEventListener("blur", function () { close(); if (!input.value.trim()) { select.value = ""; } else { input.value = current() || input.value; } });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (list.hidden) { open(); return; }
        var n = shown.length;
        if (n) { move((active + (ev.key === "ArrowDown" ? 1 : n - 1)) % n); }
      } else if (ev.key === "Enter") {
        if (!list.hidden && shown[active]) { ev.preventDefault(); choose(shown[active].item); }
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.preventDefault(); ev.stopPropagation(); close(); input.value = current(); }
      }
    });
    // A form reset or a server re-render that picks a value keeps the box in step.
    select.addEventListener("change", function () { input.value = current(); });
  }
  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("select[data-picker]").forEach(enhance);
    if (root.matches && root.matches("select[data-picker]")) { enhance(root); }
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (ev) { scan(ev.target); });
})();

// Weekly grid: arrow keys move between cells (←/→ at the start/end of what is typed), Enter moves
// down, as in a spreadsheet. Leaving a cell saves it (its own "change").
(function () {
  // A cell entered is selected whole (typing replaces it, arrows move on), as in a spreadsheet.
  // Only the hours inputs: a cell's note (its pop-over lives in the cell) is typed as text.
  var HOURS = "table.grid td.cell input.hours";
  document.addEventListener("focusin", function (ev) {
    if (ev.target.matches && ev.target.matches(HOURS)) { ev.target.select(); }
  });
  document.addEventListener("keydown", function (ev) {
    var input = ev.target;
    if (!input.matches || !input.matches(HOURS)) { return; }
    var cell = input.closest("td"), row = cell.parentNode;
    var col = Array.prototype.indexOf.call(row.children, cell);
    var target = null, atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (ev.key === "ArrowUp" || ev.key === "ArrowDown" || ev.key === "Enter") {
      var other = ev.key === "ArrowUp" ? row.previousElementSibling : row.nextElementSibling;
      target = other && other.children[col];
    } else if (ev.key === "ArrowLeft" && (atStart || all)) {
      target = cell.previousElementSibling;
    } else if (ev.key === "ArrowRight" && (atEnd || all)) {
      target = cell.nextElementSibling;
    }
    var next = target && target.querySelector && target.querySelector("input.hours");
    if (next) { ev.preventDefault(); next.focus(); next.select(); }
  });
  // A cell's note: Ctrl+Enter (⌘+Enter) saves; after the row comes back, focus returns to the
  // cell's note button, as it would when a dialog closes.
  document.addEventListener("keydown", function (ev) {
    var form = ev.target.closest && ev.target.closest("form.cell-note");
    if (form && ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.requestSubmit(); }
  });
  var returnTo = null;
  document.addEventListener("htmx:beforeRequest", function (ev) {
    if (ev.target.matches && ev.target.matches("form.cell-note")) { returnTo = ev.target.dataset.returnFocus; }
  });
  document.addEventListener("htmx:afterSettle", function () {
    var button = returnTo && document.getElementById(returnTo);
    if (button) { returnTo = null; button.focus(); }
  });
})();

// Keyboard shortcuts; "?" shows them. Ignored while typing in a field.
(function () {
  var keys = {
    t: function () { location.href = "/today/"; },
    w: function () { location.href = "/week/"; },
    g: function () { location.href = "/grid/"; },
    s: function () {
      var stop = document.querySelector("#timer [data-testid=timer-stop]");
      if (stop) { stop.click(); return; }
      var pick = document.querySelector("#timer .picker-input, #timer select");
      if (pick) { pick.focus(); }
    },
    n: function () {
      var pick = document.querySelector("#entry-form .picker-input, #entry-form select");
      if (pick) { pick.focus(); } else { location.href = "/today/"; }
    },
    "/": function () {
      var pick = document.querySelector("#timer .picker-input");
      if (pick) { pick.focus(); }
    },
    r: function () {
      var first = document.querySelector("#recent .restart-button, .entries .restart-button");
      if (first) { first.click(); }
    },
  };
  function overlay(show) {
    var d = document.getElementById("shortcuts");
    if (!d) { return; }
    if (show === undefined) { show = !d.open; }
    if (show && !d.open) { d.showModal(); } else if (!show && d.open) { d.close(); }
  }
  window.tlShortcuts = overlay;
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) { return; }
    var el = ev.target;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) { return; }
    if (ev.key === "?") { ev.preventDefault(); overlay(); return; }
    var d = document.getElementById("shortcuts");
    if (d && d.open) { return; }
    var act = keys[ev.key];
    if (act) { ev.preventDefault(); act(); }
  });
})();

// Installable app: the service worker keeps the pages for offline use. The offline timer: when the
// browser is offline, Start and Stop in the header timer run here (localStorage), and the finished
// run is sent to the server once the browser is online again; the server stores a run once
// however often it arrives (same project, task, start and end), so a lost answer cannot double it.
(function () {
  var RUN = "tl-offline-timer", QUEUE = "tl-offline-queue";
  if ("serviceWorker" in navigator && document.body && document.body.dataset.sw) {
    navigator.serviceWorker.register(document.body.dataset.sw).catch(function () {});
  }
  function load(key, fallback) { try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; } }
  function save(key, value) { if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, JSON.stringify(value)); } }
  function csrf() { try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; } }
  function esc(text) { var d = document.createElement("div"); d.textContent = text; return d.innerHTML; }

  var kept = null;  // the server-rendered timer panel, shown again after an offline run
  function showOffline(run) {
    var box = document.getElementById("timer");
    if (!box) { return; }
    if (kept === null) { kept = box.innerHTML; }
    var secs = Math.max(0, Math.floor((Date.now() - Date.parse(run.start)) / 1000));
    box.innerHTML = '<div class="timer-panel" id="timer-panel"><div class="running" aria-live="polite">' +
      '<span class="dot" aria-hidden="true"></span><span class="tag">' + esc(gettext("offline")) + '</span>' +
      '<span class="what">' + esc(run.label) + (run.description ? " — " + esc(run.description) : "") + "</span>" +
      '<span class="elapsed" data-elapsed="' + secs + '">0:00:00</span>' +
      '<button type="button" class="stop" data-testid="timer-stop" id="offline-stop">' + esc(gettext("Stop")) + '</button></div></div>';
    document.getElementById("offline-stop").addEventListener("click", stopOffline);
  }
  function showQueued() {
    var box = document.getElementById("timer");
    if (!box || kept === null) { return; }
    box.innerHTML = kept;
    kept = null;
    if (window.htmx) { window.htmx.process(box); }
    var n = load(QUEUE, []).length;
    if (n) {
      var p = document.createElement("span");
      p.className = "small muted offline-queued";
      p.id = "offline-queued";
      p.textContent = interpolate(ngettext("%s offline entry to send", "%s offline entries to send", n), [n]);
      box.appendChild(p);
    }
  }
  function stopOffline() {
    var run = load(RUN, null);
    if (!run) { return; }
    run.end = new Date().toISOString();
    var queue = load(QUEUE, []);
    queue.push(run);
    save(QUEUE, queue);
    save(RUN, null);
    showQueued();
    flush();
  }
  // Offline, the header timer's Start is handled here, before htmx would try the network.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (navigator.onLine || !form.matches || !form.matches("#timer form.timer-form")) { return; }
    var stop = form.querySelector("[data-testid=timer-stop]");
    if (stop) { return; }
    ev.preventDefault();
    ev.stopImmediatePropagation();
    var select = form.querySelector("select[name=work]");
    if (!select || !select.value) { return; }
    var run = {
      work: select.value,
      label: select.options[select.selectedIndex].text,
      description: (form.querySelector("input[name=description]") || {}).value || "",
      start: new Date().toISOString(),
    };
    save(RUN, run);
    showOffline(run);
  }, true);
  // Offline, Stop of a timer started online cannot reach the server: say so instead of failing.
  document.addEventListener("htmx:sendError", function (ev) {
    var box = document.getElementById("timer");
    if (box && box.contains(ev.target)) {
      var p = document.getElementById("offline-note") || document.createElement("p");
      p.id = "offline-note";
      p.className = "error small";
      p.textContent = gettext("Offline: this timer was started online and stops once you are back online.");
      box.appendChild(p);
    }
  });

  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { return; }
    var queue = load(QUEUE, []);
    if (!queue.length) { return; }
    flushing = true;
    var run = queue[0];
    var body = new FormData();
    ["work", "description", "start", "end"].forEach(function (k) { body.append(k, run[k] || ""); });
    fetch(document.body.dataset.offlineSync, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrf() },
    }).then(function (response) {
      return response.json().then(function (data) {
        var rest = load(QUEUE, []).filter(function (r) { return !(r.start === run.start && r.work === run.work); });
        if (response.ok) {
          save(QUEUE, rest);
        } else if (response.status === 400) {
          // Refused (e.g. overlaps an entry): keep it out of the queue, and say why.
          save(QUEUE, rest);
          var p = document.createElement("p");
          p.className = "error small";
          p.setAttribute("role", "alert");
          p.textContent = interpolate(gettext("An offline entry was not stored: %s"), [data.message]);
          (document.querySelector("main") || document.body).prepend(p);
        }
        flushing = false;
        var note = document.getElementById("offline-queued");
        if (note && !load(QUEUE, []).length) { note.remove(); }
        document.body.dispatchEvent(new CustomEvent("entries-changed", { bubbles: true }));
        if (response.ok || response.status === 400) { flush(); }
      });
    }).catch(function () { flushing = false; });
  }
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () {
    var run = load(RUN, null);
    if (run) { showOffline(run); }
    flush();
  });
})();

// Behaviour that used to sit in inline handlers, which the Content-Security-Policy (script-src
// 'self') forbids: delegated listeners work for htmx-swapped fragments too.
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) { el.form.submit(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    // A button that states what it will do: data-confirm (fixed text) or data-confirm-selected
    // (the count of ticked entries, see tlConfirmSelected).
    var button = event.target.closest("button[data-confirm], button[data-confirm-selected]");
    if (button) {
      var ok = button.dataset.confirmSelected ? window.tlConfirmSelected(button) : window.confirm(button.dataset.confirm);
      if (!ok) { event.preventDefault(); }
      return;
    }
    if (event.target.closest("[data-shortcuts]") && window.tlShortcuts) { window.tlShortcuts(true); return; }
    var link = event.target.closest("a[data-cancel-editor]");
    if (link && link.closest(".editor")) {
      event.preventDefault();
      link.closest("form").remove();
    }
  });
})();
