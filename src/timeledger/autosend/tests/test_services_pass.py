"""The pass: a clean draft is issued and sent at the configured hour, once; each check that
fails keeps its draft in the review queue with that reason, and the fix sends it next pass."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal
from email import policy as email_policy

import pytest
from lxml import etree

from timeledger.autosend import services
from timeledger.autosend.models import Dispatch, ReviewItem
from timeledger.autosend.selectors import review_queue
from timeledger.autosend.tests.helpers import (
    SEND_DAY,
    UNTIL,
    WEEK,
    at,
    billed_draft,
    buyer_with_history,
    setup_org,
)
from timeledger.billing import services as billing
from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.contracts import services as contracts
from timeledger.core.models import AuditLog
from timeledger.einvoicing.models import ClientEinvoiceSettings, OrganisationEinvoiceSettings
from timeledger.einvoicing.tests import factories as ef
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.testing import factories as f
from timeledger.testing.smtp import smtp_server
from timeledger.timesheets.models import EntryStatus

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 1)


@pytest.fixture
def inbox(settings):
    with smtp_server(settings) as box:
        yield box


@pytest.fixture
def scene(org, accountant, alice):
    tax = setup_org(org, accountant)
    client = buyer_with_history(org, accountant, tax)
    return org, tax, client


def _pass(org, when):
    return services.run_pass(org, now=when)


def _reasons(invoice) -> list[str]:
    item = ReviewItem.objects.get(invoice=invoice)
    return [r["check"] for r in item.reasons]


def test_clean_draft_is_issued_and_emailed_at_the_configured_hour_once(
    scene, alice, inbox, accountant
):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    send_day = SEND_DAY  # made at 02:00 by the nightly run; the policy sends at 09:00
    early = _pass(org, at(send_day, 8, 59))
    assert early.sent == [] and early.not_due == 1
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.DRAFT

    result = _pass(org, at(send_day, 9, 5))
    assert result.sent == ["INV-2026-00002"], result
    invoice = Invoice.objects.get(pk=draft.pk)
    assert invoice.status == InvoiceStatus.SENT and invoice.number == "INV-2026-00002"
    messages = inbox.wait_for(1)
    assert len(messages) == 1
    message = email.message_from_bytes(messages[0].as_bytes(), policy=email_policy.default)
    assert message["To"] == "ap@buyer.example"
    files = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert set(files) == {"INV-2026-00002.pdf", "INV-2026-00002-peppol.xml"}
    assert files["INV-2026-00002.pdf"].startswith(b"%PDF")
    xml = etree.fromstring(files["INV-2026-00002-peppol.xml"])
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert xml.findtext("cbc:ID", namespaces=ns) == "INV-2026-00002"
    payable = xml.xpath("//cbc:PayableAmount", namespaces=ns)[0].text
    assert Decimal(payable) == invoice.gross_total == Decimal("1815.00")

    # Audited as done by the policy, with the checks it passed.
    rows = AuditLog.objects.filter(object_id=str(invoice.pk), action__startswith="autosend")
    assert [r.action for r in rows.order_by("id")] == ["autosend_issue", "autosend_send"]
    issue_row = rows.get(action="autosend_issue")
    assert issue_row.actor_id is None
    assert "invoicing policy" in issue_row.reason
    assert issue_row.after["checks_passed"] == [
        "time_approved",
        "nothing_held_back",
        "within_estimate",
        "no_reconciliation_hold",
        "delivery_complete",
        "einvoice_valid",
        "within_amount_limit",
        "within_band",
        "not_first_invoice",
        "no_lines_added",
    ]

    # Later passes never send it again.
    again = _pass(org, at(send_day, 10, 0))
    assert again.sent == []
    assert len(inbox.messages) == 1
    assert Dispatch.objects.get(invoice=invoice).status == Dispatch.Status.SENT


def _due(org, draft):
    return at(SEND_DAY, 9, 30)


def _assert_queued_then_sent(org, draft, check, fix, inbox, *, sent_before=0):
    when = _due(org, draft)
    result = _pass(org, when)
    assert result.sent == [], result
    assert check in _reasons(draft)
    assert Invoice.objects.get(pk=draft.pk).status in (InvoiceStatus.DRAFT, InvoiceStatus.ON_HOLD)
    assert draft.pk in [i.invoice_id for i in review_queue(org)]
    assert len(inbox.messages) == sent_before
    fix()
    result = _pass(org, when + dt.timedelta(hours=1))
    assert len(result.sent) == 1, (result, ReviewItem.objects.get(invoice=draft).reasons)
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.SENT
    assert draft.pk not in [i.invoice_id for i in review_queue(org)]
    inbox.wait_for(sent_before + 1)


def test_time_still_submitted_in_the_period_waits(scene, alice, inbox, manager):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    pending = f.entry(
        alice, draft.project, day=WEEK + dt.timedelta(days=1), status=EntryStatus.SUBMITTED
    )

    def fix():
        pending.status = EntryStatus.REJECTED
        pending.save(update_fields=["status"])

    _assert_queued_then_sent(org, draft, "time_approved", fix, inbox)


def test_entries_held_back_by_the_cap_wait(scene, alice, manager, inbox):
    org, tax, client = scene
    project = f.project(org, client)
    contracts.save_terms(project, {"cap_amount": "1500.00"}, by=manager)
    draft = billed_draft(org, alice, client, project=project, hours="10.00")
    over = approved(alice, project, day=WEEK + dt.timedelta(days=2), hours="2.00", rate="150")
    run_billing(org, up_to=UNTIL)  # bills nothing more: the cap holds the entry back
    over.refresh_from_db()
    assert over.needs_acceptance and over.invoice_line_id is None

    def fix():  # the manager accepts the over-run; the next run adds it to the open draft
        contracts.accept_overruns([over.pk], by=manager, note="agreed with the client")
        run_billing(org, up_to=UNTIL)
        assert Invoice.objects.get(pk=draft.pk).net_total == Decimal("1800.00")

    _assert_queued_then_sent(org, draft, "nothing_held_back", fix, inbox)


def test_change_order_awaiting_a_decision_waits(scene, alice, manager, inbox):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    co = contracts.request_change_order(
        draft.project, {"description": "Extra report", "amount": "500.00"}, by=manager
    )

    def fix():
        contracts.decide_change_order(co, approve=False, by=manager, note="not now")

    _assert_queued_then_sent(org, draft, "nothing_held_back", fix, inbox)


def test_over_the_estimate_without_a_note_waits(scene, alice, accountant, inbox):
    org, tax, client = scene
    draft = billed_draft(org, alice, client, estimate_amount=Decimal("1000.00"))

    def fix():
        billing.approve_draft(draft, by=accountant, note="Extra workshops agreed on 3 March")

    _assert_queued_then_sent(org, draft, "within_estimate", fix, inbox)


def test_a_reconciliation_hold_waits(scene, alice, manager, inbox):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    # As the engine leaves a draft whose billed share is far from % complete:
    Invoice.objects.filter(pk=draft.pk).update(
        status=InvoiceStatus.ON_HOLD, hold_reason="Billed 80 % but 20 % complete."
    )

    def fix():
        billing.release_hold(draft, by=manager, reason="checked with the lead")

    _assert_queued_then_sent(org, draft, "no_reconciliation_hold", fix, inbox)


def test_client_without_invoice_email_waits(scene, alice, inbox):
    org, tax, client = scene
    client.invoice_email = ""
    client.save(update_fields=["invoice_email"])
    draft = billed_draft(org, alice, client)

    def fix():
        client.invoice_email = "ap@buyer.example"
        client.save(update_fields=["invoice_email"])

    _assert_queued_then_sent(org, draft, "delivery_complete", fix, inbox)


def test_client_without_electronic_address_waits(scene, alice, inbox):
    org, tax, client = scene
    ClientEinvoiceSettings.objects.filter(client=client).update(endpoint_scheme="", endpoint_id="")
    draft = billed_draft(org, alice, client)

    def fix():
        ClientEinvoiceSettings.objects.filter(client=client).update(
            endpoint_scheme="0208", endpoint_id="0123456749"
        )

    _assert_queued_then_sent(org, draft, "delivery_complete", fix, inbox)


def test_invalid_einvoice_waits_with_the_rule(scene, alice, inbox):
    org, tax, client = scene
    OrganisationEinvoiceSettings.objects.filter(organisation=org).update(
        endpoint_scheme="", endpoint_id=""
    )
    draft = billed_draft(org, alice, client)
    _pass(org, _due(org, draft))
    reason = next(r for r in ReviewItem.objects.get(invoice=draft).reasons)
    assert reason["check"] == "einvoice_valid"
    assert "PEPPOL-EN16931-R020" in reason["message"]

    def fix():
        OrganisationEinvoiceSettings.objects.filter(organisation=org).update(
            endpoint_scheme="0106", endpoint_id="12345678"
        )

    _assert_queued_then_sent(org, draft, "einvoice_valid", fix, inbox)


def test_above_the_amount_limit_waits(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"amount_limit": Decimal("1000.00")}, by=accountant)
    draft = billed_draft(org, alice, client)

    def fix():
        services.update_policy({"amount_limit": Decimal("5000.00")}, by=accountant)

    _assert_queued_then_sent(org, draft, "within_amount_limit", fix, inbox)


def test_outside_the_band_around_the_clients_average_waits(scene, alice, accountant, inbox):
    org, tax, client = scene
    # 40 h × 150.00 = 6,000.00 (+21 % = 7,260.00) against an average of 1,815.00 (±50 %).
    draft = billed_draft(org, alice, client, hours="10.00", entries=4)
    _pass(org, _due(org, draft))
    [reason] = ReviewItem.objects.get(invoice=draft).reasons
    assert reason["message"] == (
        "7,260.00 EUR is outside ±50 % of the client's average of 1,815.00 EUR over its last "
        "1 invoice(s) (907.50 EUR – 2,722.50 EUR)."
    )

    def fix():
        services.update_policy({"band_percent": Decimal("400")}, by=accountant)

    _assert_queued_then_sent(org, draft, "within_band", fix, inbox)


def test_the_clients_first_invoice_waits_unless_allowed(org, accountant, alice, inbox):
    tax = setup_org(org, accountant)
    client = ef.buyer(org, "peppol")
    draft = billed_draft(org, alice, client)

    def fix():
        services.update_policy({"allow_first_invoice": True}, by=accountant)

    _assert_queued_then_sent(org, draft, "not_first_invoice", fix, inbox)
    assert tax


@pytest.mark.parametrize("kind", ["manual", "discount"])
def test_a_line_added_after_the_run_waits(scene, alice, accountant, inbox, kind):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    if kind == "manual":
        line = drafts.add_line(draft, by=accountant, description="Travel", unit_price="80")
    else:
        line = drafts.add_discount(draft, by=accountant, description="Loyalty", amount="50")

    def fix():
        drafts.delete_line(line, by=accountant)

    _assert_queued_then_sent(org, draft, "no_lines_added", fix, inbox)
