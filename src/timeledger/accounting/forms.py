"""Forms of the accounting page: they parse; ``accounting.services`` decides."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.accounting import rules
from timeledger.accounting.models import ExportFormat
from timeledger.core.forms import DateField, DateInput

TABLES = {
    "revenue_by_category": _("Revenue by tax category"),
    "vat_by_category": _("VAT by tax category"),
    "revenue_by_model": _("Revenue by kind of line"),
    "revenue_by_project": _("Revenue by project id"),
    "revenue_by_task": _("Revenue by task id"),
}
CHART_CHOICES = [("", _("Custom")), *((c, c) for c in rules.CHARTS)]
# The export formats as the form and the books page name them (the model's choices stay English).
FORMAT_CHOICES = [
    (ExportFormat.JOURNAL_CSV, _("General journal (CSV)")),
    (ExportFormat.JOURNAL_XLSX, _("General journal (XLSX)")),
    (ExportFormat.DATEV, "DATEV Buchungsstapel (EXTF)"),
    (ExportFormat.XERO, _("Xero sales invoices (CSV)")),
    (ExportFormat.QBO, _("QuickBooks Online invoices (CSV)")),
]


def table_text(table: dict) -> str:
    """``{"S": "8400"}`` as the textarea shows it: one ``key = account`` a line."""
    return "\n".join(f"{key} = {account}" for key, account in sorted(table.items()))


class TableField(forms.CharField):
    """A ``key = account`` per line, parsed to a dict (the service checks the accounts)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One KEY = ACCOUNT a line."))
        super().__init__(strip=True, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        table = {}
        for raw in filter(None, (line.strip() for line in text.splitlines())):
            key, sep, account = raw.partition("=")
            if not sep or not key.strip() or not account.strip():
                raise forms.ValidationError(
                    _("%(line)s: write KEY = ACCOUNT."), params={"line": repr(raw)}
                )
            table[key.strip()] = account.strip()
        return table


class MappingForm(forms.Form):
    receivables = forms.CharField(max_length=20, label=_("Receivables"))
    bank = forms.CharField(max_length=20, label=_("Bank"))
    client_credit = forms.CharField(max_length=20, label=_("Client credit"))
    rounding = forms.CharField(max_length=20, label=_("Rounding"))
    revenue = forms.CharField(max_length=20, label=_("Revenue (default)"))
    vat = forms.CharField(max_length=20, label=_("VAT (default)"))
    revenue_by_category = TableField(label=TABLES["revenue_by_category"])
    vat_by_category = TableField(label=TABLES["vat_by_category"])
    revenue_by_model = TableField(
        label=TABLES["revenue_by_model"],
        help_text=_("e.g. expense = 8410 (one KEY = ACCOUNT a line)"),
    )
    revenue_by_project = TableField(label=TABLES["revenue_by_project"])
    revenue_by_task = TableField(label=TABLES["revenue_by_task"])
    datev_consultant = forms.IntegerField(label=_("DATEV consultant no."), min_value=1)
    datev_client = forms.IntegerField(label=_("DATEV client no."), min_value=1)
    fiscal_year_start_month = forms.IntegerField(label=_("Fiscal year starts (month)"))

    @classmethod
    def for_mapping(cls, mapping, data=None):
        initial = {name: getattr(mapping, name) for name in cls.base_fields}
        initial.update({name: table_text(getattr(mapping, name)) for name in TABLES})
        return cls(data, initial=initial, prefix="mapping")


class ChartForm(forms.Form):
    chart = forms.ChoiceField(choices=CHART_CHOICES, required=False, label=_("Chart of accounts"))


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=FORMAT_CHOICES, label=_("Format"))
    date_from = DateField(widget=DateInput(), label=_("From"))
    date_to = DateField(widget=DateInput(), label=_("To"))
    everything = forms.TypedChoiceField(
        label=_("Documents"),
        choices=[("", _("Only new since the last export")), ("1", _("Everything in the period"))],
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
