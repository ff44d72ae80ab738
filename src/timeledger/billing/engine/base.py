"""What the billing engine and its strategies share: a plan per project, a draft per plan, the
rows a batch inserts, work held back, and the interface every kind of line implements.

A *strategy* is one kind of line (time, milestone slices, instalments, retainer fee and close,
change orders). It has the same three steps for a batch of projects, each set-based (the queries
per batch do not grow with the entries):

- ``collect(batch, drafts)``: read what is due for the drafts' projects, add lines (``Row``) to the
  drafts and list what it holds back; return what it will claim (its own ``state``);
- ``claim(batch, state)``: once the lines have ids, claim what they bill exactly once: a
  conditional ``UPDATE … WHERE invoice_line IS NULL`` (or a unique row) and a row-count check;
- ``verify(batch, state)``: read back what was claimed and compare it with what was billed.

Any ``ClaimConflict`` (or other error) rolls the whole batch back. ``ready(plans)`` tells the
planner which projects have something of this kind ready (milestone and hybrid triggers bill only
then). Adding a billing model adds a strategy module, not a branch in the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from timeledger.billing.engine import sql
from timeledger.billing.models import BillingRun, RunKind
from timeledger.core.hours import hours_2dp
from timeledger.invoicing.models import TaxCategory
from timeledger.projects.models import Project


class ClaimConflict(Exception):
    """What the UPDATE claimed differs from what was counted: another writer got in between."""


class Row(SimpleNamespace):
    """A row to insert (an invoice or a line): plain attributes, ``pk`` once inserted. Model
    instances cost more to build than the SQL that writes them (see ``sql.insert_rows``)."""

    pk = None

    def values(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "pk"}


def insert(model, rows: list[Row], now: dt.datetime) -> None:
    for row, pk in zip(
        rows, sql.insert_rows(model, [r.values() for r in rows], now=now), strict=True
    ):
        row.pk = pk


@dataclass
class Plan:
    """What a run will do for one project: up to which day, grouped how, of which kind."""

    project: Project
    trigger: str
    cutoff: dt.date
    grouping: str
    include_timesheet: bool
    threshold: Decimal
    scheduled: bool
    kind: str = RunKind.NORMAL

    @property
    def is_final(self) -> bool:
        return self.kind == RunKind.FINAL


@dataclass
class Held:
    """Work a run leaves unbilled, and why: a person decides (accepts, approves, adds by hand)."""

    reason: str
    entry_ids: list[int]
    seconds: int | None = None  # None: no hours to show (entries still awaiting approval)

    def summary(self) -> dict:
        out = {"reason": self.reason, "entries": len(self.entry_ids)}
        if self.seconds is not None:
            out["hours"] = str(hours_2dp(self.seconds))
        return out

    def as_dict(self) -> dict:
        return {**self.summary(), "entry_ids": list(self.entry_ids)}


@dataclass
class Draft:
    """The invoice one plan fills: a new draft (``invoice`` a ``Row``), or the project's open run
    draft that this run adds to (``existing`` holds its lines as they were)."""

    plan: Plan
    invoice: Row
    tax: TaxCategory | None
    is_open: bool = False  # adds to an open run draft (rule in ``engine.runs``)
    grouping: str = ""
    existing: list[Row] = field(default_factory=list)
    lines: list[Row] = field(default_factory=list)  # new lines
    merged: dict[int, Row] = field(default_factory=dict)  # existing line pk → its new values
    held: list[Held] = field(default_factory=list)
    hold_reasons: list[str] = field(default_factory=list)
    entries: int = 0  # time entries this draft claims
    first_date: dt.date | None = None  # of the work it bills (the invoice period's start)
    before: tuple[Decimal, Decimal] = (Decimal("0.00"), Decimal("0.00"))  # net, gross
    # The language the line texts are written in: the invoice's, i.e. the client's (or its
    # organisation's) document language, as the PDF will print it (``Client.document_language``).
    language: str = "en"

    @property
    def project(self) -> Project:
        return self.plan.project

    @property
    def currency(self) -> str:
        return self.invoice.currency

    @property
    def has_work(self) -> bool:
        return bool(self.lines or self.merged)

    def add(self, line: Row) -> Row:
        """A new line on this draft, taxed like a hand-written one (the draft's default tax
        category: project → client → organisation, ``invoicing.taxes.default_category``)."""
        line.tax_category_id = self.tax.pk if self.tax else None
        line.tax_rate = self.tax.rate if self.tax else Decimal("0.00")
        self.lines.append(line)
        return line

    def existing_by_key(self) -> dict[str, Row]:
        return {row.group_key: row for row in self.existing if row.group_key}


@dataclass
class Batch:
    """One transaction's worth of projects."""

    organisation: Any
    run: BillingRun | None
    actor_id: int | None
    now: dt.datetime
    drafts: dict[int, Draft]


class Strategy:
    """One kind of line. Subclasses set ``name`` and ``models`` (the billing models whose
    projects it bills) and implement ``collect`` and ``claim``; see the module docstring."""

    name: str = ""
    models: frozenset[str] = frozenset()

    def applies(self, plan: Plan) -> bool:
        return plan.project.billing_model in self.models

    def ready(self, plans: list[Plan]) -> set[int]:
        """Projects (ids) with something of this kind ready to bill by their cut-off."""
        return set()

    def collect(self, batch: Batch, drafts: list[Draft]) -> Any:
        raise NotImplementedError

    def claim(self, batch: Batch, state: Any) -> None:
        raise NotImplementedError

    def verify(self, batch: Batch, state: Any) -> None:
        """Read back what was claimed; raise ``ClaimConflict`` when it is not what was billed."""


def project_ids(drafts: Iterable[Draft]) -> list[int]:
    return [d.project.id for d in drafts]
