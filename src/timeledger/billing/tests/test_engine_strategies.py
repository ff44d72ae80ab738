"""The engine knows no billing model: each kind of line is one registered strategy with the same
steps (collect what is due for a batch, claim it exactly once, verify), and the batch runs them.
Adding a kind of line adds a module, not a branch."""

import ast
import datetime as dt
import inspect
from decimal import Decimal

import pytest

from timeledger.billing.engine import base, batch, plans, run_billing
from timeledger.billing.engine.base import ClaimConflict, Row, Strategy
from timeledger.billing.engine.strategies import STRATEGIES
from timeledger.billing.models import BillingSchedule, Trigger
from timeledger.billing.tests.helpers import approved
from timeledger.invoicing.models import Invoice, LineKind
from timeledger.projects.models import BillingModel, Project
from timeledger.testing import factories as f

D = dt.date
UNTIL = D(2026, 3, 31)


class HostingFee(Strategy):
    """A made-up kind of line: 10.00 of hosting on every hourly draft, claimed once per project."""

    name = "hosting"
    models = frozenset({BillingModel.HOURLY})

    def __init__(self):
        self.claimed: set[int] = set()
        self.calls: list[str] = []

    def collect(self, batch_, drafts):
        self.calls.append("collect")
        out = []
        for d in drafts:
            if d.project.id in self.claimed:
                continue
            line = d.add(
                Row(
                    organisation_id=d.project.organisation_id,
                    kind=LineKind.MANUAL,
                    description="Hosting",
                    quantity=Decimal(1),
                    unit="ea",
                    unit_price=Decimal("10.00"),
                    net_amount=Decimal("10.00"),
                    group_key=f"host:{d.project.id}",
                )
            )
            out.append((line, d.project.id))
        return out

    def claim(self, batch_, state):
        self.calls.append("claim")
        for line, pid in state or []:
            assert line.pk is not None  # claims run once the rows exist
            if pid in self.claimed:
                raise ClaimConflict("hosting billed twice")
            self.claimed.add(pid)

    def verify(self, batch_, state):
        self.calls.append("verify")


def test_a_new_kind_of_line_is_one_registered_strategy(org, project, alice, monkeypatch):
    hosting = HostingFee()
    monkeypatch.setattr(batch, "STRATEGIES", (*STRATEGIES, hosting))
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    fixed = f.project(org, project.client, code="FIX", billing_model="fixed_fee")

    result = run_billing(org, up_to=UNTIL)

    assert hosting.calls == ["collect", "claim", "verify"]
    invoice = Invoice.objects.get(project=project)
    assert list(invoice.lines.values_list("description", "net_amount")) == [
        ("Web shop — 1.00 h × 100.00 = 100.00", Decimal("100.00")),
        ("Hosting", Decimal("10.00")),
    ]
    assert [p.net for p in result.billed] == [Decimal("110.00")]
    assert not Invoice.objects.filter(project=fixed).exists()  # not a model it bills
    assert run_billing(org, up_to=UNTIL).billed == []  # claimed once


def test_every_billable_model_has_a_strategy_and_the_batch_names_none():
    for model in BillingModel.values:
        plan = base.Plan(
            Project(billing_model=model), Trigger.MANUAL, UNTIL, "phase", False, Decimal(0), False
        )
        applying = [s.name for s in STRATEGIES if s.applies(plan)]
        if model == BillingModel.NON_BILLABLE:
            assert applying == []
        else:
            assert applying and "change_orders" in applying
    # The batch and the run speak of strategies, never of a billing model or a kind of line.
    for module in (batch, inspect.getmodule(run_billing)):
        names = {
            n.id for n in ast.walk(ast.parse(inspect.getsource(module))) if isinstance(n, ast.Name)
        }
        assert "BillingModel" not in names
        attributes = {
            n.attr
            for n in ast.walk(ast.parse(inspect.getsource(module)))
            if isinstance(n, ast.Attribute)
        }
        assert not {a for a in attributes if a.startswith("bills_")}


@pytest.mark.parametrize("trigger", list(Trigger))
def test_plans_carry_trigger_choices(org, project, trigger):
    BillingSchedule.objects.create(organisation=org, project=project, trigger=trigger)
    project.refresh_from_db()
    plan = plans.plan_for(project, UNTIL, explicit=True)
    assert plan.trigger == trigger and isinstance(plan.trigger, str)
    assert plans.plan_for(f.project(org), UNTIL).trigger == Trigger.MANUAL
