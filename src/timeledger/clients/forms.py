from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.clients.models import Client
from timeledger.core.forms import ServiceModelForm


class ClientForm(ServiceModelForm):
    """Client fields a person edits; the organisation and archiving are the service's business."""

    class Meta:
        model = Client
        fields = [
            "code",
            "name",
            "legal_name",
            "address",
            "country",
            "vat_id",
            "currency",
            "payment_terms_days",
            "invoice_email",
            "contact_name",
            "language",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "code": _("Code"),
            "name": _("Name"),
            "legal_name": _("Legal name"),
            "address": _("Address"),
            "country": _("Country"),
            "vat_id": _("VAT / tax id"),
            "currency": _("Currency"),
            "payment_terms_days": _("Payment terms (days)"),
            "invoice_email": _("Invoice email"),
            "contact_name": _("Contact name"),
            "language": _("Language"),
        }
        help_texts = {"language": _("The language of its invoices; blank: the organisation's.")}
