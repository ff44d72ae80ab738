from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models import ForeignKey, IntegerField

from timeledger.core import pgtypes, sqlite
from timeledger.core.lookups import AnyOf
from timeledger.core.money import units_text


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    """SQL functions the money SQL uses on SQLite (PostgreSQL has exact NUMERIC arithmetic)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("tl_units", 2, units_text, deterministic=True)


class CoreConfig(AppConfig):
    name = "timeledger.core"
    label = "core"

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_functions, dispatch_uid="tl_sqlite_functions")
        connection_created.connect(pgtypes.install, dispatch_uid="tl_pg_timestamps")
        sqlite.install()
        IntegerField.register_lookup(AnyOf)
        ForeignKey.register_lookup(AnyOf)
