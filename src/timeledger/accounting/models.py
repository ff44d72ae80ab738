"""The organisation's account mapping and the exports handed to accounting.

Each document (invoice, credit note, payment, payment reversal) is marked the first time an export
of a format contains it (``ExportedDocument``, unique per format), so the next export holds only
what is new unless everything is asked for; an export's file is stored, so downloading it again
gives the same bytes.
"""

from django.conf import settings
from django.db import models

from timeledger.core.models import TenantModel


class AccountMapping(TenantModel):
    """Which ledger account each kind of amount goes to.

    ``revenue_by_project`` / ``revenue_by_task`` ({id: account}) and ``revenue_by_model``
    ({billing line kind: account}) override ``revenue`` (most specific first: task › project ›
    kind of line › default); ``vat_by_category`` ({tax category code: account}) and
    ``revenue_by_category`` ({tax category code: account}, e.g. SKR03 8400 for 19 %, 8300 for 7 %)
    by tax category.
    """

    chart = models.CharField(max_length=10, blank=True)  # "SKR03", "SKR04" or ""
    receivables = models.CharField(max_length=20, default="1200")
    bank = models.CharField(max_length=20, default="1000")
    client_credit = models.CharField(max_length=20, default="2100")
    rounding = models.CharField(max_length=20, default="8999")
    revenue = models.CharField(max_length=20, default="8000")
    revenue_by_category = models.JSONField(default=dict, blank=True)
    revenue_by_model = models.JSONField(default=dict, blank=True)
    revenue_by_project = models.JSONField(default=dict, blank=True)
    revenue_by_task = models.JSONField(default=dict, blank=True)
    vat = models.CharField(max_length=20, default="2200")
    vat_by_category = models.JSONField(default=dict, blank=True)
    datev_consultant = models.PositiveIntegerField(default=1001)
    datev_client = models.PositiveIntegerField(default=1)
    fiscal_year_start_month = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="account_mapping_once"),
        ]

    def __str__(self) -> str:
        return f"account mapping of {self.organisation_id} ({self.chart or 'custom'})"


class ExportFormat(models.TextChoices):
    JOURNAL_CSV = "journal_csv", "General journal (CSV)"
    JOURNAL_XLSX = "journal_xlsx", "General journal (XLSX)"
    DATEV = "datev", "DATEV Buchungsstapel (EXTF)"
    XERO = "xero", "Xero sales invoices (CSV)"
    QBO = "qbo", "QuickBooks Online invoices (CSV)"


class AccountingExport(TenantModel):
    """One export file for a period, as it was handed over."""

    format = models.CharField(max_length=20, choices=ExportFormat.choices)
    date_from = models.DateField()
    date_to = models.DateField()
    everything = models.BooleanField(default=False)
    file_name = models.CharField(max_length=120)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    documents = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.file_name


class ExportedDocument(TenantModel):
    """A document's first export in a format: the mark that keeps later exports to what is new."""

    export = models.ForeignKey(AccountingExport, on_delete=models.CASCADE, related_name="marks")
    format = models.CharField(max_length=20, choices=ExportFormat.choices)
    document = models.CharField(max_length=40)  # "invoice:12", "payment:7", "reversal:7"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "format", "document"], name="exported_once"
            ),
        ]
