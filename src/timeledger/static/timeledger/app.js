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
