"""Import bank statements and turn their credits into payments (through ``payments``).

``import_statement`` stores the file's credits once (a file already imported is refused and
creates nothing; a credit already seen in an overlapping file is skipped), then matches each
(``rules.match``). Confident matches are recorded as payments at once when the organisation's
``auto_record`` is on; everything else waits in the review queue with its suggestion. Every
automatic match is audited on the transaction and can be undone (the payment is reversed,
the credit goes back to the queue).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.banking import rules
from timeledger.banking.models import BankingSettings, BankStatement, BankTransaction
from timeledger.banking.parsers import ParsedTransaction, StatementError, camt, detect
from timeledger.banking.parsers import csv as csv_parser
from timeledger.banking.parsers import mt940 as mt940_parser
from timeledger.clients.models import Client
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import quantize
from timeledger.invoicing.models import OPEN_STATUSES, Invoice, InvoiceKind
from timeledger.payments import services as payments
from timeledger.payments.models import PaymentMethod

ZERO = Decimal("0")


def review_queue(by):
    _require(by)
    return BankTransaction.objects.filter(
        organisation=by.organisation, status=BankTransaction.Status.REVIEW
    )


def _require(by) -> None:
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(
            gettext("Your role cannot import bank statements or record payments.")
        )


def settings_for(organisation) -> BankingSettings:
    found, _ = BankingSettings.objects.get_or_create(organisation=organisation)
    return found


def update_settings(*, by, auto_record: bool) -> BankingSettings:
    _require(by)
    with transaction.atomic():
        current = settings_for(by.organisation)
        before = snapshot(current, fields=["auto_record"])
        current.auto_record = bool(auto_record)
        current.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="settings",
            obj=current,
            before=before,
            after=snapshot(current, fields=["auto_record"]),
        )
    return current


def _parse(data: bytes, fmt: str | None, options: dict):
    fmt = fmt or detect(data)
    if fmt in ("camt053", "camt054"):
        return camt.parse(data)
    if fmt == "mt940":
        return mt940_parser.parse(data)
    if fmt == "csv":
        return csv_parser.parse(data, **options)
    raise StatementError(f"unknown format {fmt!r}; use camt053, camt054, mt940 or csv")


def _fingerprint(organisation_id: int, account: str, tx: ParsedTransaction, rank: int) -> str:
    """Stable across files: the same credit in an overlapping statement has the same print.
    ``rank`` tells apart identical credits on one day within one file."""
    parts = [
        str(organisation_id),
        account.replace(" ", "").upper(),
        tx.booking_date.isoformat(),
        str(quantize(tx.amount, tx.currency or "EUR")),
        tx.currency,
        tx.bank_reference,
        tx.counterparty_iban,
        " ".join(tx.remittance.split()),
        str(rank),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def open_items(organisation) -> list[rules.OpenItem]:
    invoices = (
        Invoice.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
        .select_related("client")
        .order_by("due_date", "id")
    )
    return [
        rules.OpenItem(
            id=i.pk,
            number=i.number,
            client_id=i.client_id,
            client_name=i.client.legal_name or i.client.name,
            currency=i.currency,
            balance=i.balance_due,
        )
        for i in invoices
        if i.balance_due > 0
    ]


def import_statement(
    data: bytes,
    *,
    by,
    file_name: str = "",
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    decimal: str | None = None,
    date_format: str | None = None,
) -> BankStatement:
    """Store a statement's credits and match them. The same file twice: refused, nothing new."""
    _require(by)
    org = by.organisation
    digest = hashlib.sha256(data).hexdigest()
    earlier = BankStatement.objects.filter(organisation=org, sha256=digest).first()
    if earlier is not None:
        fail(
            gettext(
                "This file was imported already (statement %(statement)s of %(day)s); "
                "nothing was added."
            )
            % {"statement": earlier.pk, "day": f"{earlier.created_at:%Y-%m-%d}"},
            "file",
        )
    options = {"mapping": mapping, "decimal": decimal, "date_format": date_format}
    options["currency"] = org.currency
    try:
        parsed = _parse(data, format, options)
    except StatementError as exc:
        fail(str(exc), "file")
    credits = [t for t in parsed.transactions if t.amount > 0]
    with transaction.atomic():
        try:
            with transaction.atomic():
                statement = BankStatement.objects.create(
                    organisation=org,
                    format=parsed.format,
                    file_name=file_name[:200],
                    sha256=digest,
                    statement_id=parsed.statement_id[:140],
                    account=parsed.account[:40],
                    currency=parsed.currency,
                    transactions_found=len(parsed.transactions),
                    debits_skipped=len(parsed.transactions) - len(credits),
                    imported_by=by.user,
                )
        except IntegrityError:
            fail(gettext("This file is being imported right now; nothing was added."), "file")
        seen: dict[tuple, int] = {}
        new: list[BankTransaction] = []
        for tx in credits:
            currency = (tx.currency or parsed.currency or org.currency).upper()
            if quantize(tx.amount, currency) != tx.amount:
                fail(
                    gettext("%(amount)s has more decimals than %(currency)s allows.")
                    % {"amount": tx.amount, "currency": currency},
                    "file",
                )
            key = (tx.booking_date, tx.amount, tx.bank_reference, tx.remittance)
            seen[key] = seen.get(key, 0) + 1
            print_ = _fingerprint(org.pk, parsed.account, tx, seen[key])
            try:
                with transaction.atomic():
                    new.append(
                        BankTransaction.objects.create(
                            organisation=org,
                            statement=statement,
                            fingerprint=print_,
                            booking_date=tx.booking_date,
                            value_date=tx.value_date,
                            amount=tx.amount,
                            currency=currency,
                            counterparty=tx.counterparty[:140],
                            counterparty_iban=tx.counterparty_iban[:40],
                            remittance=tx.remittance,
                            bank_reference=tx.bank_reference[:140],
                        )
                    )
            except IntegrityError:
                statement.duplicates += 1  # seen in an earlier, overlapping statement
        statement.credits_new = len(new)
        statement.save(update_fields=["credits_new", "duplicates", "updated_at"])
        record(
            organisation=org,
            actor=by.user,
            action="import",
            obj=statement,
            after=snapshot(statement),
            reason=file_name,
        )
        auto = settings_for(org).auto_record
        for bank_tx in new:
            _match_one(bank_tx, by=by, auto=auto)
    return statement


