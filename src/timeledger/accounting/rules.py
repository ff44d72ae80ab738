"""Pure rules of the accounting hand-off: default charts of accounts, and each document as
balanced journal lines.

Posting (double entry, amounts positive, one side each):
- invoice: debit receivables with the gross; credit revenue with each line's net (account: the
  line's own if it names one — an expense line goes to its expense category's revenue account —
  else by task › project › kind of line › tax category › default) and VAT with each tax
  category's tax;
- credit note: the same with the sides swapped;
- payment: debit bank with the amount; credit receivables with what it settled and client credit
  with what is left over;
- payment reversal: the payment's lines with the sides swapped, on the reversal date.
Line nets and per-category taxes are the invoice's own rounded figures, so revenue + VAT = gross to
the cent; a difference (none today) would go to the rounding account rather than unbalance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")

# Defaults for Germany (DATEV standard charts). Revenue accounts 8400/8300 (SKR03) and 4400/4300
# (SKR04) are DATEV "automatic" accounts that derive 19 % / 7 % VAT themselves; the DATEV export
# books gross onto them, the journal shows VAT explicitly on the VAT accounts 1776/1771 and
# 3806/3801. Exempt, zero and reverse-charge revenue have their own accounts. Check the mapping
# with your tax adviser before the first export.
CHARTS: dict[str, dict] = {
    "SKR03": {
        "receivables": "1400",
        "bank": "1200",
        "client_credit": "1710",
        "rounding": "2325",
        "revenue": "8400",
        "revenue_by_category": {"S": "8400", "AA": "8300", "Z": "8200", "E": "8100", "AE": "8337"},
        "vat": "1776",
        "vat_by_category": {"S": "1776", "AA": "1771"},
    },
    "SKR04": {
        "receivables": "1200",
        "bank": "1800",
        "client_credit": "3250",
        "rounding": "6969",
        "revenue": "4400",
        "revenue_by_category": {"S": "4400", "AA": "4300", "Z": "4200", "E": "4100", "AE": "4337"},
        "vat": "3806",
        "vat_by_category": {"S": "3806", "AA": "3801"},
    },
}
COUNTRY_CHART = {"DE": "SKR03"}


@dataclass(frozen=True)
class Accounts:
    receivables: str
    bank: str
    client_credit: str
    rounding: str
    revenue: str
    vat: str
    revenue_by_category: dict = field(default_factory=dict)
    revenue_by_model: dict = field(default_factory=dict)
    revenue_by_project: dict = field(default_factory=dict)
    revenue_by_task: dict = field(default_factory=dict)
    vat_by_category: dict = field(default_factory=dict)

    def revenue_for(self, line: LineFacts) -> str:
        if line.account:
            return line.account
        for table, key in (
            (self.revenue_by_task, line.task_id),
            (self.revenue_by_project, line.project_id),
            (self.revenue_by_model, line.kind),
            (self.revenue_by_category, line.tax_code),
        ):
            if key is not None and str(key) in table:
                return table[str(key)]
        return self.revenue

    def vat_for(self, code: str) -> str:
        return self.vat_by_category.get(code, self.vat)


@dataclass(frozen=True)
class LineFacts:
    net: Decimal
    tax_code: str
    tax_rate: Decimal = ZERO
    kind: str = ""
    project_id: int | None = None
    task_id: int | None = None
    account: str = ""  # the line's own revenue account (an expense line's category's)


@dataclass(frozen=True)
class TaxFacts:
    code: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class JournalLine:
    account: str
    debit: Decimal
    credit: Decimal
    text: str
    role: str = ""  # receivable | revenue | vat | bank | client_credit | rounding
    tax_key: str = ""  # revenue and VAT lines: "S 19.00", the tax category and rate


@dataclass
class Document:
    key: str  # "invoice:12", "payment:7", "reversal:7"
    kind: str  # invoice | credit_note | payment | reversal
    date: dt.date
    number: str
    currency: str
    client_code: str
    client_name: str
    lines: list[JournalLine]

    @property
    def debits(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credits(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)


def _side(
    account: str, amount: Decimal, text: str, *, debit: bool, role: str, tax_key: str = ""
) -> JournalLine:
    """``amount`` on the debit (or credit) side; a negative amount goes to the other side."""
    if amount < 0:
        debit, amount = not debit, -amount
    return JournalLine(
        account, amount if debit else ZERO, ZERO if debit else amount, text, role, tax_key
    )


def invoice_lines(
    accounts: Accounts,
    *,
    number: str,
    gross: Decimal,
    lines: list[LineFacts],
    taxes: list[TaxFacts],
) -> list[JournalLine]:
    """Balanced lines of an invoice (a credit note's negative amounts land on the other side)."""
    out = [
        _side(accounts.receivables, gross, f"{number} receivable", debit=True, role="receivable")
    ]
    revenue: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        revenue[(accounts.revenue_for(line), f"{line.tax_code} {line.tax_rate:.2f}")] += line.net
    for account, key in sorted(revenue):
        if revenue[(account, key)]:
            out.append(
                _side(
                    account,
                    revenue[(account, key)],
                    f"{number} revenue",
                    debit=False,
                    role="revenue",
                    tax_key=key,
                )
            )
    for tax in sorted(taxes, key=lambda t: (t.code, t.rate)):
        if tax.tax:
            out.append(
                _side(
                    accounts.vat_for(tax.code),
                    tax.tax,
                    f"{number} VAT {tax.code} {tax.rate}%",
                    debit=False,
                    role="vat",
                    tax_key=f"{tax.code} {tax.rate:.2f}",
                )
            )
    return _balanced(out, accounts, number)


def payment_lines(
    accounts: Accounts, *, reference: str, amount: Decimal, allocated: Decimal
) -> list[JournalLine]:
    out = [_side(accounts.bank, amount, f"{reference} received", debit=True, role="bank")]
    if allocated:
        out.append(
            _side(
                accounts.receivables,
                allocated,
                f"{reference} settles",
                debit=False,
                role="receivable",
            )
        )
    if amount - allocated:
        out.append(
            _side(
                accounts.client_credit,
                amount - allocated,
                f"{reference} credit",
                debit=False,
                role="client_credit",
            )
        )
    return out


def reversed_lines(lines: list[JournalLine], text: str) -> list[JournalLine]:
    return [JournalLine(x.account, x.credit, x.debit, f"{text}: {x.text}", x.role) for x in lines]


def _balanced(out: list[JournalLine], accounts: Accounts, number: str) -> list[JournalLine]:
    diff = sum((x.debit - x.credit for x in out), ZERO)
    if diff:
        out.append(
            _side(accounts.rounding, diff, f"{number} rounding", debit=False, role="rounding")
        )
    return out


def line_facts(line, invoice, line_accounts: dict | None = None) -> LineFacts:
    """An invoice line (model or any object with its fields) as the posting rule needs it;
    ``line_accounts``: {line id: account} of lines that name their own revenue account."""
    return LineFacts(
        account=(line_accounts or {}).get(line.pk, ""),
        net=line.net_amount,
        tax_code=line.tax_category.code if line.tax_category_id else "",
        tax_rate=line.tax_rate,
        kind=line.kind,
        project_id=invoice.project_id,
        task_id=line.task_id,
    )
