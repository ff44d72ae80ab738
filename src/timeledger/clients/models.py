"""Clients: who pays."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models

from timeledger.accounts.models import LANGUAGE_CHOICES
from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", "Use letters, digits, dot, dash or underscore."
)


# The languages an invoice document is written in (the UI's catalogues: locale/).
DOCUMENT_LANGUAGES = LANGUAGE_CHOICES
# The language of a client's invoices when neither it nor its organisation has one.
FALLBACK_LANGUAGE = "en"


class Client(TenantModel):
    """A customer of the organisation, invoiced in its own currency and language."""

    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)
    legal_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True)
    vat_id = models.CharField("VAT / tax id", max_length=40, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="EUR")
    payment_terms_days = models.PositiveSmallIntegerField(
        default=30, validators=[MaxValueValidator(365)]
    )
    invoice_email = models.EmailField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(
        max_length=2,
        choices=DOCUMENT_LANGUAGES,
        blank=True,
        help_text="The language of its invoices; blank: the organisation's.",
    )
    is_archived = models.BooleanField(default=False)
    default_tax_category = models.ForeignKey(
        "invoicing.TaxCategory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="client_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def document_language(self) -> str:
        """The language its invoices are written in: its own, else its organisation's, else
        English."""
        return self.language or self.organisation.language or FALLBACK_LANGUAGE
