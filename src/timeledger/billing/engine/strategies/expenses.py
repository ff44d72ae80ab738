"""Expense lines: approved, billable, unbilled expenses dated up to the cut-off, on projects of
every billing model but non-billable, on the same draft as the project's time.

collect, per batch: lock the expense rows (``SELECT … FOR UPDATE`` in id order), group them per
project and category, and add one line per group: quantity 1, price = net = the sum of the
expenses' billed amounts (``expenses.rules.billable_amount``: net of reclaimable VAT, converted
at the rate recorded on the expense, mark-up, each rounded half-up once). The line is taxed by the
category's default tax category when it has one, else as the draft's other lines.

claim: ``UPDATE … SET invoice_line = … WHERE invoice_line IS NULL AND status = approved``, one
per line, with a row-count check. verify: the claimed expenses add up to what each line bills.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from timeledger.billing.engine.base import Batch, ClaimConflict, Draft, Row, Strategy, project_ids
from timeledger.expenses import rules
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.invoicing.models import LineKind
from timeledger.projects.models import BillingModel

ZERO = Decimal("0")


def billed_amount(expense: Expense, currency: str) -> Decimal:
    return rules.billable_amount(
        expense.amount, expense.vat_amount, expense.exchange_rate, expense.markup_percent, currency
    )


class ExpenseStrategy(Strategy):
    name = "expenses"
    models = frozenset(m for m in BillingModel.values if m != BillingModel.NON_BILLABLE)

    def collect(self, batch: Batch, drafts: list[Draft]) -> list | None:
        if not drafts:
            return None
        cutoff = {d.project.id: d.plan.cutoff for d in drafts}
        rows = list(
            Expense.objects.select_for_update(of=("self",))
            .filter(
                organisation_id=batch.organisation.id,
                project_id__any=project_ids(drafts),
                status=ExpenseStatus.APPROVED,
                is_billable=True,
                invoice_line__isnull=True,
            )
            .select_related("category__default_tax_category")
            .order_by("id")
        )
        groups: dict[tuple[int, int], list[Expense]] = defaultdict(list)
        for e in rows:
            if e.date <= cutoff[e.project_id]:
                groups[(e.project_id, e.category_id)].append(e)
        state = []
        for (pid, _cat), expenses in sorted(
            groups.items(), key=lambda kv: (kv[0][0], kv[1][0].category.name, kv[0][1])
        ):
            d = batch.drafts[pid]
            net = sum((billed_amount(e, d.currency) for e in expenses), ZERO)
            category = expenses[0].category
            line = d.add(
                Row(
                    organisation_id=batch.organisation.id,
                    kind=LineKind.EXPENSE,
                    description=rules.line_description(
                        category.name, len(expenses), language=d.language
                    )[:500],
                    quantity=Decimal(1),
                    unit="ea",
                    unit_price=net,
                    net_amount=net,
                    group_key=f"exp:{category.pk}:{expenses[0].pk}",
                    entry_count=0,
                )
            )
            tax = category.default_tax_category
            if tax is not None:
                line.tax_category_id, line.tax_rate = tax.pk, tax.rate
            first = min(e.date for e in expenses)
            d.first_date = first if d.first_date is None else min(d.first_date, first)
            state.append((line, [e.pk for e in expenses], d.currency))
        return state

    def claim(self, batch: Batch, state: list | None) -> None:
        for line, ids, _currency in state or []:
            claimed = Expense.objects.filter(
                pk__any=ids, invoice_line__isnull=True, status=ExpenseStatus.APPROVED
            ).update(invoice_line_id=line.pk, updated_at=batch.now)
            if claimed != len(ids):
                raise ClaimConflict(f"claimed {claimed} expenses, counted {len(ids)}")

    def verify(self, batch: Batch, state: list | None) -> None:
        for line, ids, currency in state or []:
            billed = list(Expense.objects.filter(invoice_line_id=line.pk))
            total = sum((billed_amount(e, currency) for e in billed), ZERO)
            if sorted(e.pk for e in billed) != sorted(ids) or total != line.net_amount:
                raise ClaimConflict(f"line {line.pk}: its expenses add up to {total}")


EXPENSES = ExpenseStrategy()
