from django import forms

from timeledger.einvoicing.models import ClientEinvoiceSettings, OrganisationEinvoiceSettings
from timeledger.einvoicing.services import CLIENT_FIELDS, ORGANISATION_FIELDS


class ClientEinvoiceForm(forms.ModelForm):
    class Meta:
        model = ClientEinvoiceSettings
        fields = list(CLIENT_FIELDS)


class OrganisationEinvoiceForm(forms.ModelForm):
    class Meta:
        model = OrganisationEinvoiceSettings
        fields = list(ORGANISATION_FIELDS)
