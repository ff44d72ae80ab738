"""Forms of the invoice pages: parse input only; the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from timeledger.clients.models import Client
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.core.forms import DateInput
from timeledger.invoicing.models import Frequency, InvoiceKind, TaxCategory
from timeledger.projects.models import Project


class TenantForm(forms.Form):
    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(organisation=organisation)


class DraftForm(TenantForm):
    client = forms.ModelChoiceField(Client.objects.filter(is_archived=False), label=_("Client"))
    project = forms.ModelChoiceField(Project.objects.all(), required=False, label=_("Project"))
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            (InvoiceKind.STANDARD, _("Invoice")),
            (InvoiceKind.PROFORMA, _("Proforma")),
        ],
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FinalInvoiceForm(TenantForm):
    project = forms.ModelChoiceField(Project.objects.exclude(status="closed"), label=_("Project"))


class LineForm(TenantForm):
    description = forms.CharField(label=_("Description"), max_length=500)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=14, decimal_places=4, initial=Decimal(1)
    )
    unit = forms.CharField(label=_("Unit"), max_length=10, initial="h")
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=14, decimal_places=4)
    discount_percent = forms.DecimalField(
        # "%" stays out of the msgid (a lone "%" reads as a format to gettext)
        label=format_lazy("{} %", _("Discount")),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
        help_text=_("This line's own discount; empty for none."),
    )
    tax_category = forms.ModelChoiceField(
        TaxCategory.objects.all(), label=_("VAT"), required=False, empty_label=_("Default")
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )


class LineTaxForm(TenantForm):
    tax_category = forms.ModelChoiceField(TaxCategory.objects.all(), label=_("VAT"))


class IssueForm(forms.Form):
    issue_date = BoundedDateField(label=_("Issue date"), required=False, widget=DateInput())


class SendForm(forms.Form):
    to = forms.CharField(
        label=_("To"), required=False, help_text=_("Empty: the client's invoice e-mail.")
    )


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class TaxCategoryForm(forms.ModelForm):
    # The EN 16931 codes, named on the form (the model's choices stay, without a migration).
    code = forms.ChoiceField(
        label=pgettext_lazy("tax category", "Code"),
        choices=[
            (TaxCategory.Code.STANDARD, _("Standard rate")),
            (TaxCategory.Code.REDUCED, _("Reduced rate")),
            (TaxCategory.Code.ZERO, _("Zero rated")),
            (TaxCategory.Code.EXEMPT, _("Exempt")),
            (TaxCategory.Code.REVERSE_CHARGE, _("Reverse charge")),
        ],
        initial=TaxCategory.Code.STANDARD,
    )

    class Meta:
        model = TaxCategory
        fields = ["name", "code", "rate", "effective_from", "legal_note", "is_default"]
        widgets = {"effective_from": DateInput()}
        labels = {
            "name": _("Name"),
            "rate": format_lazy("{} %", _("Rate")),
            "effective_from": _("Effective from"),
            "legal_note": _("Legal note"),
            "is_default": _("Default"),
        }


class ScheduleForm(TenantForm):
    client = forms.ModelChoiceField(Client.objects.filter(is_archived=False), label=_("Client"))
    project = forms.ModelChoiceField(Project.objects.all(), required=False, label=_("Project"))
    name = forms.CharField(max_length=200, label=_("Name"))
    description = forms.CharField(
        label=_("Description"),
        max_length=500,
        initial="Retainer {period}",
        help_text=_("{period} is replaced."),
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=14, decimal_places=4, initial=Decimal(1)
    )
    unit = forms.CharField(label=_("Unit"), max_length=10, initial="mo")
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=14, decimal_places=4)
    tax_category = forms.ModelChoiceField(
        TaxCategory.objects.all(), required=False, label=_("VAT"), empty_label=_("Default")
    )
    frequency = forms.ChoiceField(
        label=_("Every"),
        choices=[
            (Frequency.WEEKLY, _("Weekly")),
            (Frequency.MONTHLY, _("Monthly")),
            (Frequency.QUARTERLY, _("Quarterly")),
            (Frequency.YEARLY, _("Yearly")),
        ],
    )
    next_run = BoundedDateField(label=_("Next run"), widget=DateInput())
    end_date = BoundedDateField(label=_("End date"), required=False, widget=DateInput())
    auto_issue = forms.BooleanField(required=False, initial=True, label=_("Issue automatically"))
    auto_send = forms.BooleanField(required=False, label=_("Send automatically"))


class TemplateForm(forms.Form):
    html = forms.CharField(
        label="HTML", widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"})
    )
    css = forms.CharField(
        label="CSS",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )


class DefaultTaxForm(TenantForm):
    client = forms.ModelChoiceField(Client.objects.all(), required=False, label=_("Client"))
    project = forms.ModelChoiceField(Project.objects.all(), required=False, label=_("Project"))
    tax_category = forms.ModelChoiceField(
        TaxCategory.objects.all(),
        required=False,
        label=_("VAT"),
        empty_label=_("Organisation default"),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("client")) == bool(data.get("project")):
            raise forms.ValidationError(_("Choose either a client or a project."))
        return data
