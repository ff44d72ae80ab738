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


def run(prog: str, fn: Callable[[], object], status: int = 1) -> object:
    """Call ``fn``; on a configuration or connection error print ``prog: …`` in one line to
    stderr and exit with ``status`` (1)."""
    try:
        return fn()
    except (ImproperlyConfigured, OperationalError) as exc:
        print(f"{prog}: {explain(exc)}", file=sys.stderr)
        raise SystemExit(status) from None


def check_database() -> None:
    """Connect once (and let go): raises ``OperationalError`` when the database cannot be
    reached, before a server starts serving."""
    connection.ensure_connection()
    connection.close()


def manage(argv: list[str]) -> None:
    """``manage.py``: Django's command line, a configuration or connection error in one line.

    ``runserver`` checks the database first: its autoreloader would otherwise print the
    connection error as a traceback from its serving thread and keep waiting for file changes.
    """
    from django.core.management import execute_from_command_line

    def main():
        if len(argv) > 1 and argv[1] == "runserver":
            import django

            django.setup()
            check_database()
        execute_from_command_line(argv)

    run("manage.py", main)


def wsgi_application():
    """The WSGI application, after the configuration and a first database connection were
    checked: a server with a bad ``DATABASE_URL`` stops at start with one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")

    def load():
        application = get_wsgi_application()
        check_database()
        return application

    # Status 3 is gunicorn's "worker failed to boot": the server stops with the line instead of
    # starting new workers that fail the same way, forever.
    return run("timeledger", load, status=3)
