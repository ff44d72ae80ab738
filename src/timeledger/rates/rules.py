"""Rate resolution: which hourly rate applies to a piece of work. Pure Python, no ORM.

Precedence (most specific wins)
-------------------------------
For a time entry of member M (job role R) on client C, project P, task T, worked on date D:

1. **entry override** — ``TimeEntry.rate_override`` (billing only; only managers may set it);
2. **task** rate of T;
3. **project-member** rate of M on P;
4. **project** rate of P;
5. **client** rate of C;
6. **member** rate of M (the person's own rate, wherever they work);
7. **role** rate of R (M's job role);
8. **organisation** default.

The first level, from the top, that has a version in force wins; lower levels are not consulted.
Why client before member: a negotiated client price is a commercial commitment and must hold
whoever does the work; a member's personal rate is only the fallback for clients without one
(the same order Harvest and Kimai use: project/task prices beat person prices).

Effective dating: every rate row is a *version* in force from its ``effective_from`` (inclusive)
until the day before the next version at the same level, scope, kind and currency. The date of
the work selects the version: the one with the latest ``effective_from <= D``. A version dated
after D does not apply to D even at a more specific level; the resolver then falls through to the
next level. Two versions at the same level, scope, kind, currency and date are an overlap and are
refused when saving (and by a unique index).

Currency: a billing rate applies only to work billed in its currency (the client's currency) — no
exchange rates are ever invented. Internal cost rates are in the organisation's currency and are
matched on it. A per-entry override is in the entry's billing currency.

Money: the amount of an entry is ``core.money.amount_for(billable_seconds, rate, currency)``:
billable hours × rate, rounded once, half-up, to the currency's minor unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from timeledger.core.money import UnknownCurrency, format_money

BILLING = "billing"
COST = "cost"
KINDS = (BILLING, COST)

OVERRIDE = "override"
TASK = "task"
PROJECT_MEMBER = "project_member"
PROJECT = "project"
CLIENT = "client"
MEMBER = "member"
ROLE = "role"
ORGANISATION = "organisation"

#: Most specific first. ``resolve`` walks this list and stops at the first level with a version.
PRECEDENCE: tuple[str, ...] = (
    OVERRIDE,
    TASK,
    PROJECT_MEMBER,
    PROJECT,
    CLIENT,
    MEMBER,
    ROLE,
    ORGANISATION,
)

#: Which scope ids a rate row at each level carries (all others are empty).
SCOPE_FIELDS: dict[str, tuple[str, ...]] = {
    TASK: ("task_id",),
    PROJECT_MEMBER: ("project_id", "member_id"),
    PROJECT: ("project_id",),
    CLIENT: ("client_id",),
    MEMBER: ("member_id",),
    ROLE: ("job_role_id",),
    ORGANISATION: (),
}
ALL_SCOPE_FIELDS = ("job_role_id", "member_id", "client_id", "project_id", "task_id")

LEVEL_NAMES: dict[str, str] = {
    OVERRIDE: "entry override",
    TASK: "task",
    PROJECT_MEMBER: "project-member",
    PROJECT: "project",
    CLIENT: "client",
    MEMBER: "member",
    ROLE: "role",
    ORGANISATION: "organisation default",
}


@dataclass(frozen=True)
class Candidate:
    """One rate row as plain values. ``label`` is what the explanation quotes (e.g. the task name)."""

    level: str
    amount: Decimal
    currency: str
    effective_from: dt.date
    kind: str = BILLING
    job_role_id: int | None = None
    member_id: int | None = None
    client_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None
    label: str = ""
    rate_id: int | None = None

    def scope(self) -> tuple:
        return tuple(getattr(self, name) for name in SCOPE_FIELDS[self.level])


@dataclass(frozen=True)
class Work:
    """The facts of an entry that select its rate.

    ``currency`` is the currency the rate must be in: the client's for billing, the
    organisation's for cost. ``override`` is the entry's manager-set billing rate, if any.
    """

    member_id: int | None
    job_role_id: int | None
    client_id: int | None
    project_id: int | None
    task_id: int | None
    date: dt.date
    currency: str
    override: Decimal | None = None

    def scope_value(self, field: str):
        return getattr(self, field)


@dataclass(frozen=True)
class Resolution:
    """The rate in force for a piece of work, and why. ``amount`` is None when none applies."""

    amount: Decimal | None
    currency: str
    level: str | None
    label: str
    effective_from: dt.date | None
    explanation: str
    kind: str = BILLING
    rate_id: int | None = None

    @property
    def found(self) -> bool:
        return self.amount is not None

    @property
    def source(self) -> str:
        """Short text frozen on the entry as ``rate_source``."""
        return self.explanation[:200]


def applies(candidate: Candidate, work: Work, kind: str = BILLING) -> bool:
    """Does ``candidate`` cover ``work`` (kind, currency, scope, and in force on the work date)?"""
    if candidate.kind != kind or candidate.currency != work.currency:
        return False
    if candidate.effective_from > work.date:
        return False
    if candidate.level not in SCOPE_FIELDS:
        return False
    for field in SCOPE_FIELDS[candidate.level]:
        value = getattr(candidate, field)
        if value is None or value != work.scope_value(field):
            return False
    return True


def version_in_force(candidates: Iterable[Candidate], work: Work, level: str, kind: str = BILLING):
    """The version at ``level`` in force on the work date (latest ``effective_from``), or None.

    Ties on the same date cannot be saved; if they reach here anyway the highest ``rate_id``
    (the most recently created) wins so the answer is still deterministic.
    """
    best = None
    for c in candidates:
        if c.level != level or not applies(c, work, kind):
            continue
        key = (c.effective_from, c.rate_id or 0)
        if best is None or key > (best.effective_from, best.rate_id or 0):
            best = c
    return best


def describe(level: str, label: str, amount: Decimal, currency: str, effective_from) -> str:
    name = LEVEL_NAMES[level]
    quoted = f" '{label}'" if label else ""
    if level == OVERRIDE:
        return f"{name} {_price(amount, currency)} {currency}, set on the entry"
    price = _price(amount, currency)
    return f"{name} rate{quoted} {price} {currency}, effective {effective_from.isoformat()}"


def _price(amount: Decimal, currency: str) -> str:
    """A rate in its currency's decimals (``150.00`` EUR, ``12.345`` KWD, ``15,000`` JPY)."""
    try:
        return format_money(amount, currency, price=True)
    except UnknownCurrency:
        return f"{amount:.2f}"


