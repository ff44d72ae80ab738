"""Where an API request's time goes, from both ends' timestamps (``bench.api``).

The client writes ``id sent done`` per request (``locustfile``), the worker ``id started ended
status`` (``gunicorn_timing``). Joined on the id, each request splits into:

- **before**: sent → the worker has parsed its headers (connecting, the accept queue, parsing);
- **worker**: in the worker (Django, the database);
- **after**: the worker has written the answer → the client has read it (the way back and the
  client's own scheduling; a hair below zero when the client reads the answer before the
  worker's hook, which runs after the write, takes its time).

Percentiles of each, and the average split of the slowest 1 % of requests by client latency:
which part the tail is made of.
"""

from __future__ import annotations

from pathlib import Path


def _read(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    return {parts[0]: parts[1:] for parts in (line.split() for line in path.open()) if parts}


def percentile(values: list[float], p: float) -> float | None:
    """The ``p`` (0–1) percentile of ``values``, one decimal; None for no values."""
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 1)


def split(client_log: Path, server_log: Path) -> dict:
    client, server = _read(client_log), _read(server_log)
    rows = []
    for request_id, (sent, done) in ((k, v[:2]) for k, v in client.items()):
        if request_id not in server:
            continue
        started, ended = server[request_id][:2]
        sent, done, started, ended = float(sent), float(done), float(started), float(ended)
        rows.append(
            {
                "total": (done - sent) * 1000,
                "before": (started - sent) * 1000,
                "worker": (ended - started) * 1000,
                "after": (done - ended) * 1000,
            }
        )
    out: dict = {"joined": len(rows), "client_only": len(client) - len(rows)}
    if not rows:
        return out
    for part in ("total", "before", "worker", "after"):
        values = [r[part] for r in rows]
        out[part] = {f"p{int(p * 100)}_ms": percentile(values, p) for p in (0.5, 0.95, 0.99)}
    slowest = sorted(rows, key=lambda r: r["total"])[-max(1, len(rows) // 100) :]
    out["slowest_1pct_mean_ms"] = {
        part: round(sum(r[part] for r in slowest) / len(slowest), 1)
        for part in ("total", "before", "worker", "after")
    }
    return out


def describe(s: dict) -> str:
    if not s.get("joined"):
        return "time split: no request joined (timing logs missing)"
    slow = s["slowest_1pct_mean_ms"]
    parts = ", ".join(
        f"{part} p50 {s[part]['p50_ms']} / p99 {s[part]['p99_ms']} ms"
        for part in ("before", "worker", "after")
    )
    return (
        f"time split of {s['joined']} requests: {parts}; the slowest 1 % average"
        f" {slow['total']} ms = before {slow['before']} + worker {slow['worker']}"
        f" + after {slow['after']} ms"
    )
