"""Settling an under-run by carrying it forward: credited on the project's next draft, once,
traceable both ways; deleting that draft makes it wait again.

Project WEB has an estimate of 1,000.00; the first draft bills 2 h + 3 h at 150.00 and 1 h at
90.00 = 840.00, so at close it is 160.00 under its estimate.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.test import Client

from timeledger.billing import selectors, services
from timeledger.billing.engine import carry_forwards, preview, run_billing
from timeledger.billing.models import CarryForward
from timeledger.billing.tests.helpers import approved
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.invoicing.tests.factories import taxes
from timeledger.testing import factories as f

D = dt.date


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


@pytest.fixture
def closed(org, project, alice):
    """Draft A (840.00) of a project closed 160.00 under its estimate of 1,000.00."""
    approved(alice, project, day=D(2026, 3, 2), hours="2.00", rate="150.00")
    approved(alice, project, day=D(2026, 3, 3), hours="3.00", rate="150.00")
    approved(alice, project, day=D(2026, 3, 4), hours="1.00", rate="90.00")
    run_billing(org, up_to=D(2026, 3, 31))
    project.estimate_amount = Decimal("1000.00")
    project.status = "closed"
    project.save()
    return Invoice.objects.get(project=project)


def reopen_and_log(project, alice, *, day, hours="2.00"):
    """Phase two: the project is active again and 2 h × 150.00 = 300.00 more are approved."""
    project.status = "active"
    project.save()
    return approved(alice, project, day=day, hours=hours, rate="150.00")


def carried_lines():
    return InvoiceLine.objects.filter(group_key__startswith="cf:")


def test_carry_forward_records_the_amount_on_the_source_and_moves_no_money_there(
    closed, accountant
):
    assert selectors.underrun_offer(closed) == Decimal("160.00")
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    closed.refresh_from_db()
    cf = CarryForward.objects.get()
    assert (cf.source_invoice_id, cf.amount, cf.currency, cf.invoice_line_id) == (
        closed.pk,
        Decimal("160.00"),
        "EUR",
        None,
    )
    assert closed.net_total == Decimal("840.00")  # credited on the next invoice, not this one
    assert "Unused estimate of 160.00 EUR carried forward" in closed.notes
    assert selectors.underrun_offer(closed) is None  # settled: not offered again
    with pytest.raises(ValidationError):
        services.settle_underrun(closed, by=accountant, choice="carry_forward")
    assert CarryForward.objects.count() == 1


def test_next_run_credits_it_on_the_projects_draft_once(org, project, closed, accountant, alice):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2))

    run_billing(org, up_to=D(2026, 4, 30))
    nxt = Invoice.objects.exclude(pk=closed.pk).get()
    line = nxt.lines.get(kind=LineKind.CREDIT)
    assert (line.quantity, line.unit_price, line.net_amount) == (
        Decimal("1.0000"),
        Decimal("-160.0000"),
        Decimal("-160.00"),
    )
    assert line.description == (
        f"Carried forward from invoice #{closed.pk}: unused estimate of project WEB"
    )
    assert nxt.net_total == Decimal("140.00")  # 300.00 of work less the 160.00 carried forward
    cf = CarryForward.objects.get()
    assert cf.invoice_line_id == line.pk  # source → target
    assert line.carry_forward.source_invoice_id == closed.pk  # target → source

    # A re-run, and a later draft with new work, never carry it again.
    assert run_billing(org, up_to=D(2026, 4, 30)).billed == []
    approved(alice, project, day=D(2026, 5, 4), hours="1.00", rate="150.00")
    run_billing(org, up_to=D(2026, 5, 31))
    assert Invoice.objects.count() == 3
    assert carried_lines().count() == 1


def test_deleting_the_draft_that_took_it_makes_it_wait_again(
    org, project, closed, accountant, alice
):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    run_billing(org, up_to=D(2026, 4, 30))
    first_taker = Invoice.objects.exclude(pk=closed.pk).get()
    with pytest.raises(ValidationError) as exc:  # the source cannot go while the credit is out
        drafts.delete_draft(closed, by=accountant)
    assert "remove that line" in str(exc.value)
    with pytest.raises(ValidationError), transaction.atomic():
        closed.delete()  # the data refuses, whichever code deletes the draft

    drafts.delete_draft(first_taker, by=accountant)
    assert CarryForward.objects.get().invoice_line_id is None
    run_billing(org, up_to=D(2026, 4, 30))  # the 300.00 of work and the 160.00 come back
    again = Invoice.objects.exclude(pk=closed.pk).get()
    assert again.net_total == Decimal("140.00")
    assert CarryForward.objects.get().invoice_line.invoice_id == again.pk
    assert carried_lines().count() == 1


def test_removing_the_line_makes_it_wait_and_deleting_the_source_drops_it(
    org, project, closed, accountant, alice
):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    run_billing(org, up_to=D(2026, 4, 30))
    drafts.delete_line(carried_lines().get(), by=accountant)
    assert CarryForward.objects.get().invoice_line_id is None
    drafts.delete_draft(closed, by=accountant)  # waiting: goes with its draft
    assert not CarryForward.objects.exists()


def test_a_draft_smaller_than_the_amount_leaves_it_waiting(org, project, closed, accountant, alice):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2), hours="1.00")  # 150.00 < 160.00
    result = run_billing(org, up_to=D(2026, 4, 30))
    assert result.billed[0].net == Decimal("150.00")
    assert "carry-forward of 160.00" in result.billed[0].held_back[0]["reason"]
    assert CarryForward.objects.get().invoice_line_id is None
    approved(alice, project, day=D(2026, 5, 4), hours="2.00", rate="150.00")
    run_billing(org, up_to=D(2026, 5, 31))
    assert carried_lines().get().invoice.net_total == Decimal("140.00")


def test_preview_shows_the_credit_and_claims_nothing(org, project, closed, accountant, alice):
    services.settle_underrun(closed, by=accountant, choice="carry_forward", amount="100")
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    result = preview(org, up_to=D(2026, 4, 30))
    assert result.billed[0].net == Decimal("200.00")
    assert CarryForward.objects.get().invoice_line_id is None


def test_credit_then_carry_forward_settle_the_under_run_once(closed, accountant):
    services.settle_underrun(closed, by=accountant, choice="credit", amount="60")
    closed.refresh_from_db()
    # 1,000.00 − (780.00 billed + 60.00 credit added back) − 60.00 settled = 100.00
    assert selectors.underrun_offer(closed) == Decimal("100.00")
    with pytest.raises(ValidationError):
        services.settle_underrun(closed, by=accountant, choice="carry_forward", amount="100.01")
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    assert CarryForward.objects.get().amount == Decimal("100.00")
    assert selectors.underrun_offer(closed) is None


def test_one_carry_forward_per_invoice_and_a_positive_amount_in_the_database(org, project, closed):
    CarryForward.objects.create(
        organisation=org, project=project, source_invoice=closed, amount="1.00", currency="EUR"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CarryForward.objects.create(
            organisation=org, project=project, source_invoice=closed, amount="2", currency="EUR"
        )
    CarryForward.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        CarryForward.objects.create(
            organisation=org, project=project, source_invoice=closed, amount="0", currency="EUR"
        )


def test_claim_reports_a_carry_forward_taken_meanwhile(org, project, closed, accountant, alice):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    run_billing(org, up_to=D(2026, 4, 30))
    cf = CarryForward.objects.get()
    other = InvoiceLine.objects.filter(invoice=closed).first()
    assert carry_forwards.claim([(other, cf)]) == [cf.pk]  # already claimed: no second taker
    assert CarryForward.objects.get().invoice_line.invoice_id != closed.pk


def test_draft_pages_and_api_link_source_and_target(
    org, project, closed, accountant, alice, api, outsider
):
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    c = login(accountant)
    assert "waiting for the project's next invoice" in (
        c.get(f"/billing/drafts/{closed.pk}/").content.decode()
    )
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    run_billing(org, up_to=D(2026, 4, 30))
    nxt = Invoice.objects.exclude(pk=closed.pk).get()

    source_page = c.get(f"/billing/drafts/{closed.pk}/").content.decode()
    assert f'href="/invoices/{nxt.pk}/"' in source_page and "credited on" in source_page
    target_page = c.get(f"/billing/drafts/{nxt.pk}/").content.decode()
    assert "Carried forward from" in target_page and f'href="/invoices/{closed.pk}/"' in target_page

    client = api(accountant)
    source = client.get(f"/api/billing/drafts/{closed.pk}/").json()
    line_id = carried_lines().get().pk
    assert source["carry_forward"] == {
        "amount": "160.00",
        "currency": "EUR",
        "status": "applied",
        "invoice": nxt.pk,
        "invoice_line": line_id,
    }
    target = client.get(f"/api/billing/drafts/{nxt.pk}/").json()
    assert [ln["carried_from_invoice"] for ln in target["lines"] if ln["id"] == line_id] == [
        closed.pk
    ]
    assert api(outsider).get(f"/api/billing/drafts/{closed.pk}/").status_code == 404


def test_api_settles_with_carry_forward(closed, accountant, api):
    r = api(accountant).post(
        f"/api/billing/drafts/{closed.pk}/underrun/", {"choice": "carry_forward"}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert r.json()["carry_forward"]["status"] == "waiting"
    assert r.json()["review"]["underrun"] is None


def test_voiding_the_invoice_that_took_it_makes_it_wait_again(
    org, project, closed, accountant, alice
):
    taxes(org)
    services.settle_underrun(closed, by=accountant, choice="carry_forward")
    reopen_and_log(project, alice, day=D(2026, 4, 2))
    run_billing(org, up_to=D(2026, 4, 30))
    taker = Invoice.objects.exclude(pk=closed.pk).get()
    issuing.issue_invoice(taker, by=accountant, issue_date=D(2026, 5, 1))
    assert selectors.carry_forward_from(closed).applied_line.invoice_id == taker.pk
    issuing.void_invoice(taker, by=accountant, reason="wrong client contact")
    assert (
        selectors.carry_forward_from(closed).applied_line is None
    )  # a void invoice credits nothing

    run_billing(org, up_to=D(2026, 4, 30))  # the voided work is billed again, and the credit
    again = Invoice.objects.exclude(pk__in=[closed.pk, taker.pk]).get()
    assert again.net_total == Decimal("140.00")
    assert CarryForward.objects.get().invoice_line.invoice_id == again.pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_credit_each_carry_forward_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    org = f.organisation()
    client = f.client(org, currency="EUR")
    alice = f.member(org)
    projects = []
    for _ in range(4):
        p = f.project(org, client)
        approved(alice, p, day=D(2026, 3, 2), hours="2.00", rate="150.00")
        run_billing(org, up_to=D(2026, 3, 31), project_codes=[p.code])
        source = Invoice.objects.get(project=p)
        CarryForward.objects.create(
            organisation=org, project=p, source_invoice=source, amount="50.00", currency="EUR"
        )
        approved(alice, p, day=D(2026, 4, 2), hours="1.00", rate="150.00")  # next draft: 150.00
        projects.append(p)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker(batch_size):
        try:
            barrier.wait()
            results.append(run_billing(org, up_to=D(2026, 4, 30), batch_size=batch_size))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(bs,)) for bs in (1, 2, 3, 10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert not [p.error for r in results for p in r.projects if p.error]
    # 4 × (150.00 − 50.00)
    assert sum(p.net for r in results for p in r.billed) == Decimal("400.00")
    assert carried_lines().count() == 4
    assert not CarryForward.objects.filter(invoice_line__isnull=True).exists()
