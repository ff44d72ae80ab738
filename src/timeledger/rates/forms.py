"""Forms of the rate pages. Scope choices come from the current organisation only; the service
(``rates.services.clean_rate``) gives every business message (negative, currency, overlap)."""

from __future__ import annotations

from django import forms

from timeledger.accounts.models import JobRole, Member, RoundingMode
from timeledger.clients.models import Client
from timeledger.core.forms import DateInput
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.projects.models import Project, Task
from timeledger.rates.models import RateKind, RateLevel
from timeledger.timesheets.rounding import INCREMENTS


class RateForm(forms.Form):
    kind = forms.ChoiceField(choices=RateKind.choices, initial=RateKind.BILLING)
    level = forms.ChoiceField(choices=RateLevel.choices)
    job_role = forms.ModelChoiceField(queryset=JobRole.objects.none(), required=False)
    member = forms.ModelChoiceField(queryset=Member.objects.none(), required=False)
    client = forms.ModelChoiceField(queryset=Client.objects.none(), required=False)
    project = forms.ModelChoiceField(queryset=Project.objects.none(), required=False)
    task = forms.ModelChoiceField(queryset=Task.objects.none(), required=False)
    # Text, not a number input: the service explains "-5" or "1.005" in plain words.
    amount = forms.CharField(label="Hourly amount", max_length=20)
    currency = forms.CharField(max_length=3, widget=forms.TextInput(attrs={"list": "currencies"}))
    effective_from = forms.CharField(label="Effective from", widget=DateInput())
    label = forms.CharField(max_length=100, required=False, help_text="Empty: the scope's name.")

    currencies = [code for code, _ in CURRENCY_CHOICES]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_role"].queryset = JobRole.objects.filter(organisation=organisation)
        self.fields["member"].queryset = Member.objects.filter(
            organisation=organisation, is_active=True
        ).select_related("user")
        self.fields["client"].queryset = Client.objects.filter(organisation=organisation)
        self.fields["project"].queryset = Project.objects.filter(organisation=organisation)
        self.fields["task"].queryset = Task.objects.filter(
            organisation=organisation, is_archived=False
        ).select_related("project")
        self.fields["task"].label_from_instance = lambda t: f"{t.project.code} · {t.name}"
        self.fields["currency"].initial = organisation.currency

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items()}


class OverrideForm(forms.Form):
    rate_override = forms.CharField(
        label="Entry rate override",
        max_length=20,
        required=False,
        help_text="Empty clears the override.",
    )
    reason = forms.CharField(max_length=200, required=False)


class RoundingForm(forms.Form):
    rounding_increment = forms.TypedChoiceField(
        label="Increment", choices=[(m, f"{m} min") for m in INCREMENTS], coerce=int
    )
    rounding_mode = forms.ChoiceField(label="Mode", choices=RoundingMode.choices)


class ProjectRoundingForm(forms.Form):
    rounding_increment = forms.TypedChoiceField(
        label="Increment",
        choices=[("", "Organisation's"), *[(m, f"{m} min") for m in INCREMENTS]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    rounding_mode = forms.ChoiceField(
        label="Mode", choices=[("", "Organisation's"), *RoundingMode.choices], required=False
    )
