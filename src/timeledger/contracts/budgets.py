"""Budget burn and alerts (reads, plus the idempotent alert writer).

Burn, written down:
- hours used = all logged time on the project (billable or not; running timers excluded);
- money used = the billable value of its entries: the frozen amount of locked entries, the amount
  the rate rule gives today for the others (``rates.selectors.priced``, in SQL);
- effective budget = the project's budget + the hours/amount of its *approved* change orders.
Alerts fire once per project, metric and threshold (a unique row), and e-mail the project lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import formats, translation
from django.utils.translation import gettext as _

from timeledger.contracts import rules
from timeledger.contracts.models import (
    BudgetAlert,
    BudgetMetric,
    ChangeOrder,
    ChangeOrderStatus,
)
from timeledger.contracts.selectors import terms_for
from timeledger.core.audit import record
from timeledger.core.hours import hours_2dp
from timeledger.projects.models import Project
from timeledger.rates.selectors import priced_total
from timeledger.timesheets.models import TimeEntry

ZERO = Decimal(0)


@dataclass(frozen=True)
class Burn:
    metric: str
    used: Decimal
    base_budget: Decimal | None
    change_orders: Decimal
    budget: Decimal | None
    percent: Decimal | None
    crossed: list[int]


@dataclass
class BudgetStatus:
    project: Project
    currency: str
    thresholds: list[int]
    hours: Burn
    amount: Burn
    alerts: list = field(default_factory=list)

    def as_dict(self) -> dict:
        def burn(b: Burn) -> dict:
            return {
                "used": f"{b.used:.2f}",
                "budget": None if b.budget is None else f"{b.budget:.2f}",
                "base_budget": None if b.base_budget is None else f"{b.base_budget:.2f}",
                "change_orders": f"{b.change_orders:.2f}",
                "percent": None if b.percent is None else f"{b.percent}",
                "crossed": b.crossed,
            }

        return {
            "project": self.project.pk,
            "currency": self.currency,
            "thresholds": self.thresholds,
            "hours": burn(self.hours),
            "amount": burn(self.amount),
            "alerts": [
                {
                    "metric": a.metric,
                    "threshold": a.threshold,
                    "used": f"{a.used:.2f}",
                    "budget": f"{a.budget:.2f}",
                    "at": a.created_at,
                    "notified_to": a.notified_to,
                }
                for a in self.alerts
            ],
        }


def thresholds_for(project: Project) -> list[int]:

    return rules.parse_thresholds(terms_for(project).alert_thresholds)


def approved_change_orders(project: Project) -> dict:
    totals = ChangeOrder.objects.filter(
        project=project, status=ChangeOrderStatus.APPROVED
    ).aggregate(hours=Sum("hours"), amount=Sum("amount"))
    return {"hours": totals["hours"] or ZERO, "amount": totals["amount"] or ZERO}


def budget_status(project: Project) -> BudgetStatus:

    entries = TimeEntry.objects.filter(project=project).exclude(
        start__isnull=False, end__isnull=True
    )
    seconds = entries.aggregate(s=Sum("seconds"))["s"] or 0
    hours_used = hours_2dp(seconds)
    money_used = priced_total(entries.filter(is_billable=True)) or ZERO
    cos = approved_change_orders(project)
    thresholds = thresholds_for(project)

    def burn(metric, used, base, extra) -> Burn:
        budget = None if base is None and not extra else (base or ZERO) + extra
        return Burn(
            metric=metric,
            used=used,
            base_budget=base,
            change_orders=extra,
            budget=budget,
            percent=rules.burn_percent(used, budget),
            crossed=rules.crossed(used, budget, thresholds),
        )

    return BudgetStatus(
        project=project,
        currency=project.currency,
        thresholds=thresholds,
        hours=burn(BudgetMetric.HOURS, hours_used, project.budget_hours, cos["hours"]),
        amount=burn(BudgetMetric.AMOUNT, Decimal(money_used), project.budget_amount, cos["amount"]),
        alerts=list(BudgetAlert.objects.filter(project=project).order_by("metric", "threshold")),
    )


def check_budget_alerts(project: Project) -> list[BudgetAlert]:
    """Create the alerts for thresholds newly crossed and e-mail the lead after commit.

    Idempotent: the (project, metric, threshold) row is unique, so a threshold alerts once even
    when two checks race; the loser's insert fails inside its savepoint and sends nothing.
    """
    status = budget_status(project)
    lead = project.lead
    created = []
    for burn in (status.hours, status.amount):
        for threshold in burn.crossed:
            try:
                with transaction.atomic():
                    alert = BudgetAlert.objects.create(
                        organisation_id=project.organisation_id,
                        project=project,
                        metric=burn.metric,
                        threshold=threshold,
                        used=burn.used,
                        budget=burn.budget,
                        notified_to=lead.user.email if lead else "",
                    )
                    record(
                        organisation=project.organisation,
                        actor=None,
                        action="budget_alert",
                        obj=alert,
                        after={
                            "metric": burn.metric,
                            "threshold": threshold,
                            "used": str(burn.used),
                        },
                    )
            except IntegrityError:
                continue
            created.append(alert)
            if lead is not None:
                unit = "h" if burn.metric == BudgetMetric.HOURS else status.currency
                subject, body = _alert_mail(project, alert, burn, unit)
                transaction.on_commit(
                    lambda s=subject, b=body, to=lead.user.email: send_mail(
                        s, b, settings.DEFAULT_FROM_EMAIL, [to]
                    )
                )
    return created


def _alert_mail(project: Project, alert: BudgetAlert, burn, unit: str) -> tuple[str, str]:
    """Subject and body of a budget alert to the project lead, in the organisation's language."""
    with translation.override(project.organisation.mail_language):
        facts = {
            "code": project.code,
            "project": str(project),
            "threshold": alert.threshold,
            "used": formats.number_format(burn.used, 2),
            "budget": formats.number_format(burn.budget, 2),
            "unit": unit,
            "percent": burn.percent,
        }
        if burn.metric == BudgetMetric.HOURS:
            subject = _("[%(code)s] %(threshold)s%% of the hours budget used")
        else:
            subject = _("[%(code)s] %(threshold)s%% of the money budget used")
        body = _(
            "%(project)s has used %(used)s %(unit)s of its %(budget)s %(unit)s budget (%(percent)s%%)."
        )
        return subject % facts, body % facts


def check_all_budgets(organisation) -> int:
    """For ``timeledger tick``: check every open project with a budget. Returns alerts created."""
    n = 0
    projects = Project.objects.filter(organisation=organisation, is_archived=False).select_related(
        "lead__user", "client", "organisation"
    )
    for project in projects:
        if project.budget_hours or project.budget_amount or project.change_orders.exists():
            n += len(check_budget_alerts(project))
    return n
