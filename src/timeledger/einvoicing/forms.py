from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.einvoicing.models import (
    ClientEinvoiceSettings,
    Format,
    OrganisationEinvoiceSettings,
)
from timeledger.einvoicing.services import CLIENT_FIELDS, ORGANISATION_FIELDS

# Labels and help texts of the settings pages, translated here (the models' verbose names stay
# as they are: changing them would need migrations).
ADDRESS_LABELS = {
    "endpoint_scheme": _("Electronic address scheme (EAS)"),
    "endpoint_id": _("Electronic address"),
}


class ClientEinvoiceForm(forms.ModelForm):
    format = forms.ChoiceField(
        label=_("E-invoice format"),
        required=False,
        choices=[(Format.NONE, _("None (PDF only)")), *Format.choices[1:]],
    )

    class Meta:
        model = ClientEinvoiceSettings
        fields = list(CLIENT_FIELDS)
        labels = {
            **ADDRESS_LABELS,
            "buyer_reference": _("Buyer reference / Leitweg-ID"),
            "order_reference": _("Purchase order number"),
            "contract_reference": _("Contract reference"),
            "requires_order_reference": _("Requires a purchase order number"),
            "legal_id": _("Company registration id"),
        }
        help_texts = {
            "endpoint_scheme": _("e.g. 0106, 9930, 0088"),
            "buyer_reference": _(
                "Required by XRechnung (the Leitweg-ID of a German public buyer)."
            ),
            "order_reference": _("Quoted on every invoice."),
            "contract_reference": _(
                "The framework agreement or contract the work is done under (EN 16931 BT-12)."
            ),
            "requires_order_reference": _(
                "Refuse to issue an e-invoice without a purchase order number."
            ),
            "legal_id": _("e.g. a KvK number."),
        }


class OrganisationEinvoiceForm(forms.ModelForm):
    class Meta:
        model = OrganisationEinvoiceSettings
        fields = list(ORGANISATION_FIELDS)
        labels = {
            **ADDRESS_LABELS,
            "legal_id_scheme": _("Registration id scheme (ICD)"),
            "tax_number": _("Tax number"),
            "contact_name": _("Contact name"),
            "contact_phone": _("Contact phone"),
        }
        help_texts = {
            "endpoint_scheme": _("e.g. 0106, 9930"),
            "legal_id_scheme": _("e.g. 0106 for KvK"),
            "tax_number": _("A national tax number (not the VAT id)."),
        }
