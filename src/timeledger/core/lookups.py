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


def int_array(ids) -> str:
    """The ids as one PostgreSQL array literal (``'{1,2,3}'``), for ``= ANY(%s::bigint[])``.
    Sent as one text parameter: psycopg's client-side binding adapts a list element by element
    (8–10 ms for 5,000 ids, 13 times per pipeline report on the large workload), a string in
    one step. The ids must be integers (``int`` is applied to each)."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def any_of_sql(column: str, ids, vendor: str) -> tuple[str, list]:
    """SQL and parameters for "``column`` is one of ``ids``": the lookup below and the billing
    engine's raw statements. On PostgreSQL one array parameter, elsewhere ``IN (%s, …)`` (``0 = 1``
    for no ids)."""
    if vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", [int_array(ids)]
    ids = [int(i) for i in ids]
    if not ids:
        return "0 = 1", []
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs and connection.vendor != "postgresql":
            raise EmptyResultSet  # the query returns nothing without asking the database
        sql, ids = any_of_sql(lhs, self.rhs, connection.vendor)
        return sql, [*params, *ids]
