"""Forms of the accounting page: they parse; ``accounting.services`` decides."""

from __future__ import annotations

import datetime as dt

from django import forms

from timeledger.accounting import rules
from timeledger.accounting.models import ExportFormat
from timeledger.core.forms import DateField, DateInput

TABLES = {
    "revenue_by_category": "Revenue by tax category",
    "vat_by_category": "VAT by tax category",
    "revenue_by_model": "Revenue by kind of line",
    "revenue_by_project": "Revenue by project id",
    "revenue_by_task": "Revenue by task id",
}
CHART_CHOICES = [("", "Custom"), *((c, c) for c in rules.CHARTS)]


def table_text(table: dict) -> str:
    """``{"S": "8400"}`` as the textarea shows it: one ``key = account`` a line."""
    return "\n".join(f"{key} = {account}" for key, account in sorted(table.items()))


class TableField(forms.CharField):
    """A ``key = account`` per line, parsed to a dict (the service checks the accounts)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One KEY = ACCOUNT a line.")
        super().__init__(strip=True, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        table = {}
        for raw in filter(None, (line.strip() for line in text.splitlines())):
            key, sep, account = raw.partition("=")
            if not sep or not key.strip() or not account.strip():
                raise forms.ValidationError(f"{raw!r}: write KEY = ACCOUNT.")
            table[key.strip()] = account.strip()
        return table


class MappingForm(forms.Form):
    receivables = forms.CharField(max_length=20)
    bank = forms.CharField(max_length=20)
    client_credit = forms.CharField(max_length=20, label="Client credit")
    rounding = forms.CharField(max_length=20)
    revenue = forms.CharField(max_length=20, label="Revenue (default)")
    vat = forms.CharField(max_length=20, label="VAT (default)")
    revenue_by_category = TableField(label=TABLES["revenue_by_category"])
    vat_by_category = TableField(label=TABLES["vat_by_category"])
    revenue_by_model = TableField(
        label=TABLES["revenue_by_model"], help_text="e.g. expense = 8410 (one KEY = ACCOUNT a line)"
    )
    revenue_by_project = TableField(label=TABLES["revenue_by_project"])
    revenue_by_task = TableField(label=TABLES["revenue_by_task"])
    datev_consultant = forms.IntegerField(label="DATEV consultant no.", min_value=1)
    datev_client = forms.IntegerField(label="DATEV client no.", min_value=1)
    fiscal_year_start_month = forms.IntegerField(label="Fiscal year starts (month)")

    @classmethod
    def for_mapping(cls, mapping, data=None):
        initial = {name: getattr(mapping, name) for name in cls.base_fields}
        initial.update({name: table_text(getattr(mapping, name)) for name in TABLES})
        return cls(data, initial=initial, prefix="mapping")


class ChartForm(forms.Form):
    chart = forms.ChoiceField(choices=CHART_CHOICES, required=False, label="Chart of accounts")


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=ExportFormat.choices)
    date_from = DateField(widget=DateInput(), label="From")
    date_to = DateField(widget=DateInput(), label="To")
    everything = forms.TypedChoiceField(
        label="Documents",
        choices=[("", "Only new since the last export"), ("1", "Everything in the period")],
        coerce=bool,
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
    )

    @classmethod
    def for_today(cls, today: dt.date, data=None):
        first = today.replace(day=1)
        last_month_end = first - dt.timedelta(days=1)
        return cls(
            data,
            initial={
                "date_from": last_month_end.replace(day=1),
                "date_to": last_month_end,
                "everything": "",
            },
            prefix="export",
        )
