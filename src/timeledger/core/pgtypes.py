"""PostgreSQL timestamps read by psycopg's C loader, not its Python one.

Django 5.2 reads ``timestamptz`` with a subclass of psycopg's pure-Python ``TimestamptzLoader``
(``django.db.backends.postgresql.psycopg_any.BaseTzLoader``, to set the tzinfo it wants), so a
``psycopg[binary]`` install parses every timestamp with a regular expression in Python (Django
ticket #36960, psycopg issue #1273: the C class is final and cannot be subclassed). Loading the
large workload's 5,000 projects with their clients, schedules and tax categories parses 40,000 of
them. Here each connection gets a loader that keeps Django's class (its ``timezone``, which
Django's ``create_cursor`` compares) and hands the parsing to psycopg's C loader, then sets the
tzinfo as Django's does. Without the C module (pure-Python psycopg) nothing changes.
"""

from __future__ import annotations

from psycopg import adapters
from psycopg.types.datetime import TimestamptzLoader

# psycopg's own look-up of its C counterpart of a Python adapter (the C class, or the same
# Python class when psycopg runs without its C module). It is private: should a release drop
# it, timestamps are parsed in Python again, as Django parses them.
_optimised = getattr(adapters, "_get_optimised", None)
_C_LOADER = _optimised(TimestamptzLoader) if _optimised else TimestamptzLoader


def install(sender, connection, **kwargs) -> None:
    """``connection_created``: give a PostgreSQL connection the C-parsing loader."""
    if connection.vendor != "postgresql" or _C_LOADER is TimestamptzLoader:
        return
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader

    class CTzLoader(BaseTzLoader):
        timezone = connection.timezone

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._parse = _C_LOADER(oid, context).load

        def load(self, data):
            return self._parse(data).replace(tzinfo=self.timezone)

    connection.connection.adapters.register_loader("timestamptz", CTzLoader)
