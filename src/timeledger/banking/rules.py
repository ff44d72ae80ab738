"""Pure rules of reconciliation: the RF creditor reference (ISO 11649), finding invoice
references in remittance text, and matching a credit to open invoices.

Matching, in this order (the first that applies decides):
1. **Reference**: the remittance names open invoices — by number (as a whole word) or by their RF
   creditor reference. The amount is spread over them in the order they are named, each up to its
   balance (``payments.rules.auto_allocation``); what is left stays as the client's credit. It is
   *confident* when every named invoice is of one client and in the credit's currency.
2. **Amount and client**: no reference, but exactly one open invoice in the currency owes exactly
   the amount — of the client whose name the payer's name contains, or the only such invoice at
   all. Only ever a suggestion: an amount alone does not prove who paid what.
3. Otherwise nothing: the credit waits in the review queue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from timeledger.core import stored_text
from timeledger.payments.rules import OpenInvoice, auto_allocation

# A suggestion's note, stored in English with the transaction (and written into the audit log);
# the review page shows it in the reader's language (``note_text``). Most specific first.
NOTE_OVERPAID = gettext_noop(
    "names %(numbers)s; %(rest)s %(currency)s more than they owe stays as credit"
)
NOTE_PARTIAL = gettext_noop("names %(numbers)s; a partial payment")
NOTE_NAMES = gettext_noop("names %(numbers)s")
NOTE_SEVERAL_CLIENTS = gettext_noop("names invoices of several clients: %(numbers)s")
NOTE_OTHER_CURRENCY = gettext_noop(
    "names invoices in another currency than %(currency)s: %(numbers)s"
)
NOTE_AMOUNT_AND_NAME = gettext_noop(
    "the amount %(amount)s %(currency)s is what %(number)s owes and the payer's name is the client's"
)
NOTE_AMOUNT = gettext_noop("the amount %(amount)s %(currency)s is what %(number)s owes")
NOTE_NONE = gettext_noop("no invoice named and no single invoice owes this amount")
NOTES = (
    NOTE_OVERPAID,
    NOTE_PARTIAL,
    NOTE_SEVERAL_CLIENTS,
    NOTE_OTHER_CURRENCY,
    NOTE_NAMES,
    NOTE_AMOUNT_AND_NAME,
    NOTE_AMOUNT,
    NOTE_NONE,
)


def note_text(stored: str) -> str:
    """A stored suggestion note in the active language; one it does not know, as stored."""
    found = stored_text.match(stored, NOTES)
    return gettext(found[0]) % found[1] if found else stored


_RF = re.compile(r"RF\d{2}[A-Z0-9]{1,21}")


def _alnum(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def _mod97(text: str) -> int:
    digits = "".join(str(int(ch, 36)) for ch in text)
    return int(digits) % 97


def rf_reference(number: str) -> str:
    """The ISO 11649 creditor reference of an invoice number: ``RF`` + 2 check digits + the
    number's letters and digits (at most 21). ``INV-2026-00001`` → ``RF76INV202600001``."""
    body = _alnum(number)[-21:]
    if not body:
        raise ValueError("an RF reference needs letters or digits")
    check = 98 - _mod97(body + "RF00")
    return f"RF{check:02d}{body}"


def is_valid_rf(reference: str) -> bool:
    ref = _alnum(reference)
    return bool(re.fullmatch(r"RF\d{2}[A-Z0-9]{1,21}", ref)) and _mod97(ref[4:] + ref[:4]) == 1


def rf_grouped(reference: str) -> str:
    """Printed in groups of four, as ISO 11649 recommends: ``RF76 INV2 0260 0001``."""
    ref = _alnum(reference)
    return " ".join(ref[i : i + 4] for i in range(0, len(ref), 4))


@dataclass(frozen=True)
class OpenItem:
    """An open invoice as the matcher sees it."""

    id: int
    number: str
    client_id: int
    client_name: str
    currency: str
    balance: Decimal


@dataclass(frozen=True)
class Credit:
    amount: Decimal
    currency: str
    remittance: str
    counterparty: str = ""


@dataclass
class Match:
    kind: str  # "reference" | "amount" | "none"
    confident: bool = False
    client_id: int | None = None
    allocations: dict[int, Decimal] = field(default_factory=dict)
    note: str = ""


def referenced(text: str, items: Sequence[OpenItem]) -> list[OpenItem]:
    """The items ``text`` names, in the order it names them (each once)."""
    found: list[tuple[int, OpenItem]] = []
    compact = _alnum(text)
    rfs = {m.group(0): m.start() for m in _RF.finditer(compact) if is_valid_rf(m.group(0))}
    for item in items:
        if not item.number:
            continue
        pattern = r"(?<![A-Za-z0-9])" + re.escape(item.number) + r"(?![A-Za-z0-9])"
        hit = re.search(pattern, text, re.IGNORECASE)
        if hit:
            found.append((hit.start(), item))
            continue
        rf = rf_reference(item.number)
        if rf in rfs:
            # position in the compact text: good enough to keep the payer's order
            found.append((rfs[rf] * len(text) // max(len(compact), 1), item))
    return [item for _, item in sorted(found, key=lambda pair: (pair[0], pair[1].id))]


def _same_name(payer: str, client: str) -> bool:
    a, b = payer.casefold().strip(), client.casefold().strip()
    return bool(a and b) and (a in b or b in a)


def match(credit: Credit, items: Sequence[OpenItem]) -> Match:
    """Where ``credit`` goes (see the module's docstring for the order of the rules)."""
    named = referenced(credit.remittance, items)
    if named:
        usable = [i for i in named if i.currency == credit.currency]
        clients = {i.client_id for i in usable}
        if usable and len(clients) == 1:
            allocations = auto_allocation(
                credit.amount, [OpenInvoice(i.id, i.balance) for i in usable]
            )
            rest = credit.amount - sum(allocations.values(), Decimal(0))
            numbers = ", ".join(i.number for i in usable)
            note = NOTE_NAMES % {"numbers": numbers}
            if rest > 0:
                note = NOTE_OVERPAID % {
                    "numbers": numbers,
                    "rest": rest,
                    "currency": credit.currency,
                }
            elif credit.amount < sum(i.balance for i in usable):
                note = NOTE_PARTIAL % {"numbers": numbers}
            return Match(
                "reference",
                confident=len(usable) == len(named),
                client_id=usable[0].client_id,
                allocations=allocations,
                note=note,
            )
        facts = {"numbers": ", ".join(i.number for i in named), "currency": credit.currency}
        note = NOTE_SEVERAL_CLIENTS if len(clients) > 1 else NOTE_OTHER_CURRENCY
        return Match("none", note=note % facts)
    exact = [i for i in items if i.currency == credit.currency and i.balance == credit.amount]
    by_name = [i for i in exact if _same_name(credit.counterparty, i.client_name)]
    pick = by_name if len(by_name) == 1 else (exact if len(exact) == 1 else [])
    if pick:
        item = pick[0]
        return Match(
            "amount",
            confident=False,
            client_id=item.client_id,
            allocations={item.id: credit.amount},
            note=(NOTE_AMOUNT_AND_NAME if by_name else NOTE_AMOUNT)
            % {"amount": item.balance, "currency": item.currency, "number": item.number},
        )
    return Match("none", note=NOTE_NONE)
