"""``field__any=ids``: the field is one of ``ids`` (integers), as one array parameter.

On PostgreSQL ``= ANY(%s::bigint[])``: Django's ``__in`` writes one placeholder per id, and with
psycopg's client-side binding a list of 5,000 ids is resolved, split and adapted value by value —
20–90 ms per query for the billing engine's batches and the pipeline report (BENCHMARKS.md,
"Pipeline"). The cast keeps the ids' own type: psycopg sends the smallest integer array that
fits, and against ``smallint[]`` the planner misjudges the rows. Elsewhere ``IN (%s, …)``.
Registered on integer fields and foreign keys (``core.apps``).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = self.rhs
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, ids]
        if not ids:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*params, *ids]
