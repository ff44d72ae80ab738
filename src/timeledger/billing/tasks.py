"""Background billing: a Celery task that runs billing for every organisation (beat schedule)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="billing.run_due")
def run_due_billing(organisation_id: int | None = None) -> dict:
    """Bill every due project of one organisation (or of all). Re-running is harmless."""
    from timeledger.accounts.models import Organisation
    from timeledger.billing.engine import run_billing

    orgs = Organisation.objects.all()
    if organisation_id is not None:
        orgs = orgs.filter(pk=organisation_id)
    out = {}
    for org in orgs.order_by("id"):
        result = run_billing(org)
        out[org.slug] = {
            "drafts": len(result.billed),
            "entries": result.entries,
            "errors": len(result.errors),
        }
    return out


# Celery beat: every day at 02:00 (organisation time zones aside, billing is by period end dates).
BEAT_SCHEDULE = {
    "billing-run-due": {"task": "billing.run_due", "schedule": 24 * 3600},
}