def resolve(candidates: Iterable[Candidate], work: Work, kind: str = BILLING) -> Resolution:
    """The rate for ``work``: the most specific level with a version in force on its date."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    candidates = list(candidates)
    if kind == BILLING and work.override is not None:
        return Resolution(
            amount=work.override,
            currency=work.currency,
            level=OVERRIDE,
            label="",
            effective_from=None,
            explanation=describe(OVERRIDE, "", work.override, work.currency, None),
            kind=kind,
        )
    for level in PRECEDENCE[1:]:
        found = version_in_force(candidates, work, level, kind)
        if found is not None:
            return Resolution(
                amount=found.amount,
                currency=found.currency,
                level=level,
                label=found.label,
                effective_from=found.effective_from,
                explanation=describe(
                    level, found.label, found.amount, found.currency, found.effective_from
                ),
                kind=kind,
                rate_id=found.rate_id,
            )
    what = "billing" if kind == BILLING else "cost"
    return Resolution(
        amount=None,
        currency=work.currency,
        level=None,
        label="",
        effective_from=None,
        explanation=f"no {what} rate in {work.currency} in force on {work.date.isoformat()}",
        kind=kind,
    )


@dataclass(frozen=True)
class Step:
    """One line of a full explanation: what each level offers and whether it won."""

    level: str
    name: str
    candidate: Candidate | None
    text: str
    wins: bool


def explain(candidates: Iterable[Candidate], work: Work, kind: str = BILLING) -> list[Step]:
    """Every level from most to least specific, what it offers on the work date, which one wins."""
    candidates = list(candidates)
    winner = resolve(candidates, work, kind)
    steps = []
    for level in PRECEDENCE:
        if level == OVERRIDE:
            if kind != BILLING:
                continue
            has = work.override is not None
            text = (
                describe(OVERRIDE, "", work.override, work.currency, None)
                if has
                else "no override on the entry"
            )
            steps.append(Step(level, LEVEL_NAMES[level], None, text, winner.level == OVERRIDE))
            continue
        found = version_in_force(candidates, work, level, kind)
        if found is None:
            text = f"no {LEVEL_NAMES[level]} rate in force"
        else:
            text = describe(level, found.label, found.amount, found.currency, found.effective_from)
        steps.append(
            Step(
                level, LEVEL_NAMES[level], found, text, found is not None and winner.level == level
            )
        )
    return steps


def overlapping(existing: Iterable[Candidate], new: Candidate) -> Candidate | None:
    """An existing version that the new one would overlap (same level, scope, kind, currency, date)."""
    for c in existing:
        if (
            c.level == new.level
            and c.kind == new.kind
            and c.currency == new.currency
            and c.scope() == new.scope()
            and c.effective_from == new.effective_from
            and (new.rate_id is None or c.rate_id != new.rate_id)
        ):
            return c
    return None


def scope_errors(level: str, scope: dict[str, int | None]) -> dict[str, str]:
    """Field errors when a rate's scope ids do not match its level (needed ones set, others empty)."""
    if level not in SCOPE_FIELDS:
        return {"level": f"Unknown level {level!r}."}
    errors: dict[str, str] = {}
    needed = SCOPE_FIELDS[level]
    for field in ALL_SCOPE_FIELDS:
        name = field.removesuffix("_id")
        if field in needed and scope.get(field) is None:
            errors[name] = f"A {LEVEL_NAMES[level]} rate needs a {name.replace('_', ' ')}."
        elif field not in needed and scope.get(field) is not None:
            errors[name] = f"A {LEVEL_NAMES[level]} rate takes no {name.replace('_', ' ')}."
    return errors
