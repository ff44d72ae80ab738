"""Forms of the expense screens: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from timeledger.core.forms import DateInput
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.expenses import rules
from timeledger.expenses.models import ExpenseCategory
from timeledger.invoicing.models import TaxCategory
from timeledger.projects import teams
from timeledger.projects.models import Project

# The labels of the expenses' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices); the pages translate them
# ({% translate e.get_status_display %}).
CHOICE_LABELS = (
    gettext_noop("Draft"),
    gettext_noop("Submitted"),
    gettext_noop("Approved"),
    gettext_noop("Rejected"),
)


class ExpenseForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    category = forms.ModelChoiceField(label=_("Category"), queryset=ExpenseCategory.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=15,
        decimal_places=3,
        help_text=_("Paid, VAT included."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("", "Client's currency"), *CURRENCY_CHOICES],
        required=False,
    )
    vat_amount = forms.DecimalField(
        max_digits=15, decimal_places=3, required=False, label=_("VAT in it")
    )
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate"),
        max_digits=18,
        decimal_places=8,
        required=False,
        help_text=_("Only for another currency: 1 unit in the client's currency."),
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    is_billable = forms.BooleanField(required=False, initial=True, label=_("Billable"))
    markup_percent = forms.DecimalField(
        max_digits=6, decimal_places=2, required=False, label=_("Mark-up %")
    )
    is_reimbursable = forms.BooleanField(
        required=False, initial=True, label=_("I paid it (reimburse me)")
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        # ``accept`` with image/* lets a phone offer its camera as well as its files.
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = teams.loggable_projects(member).select_related("client")
        self.fields["category"].queryset = ExpenseCategory.objects.filter(
            organisation_id=member.organisation_id, is_active=True
        )
        self.fields["receipt"].help_text = gettext("PDF or photo, at most %(mb)s MB.") % {
            "mb": rules.MAX_RECEIPT_BYTES // 1024 // 1024
        }
        self.fields["currency"].choices = [
            ("", gettext("Client's currency")),
            *CURRENCY_CHOICES,
        ]


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    default_tax_category = forms.ModelChoiceField(
        label=_("Default tax"), queryset=TaxCategory.objects.none(), required=False
    )
    revenue_account = forms.CharField(label=_("Revenue account"), max_length=40, required=False)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_tax_category"].queryset = TaxCategory.objects.filter(
            organisation_id=member.organisation_id
        )


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To"), widget=DateInput())
