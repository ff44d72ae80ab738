"""Safety: the kill switch, dry runs, the daily limits, review-only and the overrides, and
never a second send."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.autosend import selectors, services
from timeledger.autosend.models import Dispatch, Mode, ReviewItem
from timeledger.autosend.tests.helpers import (
    SEND_DAY,
    at,
    billed_draft,
    buyer_with_history,
    setup_org,
)
from timeledger.invoicing import delivery
from timeledger.invoicing.issuing import issue_invoice
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.testing.smtp import smtp_server

pytestmark = pytest.mark.django_db

DUE = at(SEND_DAY, 9, 30)


@pytest.fixture
def inbox(settings):
    with smtp_server(settings) as box:
        yield box


@pytest.fixture
def scene(org, accountant):
    tax = setup_org(org, accountant)
    return org, tax, buyer_with_history(org, accountant, tax)


def test_kill_switch_stops_every_automatic_issue_and_send(scene, alice, accountant, inbox):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    services.update_policy({"is_paused": True}, by=accountant)
    result = services.run_pass(org, now=DUE)
    assert result.paused and result.sent == []
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.DRAFT
    assert not Dispatch.objects.exists() and inbox.messages == []
    services.update_policy({"is_paused": False}, by=accountant)
    assert len(services.run_pass(org, now=DUE).sent) == 1


@pytest.mark.parametrize("how", ["argument", "setting"])
def test_dry_run_lists_what_would_be_sent_and_sends_nothing(scene, alice, accountant, inbox, how):
    org, tax, client = scene
    clean = billed_draft(org, alice, client)
    other = buyer_with_history(org, accountant, tax)
    other.invoice_email = ""
    other.save(update_fields=["invoice_email"])
    waiting = billed_draft(org, alice, other)
    if how == "setting":
        services.update_policy({"dry_run": True}, by=accountant)
    result = services.run_pass(org, now=DUE, dry_run=how == "argument")
    assert result.would_send == [clean.pk]
    assert result.queued == [waiting.pk]
    assert result.sent == [] and inbox.messages == []
    assert Invoice.objects.get(pk=clean.pk).status == InvoiceStatus.DRAFT
    assert not Dispatch.objects.exists()


def test_daily_count_limit(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"daily_count_limit": 1}, by=accountant)
    first = billed_draft(org, alice, client)
    second = billed_draft(org, alice, client)
    result = services.run_pass(org, now=DUE)
    assert len(result.sent) == 1 and result.queued == [second.pk]
    item = ReviewItem.objects.get(invoice=second)
    assert item.reasons[0]["check"] == "daily_limit"
    assert "daily limit of 1" in item.reasons[0]["message"]
    # The next day it goes out.
    assert len(services.run_pass(org, now=DUE + dt.timedelta(days=1)).sent) == 1
    assert Invoice.objects.get(pk=first.pk).status == InvoiceStatus.SENT
    assert Invoice.objects.get(pk=second.pk).status == InvoiceStatus.SENT


def test_daily_total_limit(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"daily_total_limit": Decimal("4000.00")}, by=accountant)
    billed_draft(org, alice, client)  # 1,815.00
    billed_draft(org, alice, client)  # 1,815.00 more: 3,630.00
    third = billed_draft(org, alice, client)  # 5,445.00 > 4,000.00
    result = services.run_pass(org, now=DUE)
    assert len(result.sent) == 2
    assert ReviewItem.objects.get(invoice=third).reasons[0]["message"] == (
        "The daily total limit of 4000.00 would be exceeded."
    )


def test_review_only_lists_and_never_sends(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"mode": Mode.REVIEW}, by=accountant)
    draft = billed_draft(org, alice, client)
    result = services.run_pass(org, now=DUE)
    assert result.sent == [] and inbox.messages == []
    assert [r["check"] for r in ReviewItem.objects.get(invoice=draft).reasons] == ["review_only"]


def test_project_override_beats_client_beats_organisation(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"mode": Mode.OFF}, by=accountant)
    services.save_override(client=client, mode=Mode.AUTO, send_at=dt.time(11, 0), by=accountant)
    by_client = billed_draft(org, alice, client)
    quiet = billed_draft(org, alice, client)
    services.save_override(project=quiet.project, mode=Mode.OFF, by=accountant)
    # 09:30: the client's own time (11:00) has not come.
    assert services.run_pass(org, now=DUE).not_due == 1
    result = services.run_pass(org, now=at(SEND_DAY, 11, 1))
    assert len(result.sent) == 1
    assert Invoice.objects.get(pk=by_client.pk).status == InvoiceStatus.SENT
    assert Invoice.objects.get(pk=quiet.pk).status == InvoiceStatus.DRAFT
    eff = selectors.effective(quiet, selectors.organisation_policy(org))
    assert (eff.mode, eff.send_at, eff.source) == (Mode.OFF, dt.time(11, 0), "project")


def test_a_failed_send_is_never_retried_and_waits_for_a_person(
    scene, alice, accountant, settings, inbox
):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    good_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nobody listens: the SMTP connection is refused
    result = services.run_pass(org, now=DUE)
    assert result.sent == [] and len(result.errors) == 1
    invoice = Invoice.objects.get(pk=draft.pk)
    assert invoice.status == InvoiceStatus.ISSUED and invoice.number
    assert Dispatch.objects.get(invoice=invoice).status == Dispatch.Status.FAILED
    assert [i.invoice_id for i in selectors.review_queue(org)] == [invoice.pk]
    settings.EMAIL_PORT = good_port
    assert services.run_pass(org, now=DUE + dt.timedelta(hours=1)).sent == []
    assert inbox.messages == []
    # A person sends it: it leaves the queue; the policy still never sends it.
    delivery.send_invoice(invoice, by=accountant)
    assert selectors.review_queue(org).count() == 0
    services.run_pass(org, now=DUE + dt.timedelta(hours=2))
    assert len(inbox.wait_for(1)) == 1


def test_a_draft_a_person_issued_meanwhile_is_not_touched(scene, alice, accountant, inbox):
    org, tax, client = scene
    services.update_policy({"mode": Mode.REVIEW}, by=accountant)
    draft = billed_draft(org, alice, client)
    services.run_pass(org, now=DUE)
    assert selectors.review_queue(org).count() == 1
    issue_invoice(draft, by=accountant)
    assert selectors.review_queue(org).count() == 0
    services.update_policy({"mode": Mode.AUTO}, by=accountant)
    assert services.run_pass(org, now=DUE).sent == []
    assert inbox.messages == []
