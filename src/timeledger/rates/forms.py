"""Forms of the rate pages. Scope choices come from the current organisation only; the service
(``rates.services.clean_rate``) gives every business message (negative, currency, overlap)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import JobRole, Member, RoundingMode
from timeledger.clients.models import Client
from timeledger.core.forms import DateInput
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.projects.models import Project, Task
from timeledger.rates.models import RateKind, RateLevel
from timeledger.timesheets.rounding import INCREMENTS

# The labels of the rates' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices) and translated when a form is made or a page shows
# them ({% translate r.get_kind_display %}).
CHOICE_LABELS = (
    gettext_noop("Billing rate"),
    gettext_noop("Internal cost rate"),
    gettext_noop("Task"),
    gettext_noop("Organisation default"),
    gettext_noop("Job role"),
    gettext_noop("Member"),
    gettext_noop("Client"),
    gettext_noop("Project"),
    gettext_noop("Member on project"),
)


def _translated(choices) -> list[tuple]:
    return [(value, gettext(label) if value else label) for value, label in choices]


def _minutes(m: int) -> str:
    return gettext("%(minutes)s min") % {"minutes": m}


class RateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RateKind.choices, initial=RateKind.BILLING)
    level = forms.ChoiceField(label=_("Level"), choices=RateLevel.choices)
    job_role = forms.ModelChoiceField(
        label=_("Job role"), queryset=JobRole.objects.none(), required=False
    )
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), required=False
    )
    client = forms.ModelChoiceField(
        label=_("Client"), queryset=Client.objects.none(), required=False
    )
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )
    task = forms.ModelChoiceField(label=_("Task"), queryset=Task.objects.none(), required=False)
    # Text, not a number input: the service explains "-5" or "1.005" in plain words.
    amount = forms.CharField(label=_("Hourly amount"), max_length=20)
    currency = forms.CharField(
        label=_("Currency"), max_length=3, widget=forms.TextInput(attrs={"list": "currencies"})
    )
    effective_from = forms.CharField(label=_("Effective from"), widget=DateInput())
    label = forms.CharField(
        label=_("Label"), max_length=100, required=False, help_text=_("Empty: the scope's name.")
    )

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
        for name in ("kind", "level"):
            self.fields[name].choices = _translated(self.fields[name].choices)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items()}


class OverrideForm(forms.Form):
    rate_override = forms.CharField(
        label=_("Entry rate override"),
        max_length=20,
        required=False,
        help_text=_("Empty clears the override."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class RoundingForm(forms.Form):
    rounding_increment = forms.TypedChoiceField(
        label=_("Increment"), choices=[(m, f"{m} min") for m in INCREMENTS], coerce=int
    )
    rounding_mode = forms.ChoiceField(label=_("Mode"), choices=RoundingMode.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rounding_increment"].choices = [(m, _minutes(m)) for m in INCREMENTS]
        self.fields["rounding_mode"].choices = _translated(RoundingMode.choices)


class ProjectRoundingForm(forms.Form):
    rounding_increment = forms.TypedChoiceField(
        label=_("Increment"),
        choices=[("", "Organisation's"), *[(m, f"{m} min") for m in INCREMENTS]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    rounding_mode = forms.ChoiceField(
        label=_("Mode"), choices=[("", "Organisation's"), *RoundingMode.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = gettext("Organisation's")
        self.fields["rounding_increment"].choices = [
            ("", organisations),
            *[(m, _minutes(m)) for m in INCREMENTS],
        ]
        self.fields["rounding_mode"].choices = [
            ("", organisations),
            *_translated(RoundingMode.choices),
        ]
