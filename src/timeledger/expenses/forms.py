"""Forms of the expense screens: they parse; the services decide."""

from __future__ import annotations

from django import forms

from timeledger.core.forms import DateInput
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.expenses import rules
from timeledger.expenses.models import ExpenseCategory
from timeledger.invoicing.models import TaxCategory
from timeledger.projects import teams
from timeledger.projects.models import Project


class ExpenseForm(forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none())
    category = forms.ModelChoiceField(queryset=ExpenseCategory.objects.none())
    date = forms.DateField(widget=DateInput())
    amount = forms.DecimalField(max_digits=15, decimal_places=3, help_text="Paid, VAT included.")
    currency = forms.ChoiceField(
        choices=[("", "Client's currency"), *CURRENCY_CHOICES], required=False
    )
    vat_amount = forms.DecimalField(
        max_digits=15, decimal_places=3, required=False, label="VAT in it"
    )
    exchange_rate = forms.DecimalField(
        max_digits=18,
        decimal_places=8,
        required=False,
        help_text="Only for another currency: 1 unit in the client's currency.",
    )
    supplier = forms.CharField(max_length=200, required=False)
    description = forms.CharField(max_length=500, required=False)
    is_billable = forms.BooleanField(required=False, initial=True, label="Billable")
    markup_percent = forms.DecimalField(
        max_digits=6, decimal_places=2, required=False, label="Mark-up %"
    )
    is_reimbursable = forms.BooleanField(
        required=False, initial=True, label="I paid it (reimburse me)"
    )
    receipt = forms.FileField(
        required=False,
        help_text=f"PDF or photo, at most {rules.MAX_RECEIPT_BYTES // 1024 // 1024} MB.",
        # ``accept`` with image/* lets a phone offer its camera as well as its files.
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = teams.loggable_projects(member).select_related("client")
        self.fields["category"].queryset = ExpenseCategory.objects.filter(
            organisation_id=member.organisation_id, is_active=True
        )


class CategoryForm(forms.Form):
    name = forms.CharField(max_length=100)
    default_tax_category = forms.ModelChoiceField(
        queryset=TaxCategory.objects.none(), required=False
    )
    revenue_account = forms.CharField(max_length=40, required=False)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_tax_category"].queryset = TaxCategory.objects.filter(
            organisation_id=member.organisation_id
        )


class PeriodForm(forms.Form):
    date_from = forms.DateField(widget=DateInput())
    date_to = forms.DateField(widget=DateInput())
