"""Starting the app from the CLI, ``manage.py`` or the WSGI server: configuration and connection
errors are one line that names the variable and what to do, with exit status 1 — never a
traceback from deep inside Django.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.db.utils import OperationalError

HINT = (
    "check DATABASE_URL (unset: the SQLite file under var/; e.g. "
    "postgres://user@host:5432/timeledger) and that the server is running"
)


def explain(exc: BaseException) -> str | None:
    """The one line for a configuration or connection error; ``None`` for anything else."""
    if isinstance(exc, ImproperlyConfigured):
        return f"configuration error: {exc}"
    if isinstance(exc, OperationalError):
        first = (str(exc).strip().splitlines() or ["cannot connect"])[0].strip()
        if "no such table" in first or ("relation" in first and "does not exist" in first):
            return f"database error: {first}; the database has no tables yet: run manage.py migrate"
        return f"database error: {first}; {HINT}"
    return None


def run(prog: str, fn: Callable[[], object]) -> object:
    """Call ``fn``; on a configuration or connection error print ``prog: …`` in one line to
    stderr and exit 1."""
    try:
        return fn()
    except (ImproperlyConfigured, OperationalError) as exc:
        print(f"{prog}: {explain(exc)}", file=sys.stderr)
        raise SystemExit(1) from None


def wsgi_application():
    """The WSGI application, after the configuration and a first database connection were
    checked: a server with a bad ``DATABASE_URL`` stops at start with one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")

    def load():
        application = get_wsgi_application()
        connection.ensure_connection()
        connection.close()
        return application

    return run("timeledger", load)
