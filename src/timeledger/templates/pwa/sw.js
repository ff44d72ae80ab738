{% load static %}// Timeledger's service worker: pages and assets from the network when it answers, else the last
// copy kept here, so Today (and its timer) opens offline. Writes are never cached or replayed
// here: app.js keeps an offline timer and sends it once the browser is online again.
const CACHE = "timeledger-v2";
const CATALOGUE = "{% url 'javascript-catalog' %}";  // app.js's strings in the page's language
const SHELL = ["/today/", CATALOGUE, "{% static 'timeledger/app.css' %}", "{% static 'timeledger/app.js' %}", "{% static 'timeledger/icon-192.png' %}"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).catch(() => null).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  const keep = request.mode === "navigate" || url.pathname === CATALOGUE || url.pathname.startsWith("{% get_static_prefix %}");
  if (!keep) { return; }
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok && response.type === "basic") {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || caches.match("/today/")))
  );
});
