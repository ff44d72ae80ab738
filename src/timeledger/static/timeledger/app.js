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
    var link = event.target.closest && event.target.closest("a[data-cancel-editor]");
    if (link && link.closest(".editor")) {
      event.preventDefault();
      link.closest("form").remove();
    }
  });
})();
