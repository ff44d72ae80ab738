"""Imported bank statements, their credits, and how each credit was matched to invoices.

A statement is stored once per organisation (its file's SHA-256); each credit once per account
(its fingerprint), so importing a statement again, or one that overlaps an earlier one, creates
nothing new. A credit ends up ``matched`` (a payment recorded through ``payments``), in the review
queue (``review``, with suggestions) or ``ignored``.
"""

from django.conf import settings
from django.db import models

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", "ISO 20022 CAMT.053"
    CAMT054 = "camt054", "ISO 20022 CAMT.054"
    MT940 = "mt940", "SWIFT MT940"
    CSV = "csv", "CSV"


class BankingSettings(TenantModel):
    """Per organisation: record confident matches as payments at once, or only suggest them."""

    auto_record = models.BooleanField(
        default=True,
        help_text="Record payments for credits that name their invoices; off: suggest them.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="banking_settings_once"),
        ]

    def __str__(self) -> str:
        return f"banking settings of {self.organisation_id}"


class BankStatement(TenantModel):
    """One imported file: its format, account and the credits it brought."""

    format = models.CharField(max_length=10, choices=StatementFormat.choices)
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    statement_id = models.CharField(max_length=140, blank=True)
    account = models.CharField(max_length=40, blank=True)  # IBAN or the bank's account id
    currency = models.CharField(max_length=3, blank=True)
    transactions_found = models.PositiveIntegerField(default=0)
    credits_new = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    debits_skipped = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "sha256"], name="statement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.statement_id or self.file_name}".strip()


class BankTransaction(TenantModel):
    """A credit on the organisation's account, and what became of it."""

    class Status(models.TextChoices):
        MATCHED = "matched", "Matched"
        REVIEW = "review", "To review"
        IGNORED = "ignored", "Ignored"

    statement = models.ForeignKey(
        BankStatement, on_delete=models.CASCADE, related_name="transactions"
    )
    fingerprint = models.CharField(max_length=64)
    booking_date = models.DateField()
    value_date = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=15, decimal_places=3)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    counterparty = models.CharField(max_length=140, blank=True)
    counterparty_iban = models.CharField(max_length=40, blank=True)
    remittance = models.TextField(blank=True)
    bank_reference = models.CharField(max_length=140, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REVIEW)
    # What the matcher proposed: {"kind", "client", "allocations": {invoice_id: "amount"}, "note"}
    suggestion = models.JSONField(default=dict, blank=True)
    payment = models.ForeignKey(
        "payments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matched_automatically = models.BooleanField(default=False)

    class Meta:
        ordering = ["booking_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fingerprint"], name="bank_transaction_once"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount} {self.currency} {self.counterparty}".strip()
