"""The ``timeledger tick`` / Celery beat job of contracts: budget alerts, retainer overage flags and
not-to-exceed flags for every organisation. Idempotent (unique alert rows, conditional flag
updates). A warning ahead of billing; the billing run applies the cap itself."""

from __future__ import annotations

from django.utils import timezone

from timeledger.accounts.models import Organisation
from timeledger.contracts.budgets import check_all_budgets
from timeledger.contracts.models import ProjectTerms
from timeledger.contracts.retainers import flag_retainer_overages
from timeledger.contracts.services import flag_cap_overruns


def run_due(now=None) -> dict:
    """``timeledger tick`` job: budget alerts, retainer overage flags and not-to-exceed flags for
    every organisation. Idempotent (unique alert rows, conditional flag updates)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    alerts = overages = capped = 0
    for org in Organisation.objects.all():
        alerts += check_all_budgets(org)
        overages += len(flag_retainer_overages(org, today=today))
    for terms in (
        ProjectTerms.objects.filter(project__is_archived=False)
        .exclude(cap_amount__isnull=True, cap_hours__isnull=True)
        .select_related("project")
    ):
        capped += flag_cap_overruns(terms.project)["flagged"]
    return {"budget_alerts": alerts, "retainer_overages": overages, "over_cap": capped}
