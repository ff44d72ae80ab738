"""Property: over random projects and weeks, nothing the checks forbid is ever sent — and what
none of them forbids is sent, once.

Each project has its own client (so one pass sends at most one invoice per client and the
client's history is what the example made). The oracle below is written from the scenario, not
from the checks: time still draft or submitted in the billed period, over the estimate with no
note, a manual line, no invoice e-mail, above the amount limit, outside the band around the
client's one earlier invoice, or the client's first invoice while that is not allowed.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core import mail
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeledger.autosend import services
from timeledger.autosend.models import Dispatch
from timeledger.autosend.tests.helpers import AMS, setup_org
from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.einvoicing.tests import factories as ef
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")
VAT = Decimal("1.21")

entry = st.tuples(
    st.integers(min_value=1, max_value=28),  # day of March
    st.sampled_from(["2.00", "4.50", "7.75", "8.00"]),
    st.sampled_from(["approved"] * 6 + ["submitted", "draft"]),
)
project = st.fixed_dictionaries(
    {
        "entries": st.lists(entry, min_size=1, max_size=3),
        "rate": st.sampled_from(["100", "120", "150"]),
        "estimate": st.sampled_from([None, None, "500", "2000", "100000"]),
        "manual_line": st.sampled_from([False, False, False, True]),
        "has_email": st.sampled_from([True, True, True, False]),
        "history": st.sampled_from([None, "400", "1500", "1500", "3000"]),
    }
)
scenario = st.fixed_dictionaries(
    {
        "projects": st.lists(project, min_size=1, max_size=3),
        "week_end": st.sampled_from([dt.date(2026, 3, d) for d in (8, 15, 22, 29, 29)]),
        "amount_limit": st.sampled_from(["1000", "3000", "20000", "20000"]),
        "band": st.sampled_from(["25", "50", "200", "200"]),
        "allow_first": st.booleans(),
    }
)


def _forbidden(p: dict, draft: Invoice, s: dict) -> list[str]:
    billed_days = [
        d for d, _, status in p["entries"] if status == "approved" and d <= s["week_end"].day
    ]
    start = min(billed_days)
    reasons = []
    if any(
        status in ("submitted", "draft") and start <= d <= s["week_end"].day
        for d, _, status in p["entries"]
    ):
        reasons.append("pending time")
    net = sum(
        (
            (Decimal(h) * Decimal(p["rate"])).quantize(CENT, ROUND_HALF_UP)
            for d, h, status in p["entries"]
            if status == "approved" and d <= s["week_end"].day
        ),
        Decimal(0),
    )
    if p["manual_line"]:
        net += Decimal("80.00")
        reasons.append("manual line")
    gross = (net * VAT).quantize(CENT, ROUND_HALF_UP)
    if p["estimate"] is not None and net > Decimal(p["estimate"]):
        reasons.append("over the estimate")
    if not p["has_email"]:
        reasons.append("no e-mail")
    if gross > Decimal(s["amount_limit"]):
        reasons.append("above the limit")
    if p["history"] is None:
        if not s["allow_first"]:
            reasons.append("first invoice")
    else:
        average = (Decimal(p["history"]) * VAT).quantize(CENT, ROUND_HALF_UP)
        spread = average * Decimal(s["band"]) / 100
        low = (average - spread).quantize(CENT, ROUND_HALF_UP)
        high = (average + spread).quantize(CENT, ROUND_HALF_UP)
        if not low <= gross <= high:
            reasons.append("outside the band")
    assert draft.gross_total == gross  # the oracle prices the draft as the engine does
    return reasons


CLEAN = {
    "projects": [
        {
            "entries": [(2, "8.00", "approved"), (3, "4.50", "approved")],
            "rate": "150",
            "estimate": None,
            "manual_line": False,
            "has_email": True,
            "history": "1500",
        }
    ],
    "week_end": dt.date(2026, 3, 8),
    "amount_limit": "20000",
    "band": "50",
    "allow_first": False,
}


@settings(
    max_examples=20,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(s=scenario)
@example(s=CLEAN)  # at least one that goes out
def test_nothing_the_checks_forbid_is_ever_sent(org, accountant, alice, s):
    with transaction.atomic():
        tax = setup_org(
            org,
            accountant,
            amount_limit=Decimal(s["amount_limit"]),
            band_percent=Decimal(s["band"]),
            allow_first_invoice=s["allow_first"],
        )
        made = {}
        for p in s["projects"]:
            client = ef.buyer(org, "peppol")
            if not p["has_email"]:
                client.invoice_email = ""
                client.save(update_fields=["invoice_email"])
            if p["history"] is not None:
                inv.issued(
                    accountant,
                    client,
                    [("Earlier", "1", p["history"], tax["S"])],
                    on=dt.date(2026, 2, 2),
                )
            proj = f.project(
                org, client, estimate_amount=Decimal(p["estimate"]) if p["estimate"] else None
            )
            for day, hours, status in p["entries"]:
                when = dt.date(2026, 3, day)
                if status == "approved":
                    approved(alice, proj, day=when, hours=hours, rate=p["rate"])
                else:
                    f.entry(alice, proj, day=when, hours=hours, status=EntryStatus(status))
            made[proj.pk] = p
        run_billing(org, up_to=s["week_end"])
        drafts_ = {
            d.project_id: d
            for d in Invoice.objects.filter(organisation=org, status="draft", project__isnull=False)
        }
        for pid, draft in drafts_.items():
            if made[pid]["manual_line"]:
                drafts.add_line(draft, by=accountant, description="Travel", unit_price="80")
        night = dt.datetime.combine(s["week_end"] + dt.timedelta(days=1), dt.time(2), tzinfo=AMS)
        Invoice.objects.filter(pk__in=[d.pk for d in drafts_.values()]).update(created_at=night)
        mail.outbox.clear()

        result = services.run_pass(org, now=night + dt.timedelta(hours=8))

        for pid, draft in drafts_.items():
            draft.refresh_from_db()
            forbidden = _forbidden(made[pid], draft, s)
            sent = draft.status == InvoiceStatus.SENT
            assert not (sent and forbidden), (forbidden, draft.number)
            assert sent == (not forbidden), (forbidden, result)
            if sent:
                assert Dispatch.objects.get(invoice=draft).status == Dispatch.Status.SENT
        sent_numbers = [m.subject for m in mail.outbox]
        assert len(sent_numbers) == len(result.sent) == len(set(sent_numbers))
        # A second pass sends nothing more.
        assert services.run_pass(org, now=night + dt.timedelta(hours=9)).sent == []
        transaction.set_rollback(True)
