"""A small organisation whose report figures are worked out by hand in the tests.

November 2026 (Monday 2 … Sunday 8 is the week looked at). Rates are frozen on the entries as
approval would freeze them: amount = hours × rate, cost rate beside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from timeledger.accounts.roles import Role
from timeledger.contracts.models import (
    ChangeOrder,
    ChangeOrderStatus,
    PaymentInstalment,
    Retainer,
    RetainerPeriod,
)
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.projects.models import Assignment, BillingModel, Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus

D = Decimal
MONDAY = dt.date(2026, 11, 2)
FRIDAY = dt.date(2026, 11, 6)
NOV_1, NOV_30 = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def priced(m, p, *, day, hours, rate="100.00", cost="40.00", billable=True, **kw):
    """An approved entry with its rates frozen (amount = hours × rate)."""
    amount = (D(hours) * D(rate)).quantize(D("0.01")) if billable else D("0.00")
    kw.setdefault("status", EntryStatus.APPROVED)
    return f.entry(
        m,
        p,
        day=day,
        hours=hours,
        billable=billable,
        rate=D(rate),
        cost_rate=D(cost),
        currency=p.client.currency,
        amount=amount,
        **kw,
    )


class World:
    def __init__(self, org, owner, manager, alice, accountant, client_):
        self.org, self.owner, self.manager, self.alice = org, owner, manager, alice
        self.accountant, self.client = accountant, client_
        self.bob = f.member(org, Role.MEMBER, email="bob@example.com")
        # WEB: hourly, budget 10 h + an approved change order of 2 h; the manager's team.
        self.web = f.project(
            org,
            client_,
            code="WEB",
            name="Web shop",
            budget_hours=D("10.00"),
            estimate_hours=D("10.00"),
            project_type="web shop",
            is_open_to_all=False,
        )
        Assignment.objects.create(organisation=org, project=self.web, member=manager)
        Assignment.objects.create(organisation=org, project=self.web, member=self.alice)
        ChangeOrder.objects.create(
            organisation=org,
            project=self.web,
            description="More pages",
            hours=D("2.00"),
            status=ChangeOrderStatus.APPROVED,
        )
        # OPS: hourly, not the manager's team.
        self.ops = f.project(
            org,
            client_,
            code="OPS",
            name="Operations",
            estimate_hours=D("20.00"),
            project_type="web shop",
            is_open_to_all=False,
        )
        # FIX: fixed fee 1,000.00, one task 40 % done.
        self.fix = f.project(
            org,
            client_,
            code="FIX",
            name="Fixed",
            billing_model=BillingModel.FIXED_FEE,
            fixed_fee=D("1000.00"),
        )
        f.task(self.fix, "Build", percent_complete=D("40.00"), estimate_hours=D("10.00"))
        # MIL: milestones, one of 500.00 at 50 %.
        self.mil = f.project(
            org, client_, code="MIL", name="Milestones", billing_model=BillingModel.MILESTONE
        )
        Milestone.objects.create(
            organisation=org,
            project=self.mil,
            name="Design",
            value=D("500.00"),
            percent_complete=D("50.00"),
        )
        # RET: a retainer of 300.00 a month; November's fee not invoiced yet.
        self.ret = f.project(
            org, client_, code="RET", name="Retainer", billing_model=BillingModel.RETAINER
        )
        retainer = Retainer.objects.create(
            organisation=org,
            project=self.ret,
            starts_on=dt.date(2026, 1, 1),
            fee=D("300.00"),
            included_hours=D("10.00"),
            overage_rate=D("90.00"),
        )
        RetainerPeriod.objects.create(organisation=org, retainer=retainer, start=NOV_1, end=NOV_30)

        # Time in the week of 2 November.
        self.e1 = priced(self.alice, self.web, day=MONDAY, hours="8.00")  # 800.00, cost 320
        self.e2 = priced(
            self.alice, self.web, day=MONDAY + dt.timedelta(days=1), hours="2.00", billable=False
        )  # cost 80
        self.e3 = priced(
            self.bob, self.ops, day=MONDAY, hours="4.00", rate="90.00", cost="30.00"
        )  # 360.00, cost 120
        # Older WEB time, 45 days before 30 November: WIP in the 31–60 bucket.
        self.e4 = priced(self.alice, self.web, day=NOV_30 - dt.timedelta(days=45), hours="1.50")

        # An issued invoice on WEB: net 300.00, gross 363.00, 63.00 paid, due 40 days before
        # 30 November (31–60 days overdue then).
        self.invoice = Invoice.objects.create(
            organisation=org,
            client=client_,
            project=self.web,
            currency="EUR",
            status=InvoiceStatus.PARTIALLY_PAID,
            number="INV-1",
            issue_date=dt.date(2026, 10, 6),
            due_date=NOV_30 - dt.timedelta(days=40),
            net_total=D("300.00"),
            tax_total=D("63.00"),
            gross_total=D("363.00"),
            amount_paid=D("63.00"),
        )
        # A fixed-fee instalment due three weeks after 30 November.
        PaymentInstalment.objects.create(
            organisation=org,
            project=self.fix,
            position=1,
            label="Half",
            due_date=NOV_30 + dt.timedelta(weeks=3),
            percent=D("50.00"),
            amount=D("500.00"),
        )
