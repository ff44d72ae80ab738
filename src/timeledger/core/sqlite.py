"""SQLite's half of the immutability triggers (PostgreSQL's are migrations).

SQLite rebuilds a table to alter it and drops its triggers on the way, so the triggers here are
not migrations: apps register them (``register``), they are dropped before ``migrate`` and created
again after it (``pre_migrate`` / ``post_migrate``), and so always match the current tables.

The DELETE triggers call ``tl_guarded()``, see below.

PostgreSQL's test flush is a TRUNCATE, which fires no row trigger; SQLite's flush is a plain
DELETE of every table, which the triggers refusing deletes of audit rows and issued invoices would
abort. So those triggers ask ``tl_guarded()``, a function registered on each of our connections:
1 always, except while ``manage.py flush`` (or a test's flush) empties the whole database. A
connection that lacks the function (the ``sqlite3`` shell) fails on the trigger: refused as well.
"""

from __future__ import annotations

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.backends.sqlite3 import base as sqlite_base  # operations alone is a cycle
from django.db.models.signals import post_migrate, pre_migrate

_flushing: set[int] = set()
TRIGGERS: dict[str, str] = {}  # name -> CREATE TRIGGER statement


def register(triggers: dict[str, str]) -> None:
    TRIGGERS.update(triggers)


def drop_triggers(using: str = "default") -> None:
    """Drop the immutability triggers (what restoring a database file does); ``create_triggers``
    puts them back. For restores and the tests that simulate one."""
    _drop(None, using=using)


def create_triggers(using: str = "default") -> None:
    _create(None, using=using)


def _drop(sender, using="default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        for name in TRIGGERS:
            cur.execute(f"DROP TRIGGER IF EXISTS {name}")


def _create(sender, using="default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    _drop(sender, using=using)
    ensure_registered(connection)
    with connection.cursor() as cur:
        for sql in TRIGGERS.values():
            cur.execute(sql)


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    key = id(connection)
    connection.connection.create_function(
        "tl_guarded", 0, lambda: 0 if key in _flushing else 1, deterministic=False
    )


def install() -> None:
    """Called from ``CoreConfig.ready``: register the function and let flushes through."""
    connection_created.connect(_register, dispatch_uid="timeledger.core.sqlite.guard")
    # Once per migrate run (the senders are app configs; core's is enough).
    pre_migrate.connect(_drop_once, dispatch_uid="timeledger.core.sqlite.drop")
    post_migrate.connect(_create_once, dispatch_uid="timeledger.core.sqlite.create")
    DatabaseOperations = sqlite_base.DatabaseOperations
    if getattr(DatabaseOperations.execute_sql_flush, "_timeledger", False):
        return
    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        key = id(self.connection)
        _flushing.add(key)
        try:
            return original(self, sql_list)
        finally:
            _flushing.discard(key)

    execute_sql_flush._timeledger = True
    DatabaseOperations.execute_sql_flush = execute_sql_flush


def _last_app_with_models(apps) -> str:
    return [c.label for c in apps.get_app_configs() if c.models_module is not None][-1]


def _drop_once(sender, **kwargs) -> None:
    # pre_migrate is sent for every app with models, in INSTALLED_APPS order: act on the first.
    if sender.label == "core":
        _drop(sender, using=kwargs.get("using", "default"))


def _create_once(sender, **kwargs) -> None:
    # ... and so is post_migrate: the last one sees every table.
    if sender.label == _last_app_with_models(sender.apps):
        _create(sender, using=kwargs.get("using", "default"))


def ensure_registered(connection) -> None:
    """For a migration running on a connection opened before ``ready``."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _register(None, connection)


register(
    {
        "core_auditlog_no_update": """CREATE TRIGGER core_auditlog_no_update
            BEFORE UPDATE ON core_auditlog
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        "core_auditlog_no_delete": """CREATE TRIGGER core_auditlog_no_delete
            BEFORE DELETE ON core_auditlog WHEN tl_guarded()
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    }
)
