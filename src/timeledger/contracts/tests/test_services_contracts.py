"""Billing terms on the real database: cap flags and acceptance, schedules, milestone progress,
retainers and overage flag, change orders, budget burn and once-only alerts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.contracts import budgets, retainers
from timeledger.contracts import services as contracts
from timeledger.contracts.models import BudgetAlert, ChangeOrderStatus, PaymentInstalment
from timeledger.rates.locking import lock_entries
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date


def errors(exc):
    return {k: v[0] for k, v in exc.value.message_dict.items()}


@pytest.fixture
def priced(org, project, alice):
    f.rate(org, "100.00")
    return project


def test_cap_flags_entries_above_not_to_exceed_and_manager_accepts(manager, alice, org, priced):
    a = f.entry(alice, priced, day=D(2026, 3, 2), hours="4")  # 400
    b = f.entry(alice, priced, day=D(2026, 3, 3), hours="4")  # 800
    c = f.entry(alice, priced, day=D(2026, 3, 4), hours="1")  # 900 > 850
    contracts.save_terms(priced, {"cap_amount": "850"}, by=manager)
    flags = dict(TimeEntry.objects.values_list("pk", "needs_acceptance"))
    assert flags == {a.pk: False, b.pk: False, c.pk: True}

    with pytest.raises(PermissionDenied):
        contracts.accept_overruns([c], by=alice)
    assert contracts.accept_overruns([c], by=manager, note="client agreed") == 1
    contracts.flag_cap_overruns(priced)  # accepted entries stay accepted
    assert not TimeEntry.objects.get(pk=c.pk).needs_acceptance

    contracts.save_terms(priced, {"cap_amount": ""}, by=manager)  # no cap: nothing flagged
    assert not TimeEntry.objects.filter(needs_acceptance=True).exists()


def test_cap_in_hours_uses_locked_amounts_too(manager, alice, org, priced):
    e = f.entry(alice, priced, day=D(2026, 3, 2), hours="3")
    lock_entries(TimeEntry.objects.filter(pk=e.pk))
    later = f.entry(alice, priced, day=D(2026, 3, 3), hours="1")
    contracts.save_terms(priced, {"cap_hours": "3.5"}, by=manager)
    assert TimeEntry.objects.get(pk=later.pk).needs_acceptance


def test_cap_refused_for_fixed_fee(manager, org, client_):
    p = f.project(org, client_, billing_model="fixed_fee", fixed_fee=Decimal("1000"))
    with pytest.raises(ValidationError) as exc:
        contracts.save_terms(p, {"cap_amount": "10"}, by=manager)
    assert "hourly" in errors(exc)["cap_amount"]


def test_payment_schedule_allocates_fee_exactly(manager, org, client_):
    p = f.project(org, client_, billing_model="fixed_fee", fixed_fee=Decimal("1000.00"))
    rows = [
        {"label": "Kick-off", "due_date": "2026-01-01", "percent": "33.33"},
        {"label": "Beta", "due_date": "2026-02-01", "percent": "33.33"},
        {"label": "Launch", "due_date": "2026-03-01", "percent": "33.34"},
    ]
    made = contracts.save_instalments(p, rows, by=manager)
    assert [x.amount for x in made] == [Decimal("333.30"), Decimal("333.30"), Decimal("333.40")]
    with pytest.raises(ValidationError) as exc:
        contracts.save_instalments(p, rows[:2], by=manager)
    assert errors(exc)["instalments"] == "The instalments add up to 66.66 %, not 100 %."
    assert PaymentInstalment.objects.filter(project=p).count() == 3


def test_milestone_progress_bounds(manager, project):
    from timeledger.projects.models import Milestone

    m = Milestone.objects.create(
        organisation=project.organisation, project=project, name="Beta", value=Decimal("5000")
    )
    with pytest.raises(ValidationError) as exc:
        contracts.set_milestone_progress(m, "120", by=manager)
    assert errors(exc)["percent_complete"] == "% complete must be between 0 and 100."
    m = contracts.set_milestone_progress(m, "40", by=manager)
    assert (m.percent_complete, m.status) == (Decimal("40"), "in_progress")
    m = contracts.set_milestone_progress(m, "100", by=manager)
    assert m.status == "complete" and m.completed_at is not None


def test_retainer_overage_flag_raised_once_and_mailed(manager, alice, org, client_):
    lead = manager
    p = f.project(org, client_, billing_model="retainer", lead=lead)
    contracts.save_retainer(
        p,
        {
            "fee": "2000",
            "included_hours": "10",
            "overage_rate": "150",
            "starts_on": "2026-03-01",
            "warn_percent": 90,
        },
        by=manager,
    )
    f.entry(alice, p, day=D(2026, 3, 5), hours="8")
    assert retainers.flag_retainer_overages(org, today=D(2026, 3, 10)) == []
    f.entry(alice, p, day=D(2026, 3, 6), hours="3.5")
    with_mail = retainers.flag_retainer_overages(org, today=D(2026, 3, 10))
    assert len(with_mail) == 1
    status = retainers.retainer_status(p.retainer, D(2026, 3, 10))
    assert status.usage.overage_hours == Decimal("1.5")
    assert status.usage.overage_amount == Decimal("225.00")
    assert retainers.flag_retainer_overages(org, today=D(2026, 3, 11)) == []


def test_retainer_rollover_carries_unused_hours(manager, alice, org, client_):
    p = f.project(org, client_, billing_model="retainer")
    contracts.save_retainer(
        p,
        {
            "fee": "2000",
            "included_hours": "10",
            "overage_rate": "150",
            "starts_on": "2026-03-01",
            "rollover": True,
        },
        by=manager,
    )
    f.entry(alice, p, day=D(2026, 3, 5), hours="6")
    april = retainers.retainer_status(p.retainer, D(2026, 4, 2))
    assert april.period.carried_in_hours == Decimal("4.00")
    assert april.usage.allowance_hours == Decimal("14.00")


def test_change_order_flow_amends_budget(manager, alice, org, project):
    co = contracts.request_change_order(
        project, {"description": "Extra API", "hours": "10", "amount": "1500"}, by=alice
    )
    assert co.status == ChangeOrderStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        contracts.decide_change_order(co, approve=True, by=alice)
    co = contracts.decide_change_order(co, approve=True, by=manager)
    assert (co.status, co.decided_by) == ("approved", manager.user)
    with pytest.raises(ValidationError) as exc:
        contracts.decide_change_order(co, approve=False, by=manager)
    assert errors(exc)["status"].startswith("This change order is already approved")
    project.budget_hours = Decimal("20")
    project.save()
    status = budgets.budget_status(project)
    assert (status.hours.base_budget, status.hours.change_orders, status.hours.budget) == (
        Decimal("20"),
        Decimal("10.00"),
        Decimal("30.00"),
    )
    assert co.invoice_line_id is None  # waits as its own line for the next invoice


def test_change_order_needs_hours_or_amount(alice, project):
    with pytest.raises(ValidationError) as exc:
        contracts.request_change_order(project, {"description": "x"}, by=alice)
    assert "hours" in errors(exc)


def test_budget_alerts_once_per_threshold_and_mail_the_lead(
    manager, alice, org, priced, django_capture_on_commit_callbacks
):
    priced.lead = manager
    priced.budget_hours = Decimal("10")
    priced.budget_amount = Decimal("2000")
    priced.save()
    f.entry(alice, priced, day=D(2026, 3, 2), hours="8.5")  # 85% hours, 850 = 42.5% money
    with django_capture_on_commit_callbacks(execute=True):
        made = budgets.check_budget_alerts(priced)
    assert [(a.metric, a.threshold) for a in made] == [("hours", 80)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [manager.user.email]
    assert mail.outbox[0].subject == "[WEB] 80% of the hours budget used"
    with django_capture_on_commit_callbacks(execute=True):
        assert budgets.check_budget_alerts(priced) == []
    assert len(mail.outbox) == 1
    f.entry(alice, priced, day=D(2026, 3, 3), hours="2")  # 105% hours, 1050 money
    with django_capture_on_commit_callbacks(execute=True):
        made = budgets.check_budget_alerts(priced)
    assert [(a.metric, a.threshold) for a in made] == [("hours", 100)]
    status = budgets.budget_status(priced)
    assert status.amount.used == Decimal("1050.00") and status.hours.used == Decimal("10.50")
    assert BudgetAlert.objects.count() == 2


def test_thresholds_are_per_project(manager, priced):
    contracts.save_terms(priced, {"alert_thresholds": "50, 75,100"}, by=manager)
    assert budgets.thresholds_for(priced) == [50, 75, 100]
    with pytest.raises(ValidationError) as exc:
        contracts.save_terms(priced, {"alert_thresholds": "half"}, by=manager)
    assert "not a whole percent" in errors(exc)["alert_thresholds"]
