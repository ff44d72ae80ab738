from django import forms

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
        labels = {"payment_terms_days": "Payment terms (days)"}
