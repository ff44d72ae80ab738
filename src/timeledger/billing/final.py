"""The final invoice of a project: a billing run of kind final — the same engine as every run.

It bills what a normal run would bill for the project up to the day (time lines rounded once per
line, milestone slices, instalments, retainer periods, change orders; the not-to-exceed cap held
back), whatever its schedule says, onto one invoice of kind *final* that also carries the summary
of every invoice issued for the project before (``billing.selectors.earlier_invoices``). Issuing
it closes the project (``invoicing.issuing.issue_invoice``). A project has one final invoice
(unless voided), and a closed project none (``engine.plans``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext, ngettext

from timeledger.accounts.roles import Cap
from timeledger.billing.engine import run_billing
from timeledger.billing.models import RunKind
from timeledger.core.errors import fail
from timeledger.invoicing.models import Invoice


def create_final_invoice(project, *, by, up_to: dt.date | None = None) -> Invoice:
    """The closing invoice of ``project``: its approved work not billed yet (up to ``up_to``,
    default today) and a summary of every invoice issued for it before. All or nothing."""
    if by is None or not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot manage invoices."))
    if project.organisation_id != by.organisation_id:
        fail(gettext("Not found."))
    with transaction.atomic():
        result = run_billing(
            by.organisation, by=by, up_to=up_to, project_codes=[project.code], kind=RunKind.FINAL
        )
        for failed in result.errors:
            fail(
                gettext("Project %(code)s: %(error)s")
                % {"code": project.code, "error": failed.error}
            )
        if not result.billed:
            held = sum(len(h.entry_ids) for p in result.held_back for h in p.held)
            text = gettext(
                "Project %(code)s has no approved, unbilled time left to bill (nor anything else "
                "due); close the project instead."
            ) % {"code": project.code}
            if held:
                text += " " + ngettext(
                    "%(count)s entry is held back (see the billing preview).",
                    "%(count)s entries are held back (see the billing preview).",
                    held,
                ) % {"count": held}
            fail(text)
        return Invoice.objects.get(pk=result.billed[0].invoice_id)