def _match_one(bank_tx: BankTransaction, *, by, auto: bool) -> None:
    found = rules.match(
        rules.Credit(
            amount=bank_tx.amount,
            currency=bank_tx.currency,
            remittance=bank_tx.remittance,
            counterparty=bank_tx.counterparty,
        ),
        open_items(bank_tx.organisation),
    )
    bank_tx.suggestion = {
        "kind": found.kind,
        "confident": found.confident,
        "client": found.client_id,
        "allocations": {
            str(k): str(quantize(v, bank_tx.currency)) for k, v in found.allocations.items()
        },
        "note": found.note,
    }
    bank_tx.save(update_fields=["suggestion", "updated_at"])
    if auto and found.confident:
        _record(bank_tx, found.client_id, found.allocations, by=by, automatic=True)


def _record(bank_tx, client_id, allocations: dict[int, Decimal], *, by, automatic: bool):
    client = Client.objects.get(organisation=bank_tx.organisation, pk=client_id)
    payment = payments.record_payment(
        client,
        by=by,
        amount=bank_tx.amount,
        date=bank_tx.booking_date,
        method=PaymentMethod.BANK_TRANSFER,
        reference=(bank_tx.bank_reference or bank_tx.remittance)[:140],
        notes=f"Bank statement {bank_tx.statement_id}, transaction {bank_tx.pk}: "
        f"{bank_tx.counterparty} {bank_tx.remittance}".strip()[:1000],
        allocations=allocations,
        currency=bank_tx.currency,
    )
    before = snapshot(bank_tx, fields=["status", "payment"])
    bank_tx.payment = payment
    bank_tx.status = BankTransaction.Status.MATCHED
    bank_tx.matched_automatically = automatic
    bank_tx.save(update_fields=["payment", "status", "matched_automatically", "updated_at"])
    record(
        organisation=bank_tx.organisation,
        actor=by.user,
        action="bank_match_auto" if automatic else "bank_match",
        obj=bank_tx,
        before=before,
        after=snapshot(bank_tx, fields=["status", "payment", "suggestion"]),
        reason=bank_tx.suggestion.get("note", ""),
    )
    return payment


