"""``timeledger tick``: run the periodic jobs that are due now (cron it every few minutes).

The embedded default has no Celery beat; this command is its scheduler. Every job is idempotent
in the data (reminders have a unique log row, billing claims entries with conditional updates), so
running it twice, or from two machines, does no harm. Each job is ``callable(now) -> dict|str``;
add yours to ``timeledger.periodic.JOBS`` (Celery beat schedules the same list).
"""

from __future__ import annotations

import datetime as dt

from django.utils.module_loading import import_string

from timeledger.cli import CliError
from timeledger.periodic import JOBS


def jobs() -> list[tuple[str, str]]:
    """``[(name, dotted path)]`` of the jobs, in the order ``tick`` runs them."""
    return [(job.name, job.path) for job in JOBS]


def _parse_now(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"--now {text!r} is not an ISO date-time (2026-11-16T09:30+01:00)") from None
    if value.tzinfo is None:
        raise CliError("--now needs a UTC offset, e.g. 2026-11-16T09:30+01:00")
    return value


def handler(args, ctx) -> int:
    now = _parse_now(args.now)
    only = set(args.only or [])
    unknown = only - {name for name, _ in jobs()}
    if unknown:
        raise CliError(
            f"unknown job {sorted(unknown)[0]!r}; jobs: {', '.join(n for n, _ in jobs())}"
        )
    for name, path in jobs():
        if only and name not in only:
            continue
        result = import_string(path)(now=now)
        if isinstance(result, dict):
            result = ", ".join(f"{k}={v}" for k, v in result.items())
        print(f"{name}: {result}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("tick", help="run the periodic jobs that are due now")
    parser.add_argument("--now", help="pretend it is this instant (ISO 8601 with offset)")
    parser.add_argument("--only", action="append", metavar="JOB", help="run only this job")
    parser.set_defaults(handler=handler)
