"""Forms of the payment pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.clients.models import Client
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.core.forms import DateInput
from timeledger.invoicing.forms import TenantForm
from timeledger.payments.models import PaymentMethod


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=15, decimal_places=3)
    date = BoundedDateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Reference"), max_length=140, required=False)
    confirm_duplicate = forms.BooleanField(
        required=False,
        label=_("Record it anyway"),
        help_text=_("Only needed when the same payment (client, reference, amount, date) exists."),
    )


class ClientPaymentForm(TenantForm, PaymentForm):
    client = forms.ModelChoiceField(Client.objects.all(), label=_("Client"))


class DunningLevelForm(forms.Form):
    days_overdue = forms.IntegerField(min_value=1, max_value=365, label=_("Days overdue"))
    name = forms.CharField(max_length=100, label=_("Name"))