def _locked_tx(bank_tx: BankTransaction, by) -> BankTransaction:
    if bank_tx.organisation_id != by.organisation.id:
        fail(gettext("Unknown transaction."))
    return BankTransaction.objects.select_for_update().get(pk=bank_tx.pk)


def confirm(
    bank_tx: BankTransaction,
    *,
    by,
    allocations: dict[int, Decimal] | None = None,
    client: Client | None = None,
):
    """Record a queued credit as a payment: as suggested, or split as ``allocations`` say
    ({invoice_id: amount}; the rest stays as ``client``'s credit)."""
    _require(by)
    with transaction.atomic():
        bank_tx = _locked_tx(bank_tx, by)
        if bank_tx.status == BankTransaction.Status.MATCHED:
            fail(gettext("This credit is matched already; undo that first."))
        if allocations is None:
            allocations = {
                int(k): Decimal(v) for k, v in bank_tx.suggestion.get("allocations", {}).items()
            }
            client_id = bank_tx.suggestion.get("client")
        else:
            invoices = Invoice.objects.filter(
                organisation=bank_tx.organisation, pk__in=list(allocations)
            )
            clients = {i.client_id for i in invoices}
            if len(invoices) != len(allocations):
                fail(gettext("Unknown invoice."), "allocations")
            if len(clients) > 1:
                fail(gettext("One payment settles invoices of one client."), "allocations")
            client_id = clients.pop() if clients else (client.pk if client else None)
        if client is not None and client_id not in (None, client.pk):
            fail(gettext("The invoices belong to another client."), "client")
        if client_id is None:
            fail(gettext("Say which invoices (or which client) this credit is for."), "allocations")
        return _record(bank_tx, client_id, allocations, by=by, automatic=False)


def undo(bank_tx: BankTransaction, *, by, reason: str = "") -> BankTransaction:
    """Undo a match: the payment is reversed (it stays, marked), the credit is back in the queue."""
    _require(by)
    with transaction.atomic():
        bank_tx = _locked_tx(bank_tx, by)
        if bank_tx.status != BankTransaction.Status.MATCHED or bank_tx.payment is None:
            fail(gettext("This credit is not matched."))
        payment = bank_tx.payment
        payments.reverse_payment(
            payment,
            by=by,
            reason=reason.strip() or f"bank match of transaction {bank_tx.pk} undone",
        )
        before = snapshot(bank_tx, fields=["status", "payment"])
        bank_tx.status = BankTransaction.Status.REVIEW
        bank_tx.payment = None
        bank_tx.matched_automatically = False
        bank_tx.save(update_fields=["status", "payment", "matched_automatically", "updated_at"])
        record(
            organisation=bank_tx.organisation,
            actor=by.user,
            action="bank_match_undo",
            obj=bank_tx,
            before=before,
            after=snapshot(bank_tx, fields=["status", "payment"]),
            reason=reason or f"payment {payment.pk} reversed",
        )
    return bank_tx


def ignore(bank_tx: BankTransaction, *, by, reason: str) -> BankTransaction:
    """Take a credit that is no client's payment (a refund, interest) out of the queue."""
    _require(by)
    if not reason.strip():
        fail(gettext("Give the reason."), "reason")
    with transaction.atomic():
        bank_tx = _locked_tx(bank_tx, by)
        if bank_tx.status == BankTransaction.Status.MATCHED:
            fail(gettext("This credit is matched; undo the match first."))
        bank_tx.status = BankTransaction.Status.IGNORED
        bank_tx.save(update_fields=["status", "updated_at"])
        record(
            organisation=bank_tx.organisation,
            actor=by.user,
            action="bank_ignore",
            obj=bank_tx,
            after={"status": bank_tx.status},
            reason=reason.strip(),
        )
    return bank_tx


def rematch(bank_tx: BankTransaction, *, by) -> BankTransaction:
    """Match a queued credit again (after new invoices were issued)."""
    _require(by)
    with transaction.atomic():
        bank_tx = _locked_tx(bank_tx, by)
        if bank_tx.status != BankTransaction.Status.REVIEW:
            fail(gettext("Only credits in the review queue are matched again."))
        _match_one(bank_tx, by=by, auto=settings_for(bank_tx.organisation).auto_record)
    bank_tx.refresh_from_db()
    return bank_tx
