"""Before a rate is saved, changed or deleted: how many unlocked entries it re-prices, by how much.

One SQL query per preview, whatever the number of entries. The "before" rate of each entry is
``locking.rate_expression`` (the same SQL that freezes rates); the "after" rate is the same
expression with the edited version taken out and the proposed version put in as literals, following
``rules.resolve``: at the proposed version's level it wins over the stored versions with an
earlier or equal ``effective_from``; other levels are unchanged. Only unlocked entries count —
locked ones never change. Billing previews count billable entries; cost previews count all.
Amounts: billing = billable seconds × rate, cost = logged seconds × cost rate, each entry rounded
half-up like ``money.amount_for``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from timeledger.core.hours import hours_2dp
from timeledger.core.money import quantize
from timeledger.rates import rules
from timeledger.rates.locking import _version, amount_expression, levels_in_use
from timeledger.rates.models import Rate
from timeledger.timesheets.models import TimeEntry

MONEY = DecimalField(max_digits=15, decimal_places=3)
RATE = DecimalField(max_digits=13, decimal_places=3)


@dataclass(frozen=True)
class Proposal:
    """A rate version as plain values (what the form or API would save)."""

    kind: str
    level: str
    amount: Decimal
    currency: str
    effective_from: object
    job_role_id: int | None = None
    member_id: int | None = None
    client_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class Preview:
    entries: int
    seconds: int
    currency_totals: dict  # currency -> (before, after)
    missing_before: int
    missing_after: int

    @property
    def delta(self) -> dict:
        return {c: after - before for c, (before, after) in self.currency_totals.items()}

    def as_dict(self) -> dict:
        return {
            "entries": self.entries,
            "hours": str(hours_2dp(self.seconds)),
            "totals": [
                {
                    "currency": c,
                    "before": str(before),
                    "after": str(after),
                    "change": str(after - before),
                }
                for c, (before, after) in sorted(self.currency_totals.items())
            ],
            "missing_before": self.missing_before,
            "missing_after": self.missing_after,
        }


def proposal_from(values: dict) -> Proposal:
    return Proposal(
        kind=values["kind"],
        level=values["level"],
        amount=values["amount"],
        currency=values["currency"],
        effective_from=values["effective_from"],
        **{
            f"{n}_id": (values[n].pk if values.get(n) else None)
            for n in ("job_role", "member", "client", "project", "task")
        },
    )


def proposal_from_rate(rate: Rate) -> Proposal:
    return Proposal(
        kind=rate.kind,
        level=rate.level,
        amount=rate.amount,
        currency=rate.currency,
        effective_from=rate.effective_from,
        job_role_id=rate.job_role_id,
        member_id=rate.member_id,
        client_id=rate.client_id,
        project_id=rate.project_id,
        task_id=rate.task_id,
    )


def _scope_q(p: Proposal) -> Q:
    """Entries a version at this scope could ever cover (before looking at dates)."""
    q = Q()
    for field in rules.SCOPE_FIELDS[p.level]:
        if field == "job_role_id":
            q &= Q(member__job_role_id=p.job_role_id)
        else:
            q &= Q(**{field: getattr(p, field)})
    return q


def preview_change(
    organisation,
    *,
    proposal: Proposal | None,
    replacing: Rate | None = None,
) -> Preview:
    """What saving ``proposal`` (a new version, or the new values of ``replacing``) or deleting
    ``replacing`` (``proposal=None``) would do to the organisation's unlocked entries."""

    if proposal is None and replacing is None:
        raise ValueError("nothing to preview")
    kind = (proposal or replacing).kind
    used = levels_in_use()
    without = replacing.pk if replacing is not None else None

    entries = TimeEntry.objects.filter(organisation=organisation, rate_locked_at__isnull=True)
    entries = entries.exclude(start__isnull=False, end__isnull=True)
    if kind == rules.BILLING:
        entries = entries.filter(is_billable=True)
    # Only entries the old or the new version could touch.
    reach = Q(pk__in=[])
    for p in (proposal, replacing and proposal_from_rate(replacing)):
        if p is not None:
            reach |= _scope_q(p) & Q(date__gte=p.effective_from)
    entries = entries.filter(reach)

    if kind == rules.BILLING:
        currency = Subquery(
            TimeEntry.client.field.related_model.objects.filter(pk=OuterRef("client_id")).values(
                "currency"
            )[:1]
        )
    else:
        currency = Value(organisation.currency)
    entries = entries.annotate(bill_currency=currency)

    before_parts = []
    if kind == rules.BILLING:
        before_parts.append(F("rate_override"))
    for level in rules.PRECEDENCE[1:]:
        if (kind, level) in used:
            before_parts.append(_version(level, kind, "amount"))

    after_parts = []
    if kind == rules.BILLING:
        after_parts.append(F("rate_override"))
    for level in rules.PRECEDENCE[1:]:
        in_use = (kind, level) in used
        stored = _version(level, kind, "amount", exclude_id=without) if in_use else None
        if proposal is not None and proposal.level == level:
            alias = f"newest_{level}"
            if in_use:
                entries = entries.annotate(
                    **{alias: _version(level, kind, "effective_from", exclude_id=without)}
                )
            covers = (
                _scope_q(proposal)
                & Q(date__gte=proposal.effective_from)
                & Q(bill_currency=proposal.currency)
            )
            if in_use:
                covers &= Q(**{f"{alias}__isnull": True}) | Q(
                    **{f"{alias}__lte": proposal.effective_from}
                )
            after_parts.append(
                Case(
                    When(covers, then=Value(proposal.amount, output_field=RATE)),
                    default=stored if stored is not None else Value(None, output_field=RATE),
                    output_field=RATE,
                )
            )
        elif stored is not None:
            after_parts.append(stored)

    def first(parts):
        if not parts:
            return Value(None, output_field=RATE)
        return parts[0] if len(parts) == 1 else Coalesce(*parts, output_field=RATE)

    seconds = F("billable_seconds") if kind == rules.BILLING else F("seconds")
    entries = entries.annotate(old_rate=first(before_parts), new_rate=first(after_parts))
    entries = entries.annotate(
        changed=Case(
            When(old_rate=F("new_rate"), then=Value(False)),
            When(old_rate__isnull=True, new_rate__isnull=True, then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    ).filter(changed=True)
    entries = entries.annotate(
        old_amount=Coalesce(
            amount_expression(connection.vendor, F("old_rate"), seconds, "bill_currency"),
            Value(Decimal("0.00")),
            output_field=MONEY,
        ),
        new_amount=Coalesce(
            amount_expression(connection.vendor, F("new_rate"), seconds, "bill_currency"),
            Value(Decimal("0.00")),
            output_field=MONEY,
        ),
        secs=ExpressionWrapper(seconds, output_field=IntegerField()),
    )
    rows = (
        entries.order_by()
        .values("bill_currency")
        .annotate(
            n=Count("pk"),
            s=Sum("secs"),
            before=Sum("old_amount"),
            after=Sum("new_amount"),
            missing_before=Sum(Case(When(old_rate__isnull=True, then=1), default=0)),
            missing_after=Sum(Case(When(new_rate__isnull=True, then=1), default=0)),
        )
    )
    totals: dict = {}
    n = s = mb = ma = 0
    for row in rows:
        n += row["n"] or 0
        s += row["s"] or 0
        mb += row["missing_before"] or 0
        ma += row["missing_after"] or 0
        totals[row["bill_currency"]] = (
            quantize(Decimal(row["before"] or 0), row["bill_currency"]),
            quantize(Decimal(row["after"] or 0), row["bill_currency"]),
        )
    return Preview(
        entries=n, seconds=s, currency_totals=totals, missing_before=mb, missing_after=ma
    )
