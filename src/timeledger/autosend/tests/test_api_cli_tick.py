"""The API (policy, overrides, review queue, a pass), the CLI, ``timeledger tick`` and Celery
beat (the pass chained after the billing runs), and the dashboard's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from timeledger.autosend import rules, selectors, services
from timeledger.autosend.models import Mode, ReviewItem
from timeledger.autosend.tests.helpers import (
    AMS,
    SEND_DAY,
    at,
    billed_draft,
    buyer_with_history,
    setup_org,
)
from timeledger.cli import main, tick
from timeledger.invoicing import delivery
from timeledger.invoicing.issuing import issue_invoice
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.periodic import JOBS
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(org, accountant):
    tax = setup_org(org, accountant)
    return org, tax, buyer_with_history(org, accountant, tax)


def test_policy_api_reads_and_changes_the_policy_and_overrides(api, org, accountant, client_):
    c = api(accountant)
    body = c.get("/api/billing/policy/").json()
    assert body["mode"] == "off" and body["send_at"] == "09:00" and body["overrides"] == []
    r = c.patch(
        "/api/billing/policy/",
        {"mode": "auto", "send_at": "07:30", "band_percent": "30", "is_paused": True},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert (r.json()["mode"], r.json()["send_at"], r.json()["band_percent"]) == (
        "auto",
        "07:30",
        "30.00",
    )
    assert r.json()["is_paused"] is True
    r = c.put(
        "/api/billing/policy/overrides/", {"client": client_.pk, "mode": "review"}, format="json"
    )
    assert r.status_code == 200 and r.json()["code"] == "ACME"
    override = r.json()["id"]
    assert c.get("/api/billing/policy/").json()["overrides"][0]["mode"] == "review"
    assert c.delete(f"/api/billing/policy/overrides/{override}/").status_code == 204
    assert c.get("/api/billing/policy/").json()["overrides"] == []


def test_policy_api_refuses_bad_input_with_field_errors(api, accountant, outsider_org):
    c = api(accountant)
    assert_error(c.patch("/api/billing/policy/", {"mode": "sometimes"}, format="json"), 400, "mode")
    assert_error(
        c.patch("/api/billing/policy/", {"band_percent": "-5"}, format="json"), 400, "band_percent"
    )
    foreign = f.client(outsider_org)
    assert_error(
        c.put("/api/billing/policy/overrides/", {"client": foreign.pk}, format="json"),
        400,
        "client",
    )


def test_members_and_outsiders_cannot_touch_the_policy(api, alice, outsider, org, accountant):
    services.update_policy({"mode": Mode.AUTO}, by=accountant)
    assert api(alice).get("/api/billing/policy/").status_code == 403
    assert api(alice).get("/api/billing/review/").status_code == 403
    assert api(outsider).get("/api/billing/policy/").json()["mode"] == "off"
    assert api(outsider).get("/api/billing/review/").json()["results"] == []


def test_review_api_lists_reasons_with_fix_links_and_runs_a_pass(
    scene, api, accountant, alice, mailoutbox
):
    org, tax, client = scene
    client.invoice_email = ""
    client.save(update_fields=["invoice_email"])
    draft = billed_draft(org, alice, client)
    c = api(accountant)
    r = c.post("/api/billing/review/run/", {"dry_run": True}, format="json")
    assert r.status_code == 200 and r.json()["review"] == [draft.pk]
    [item] = c.get("/api/billing/review/").json()["results"]
    assert item["invoice"] == draft.pk and item["client"] == client.code
    [reason] = item["reasons"]
    assert reason["check"] == "delivery_complete"
    assert reason["message"] == f"Client {client.code} has no invoice e-mail."
    assert reason["fix_url"].endswith(f"/clients/{client.pk}/edit/")
    assert c.get("/api/billing/review/").json()["figures"]["queue_size"] == 1


def test_cli_autosend_dry_run_lists_and_sends_nothing(scene, accountant, alice, capsys):
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    now = at(SEND_DAY, 9, 30).isoformat()
    code = main(["--user", accountant.user.email, "autosend", "--dry-run", "--now", now])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [f"would send\t{draft}\t{client.code}\t1815.000 EUR"]
    assert "0 sent, 1 would be sent, 0 in review" in err
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.DRAFT
    code = main(["--user", accountant.user.email, "autosend", "--now", now])
    out, _ = capsys.readouterr()
    assert code == 0 and out.strip().startswith("sent\tINV-2026-00002")


def test_cli_autosend_bad_input_is_one_line_exit_1(scene, alice, capsys):
    assert main(["--user", alice.user.email, "autosend"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "timeledger: error: your role cannot run the invoicing policy"
    assert main(["--user", alice.user.email, "autosend", "--now", "tomorrow"]) == 1


def test_tick_runs_the_policy_after_the_billing_runs(scene, alice, capsys, mailoutbox):
    names = [job.name for job in JOBS]
    assert names.index("autosend") == names.index("billing") + 1
    org, tax, client = scene
    draft = billed_draft(org, alice, client)
    assert (
        main(
            [
                "tick",
                "--only",
                "billing",
                "--only",
                "autosend",
                "--now",
                at(SEND_DAY, 9, 30).isoformat(),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("billing: ") and out[1].startswith("autosend: ")
    assert "sent=1" in out[1]
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.SENT
    assert len(mailoutbox) == 1
    assert ("autosend", "timeledger.autosend.tasks.run_due") in tick.jobs()


def test_beat_chains_the_policy_after_the_billing_runs():
    billing = settings.CELERY_BEAT_SCHEDULE["billing"]
    [link] = billing["options"]["link"]
    assert link["task"] == "autosend.run_due" and link["immutable"] is True
    assert settings.CELERY_BEAT_SCHEDULE["autosend"]["task"] == "autosend.run_due"


def test_figures_share_touchless_days_to_sent_and_queue(scene, alice, accountant, mailoutbox):
    org, tax, client = scene
    sent = billed_draft(org, alice, client)
    other = buyer_with_history(org, accountant, tax)
    other.invoice_email = ""
    other.save(update_fields=["invoice_email"])
    waiting = billed_draft(org, alice, other)
    when = at(SEND_DAY, 9, 30)
    services.run_pass(org, now=when)
    # A person sends one more this month, of a period that ended 10 days before today.
    now = timezone.now()
    today = timezone.localdate(now, AMS)
    by_hand = inv.draft(accountant, client, [("Support", "1", "100", tax["S"])])
    Invoice.objects.filter(pk=by_hand.pk).update(period_end=today - dt.timedelta(days=10))
    delivery.send_invoice(issue_invoice(by_hand, by=accountant), by=accountant)
    fig = selectors.figures(org, now=timezone.now())
    # The policy sent its invoice (period end 31 March) when the pass ran: today, wall clock.
    policy_days = (today - dt.date(2026, 3, 31)).days
    assert (fig.sent_this_month, fig.sent_touchless, fig.touchless_percent) == (
        2,
        1,
        Decimal("50.0"),
    )
    assert (fig.days_median, fig.days_p90) == (Decimal(10), Decimal(policy_days))
    assert (fig.queue_size, fig.queue_oldest_days) == (1, (now - when).days)
    assert ReviewItem.objects.get(invoice=waiting).resolved_at is None
    assert Invoice.objects.get(pk=sent.pk).status == InvoiceStatus.SENT


def test_percentile_is_nearest_rank():
    assert rules.percentile([], 50) is None
    assert rules.percentile([5, 1, 3], 50) == Decimal(3)
    assert rules.percentile(list(range(1, 11)), 90) == Decimal(9)
    assert rules.percentile(list(range(1, 11)), 50) == Decimal(5)
