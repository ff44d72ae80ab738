"""Forms of sign-up and the organisation settings: they parse; the services decide."""

from __future__ import annotations

from django import forms

from timeledger.accounts.models import Organisation
from timeledger.accounts.services import ORGANISATION_FIELDS
from timeledger.core.countries import COUNTRY_CHOICES
from timeledger.core.forms import ServiceModelForm
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.core.timeutil import TIMEZONE_CHOICES
from timeledger.invoicing import vat_presets
from timeledger.onboarding.settings import APPROVAL_FIELDS, ROUNDING_FIELDS

FROM_COUNTRY = [("", "From the country")]


class SignUpForm(forms.Form):
    organisation = forms.CharField(label="Organisation name", max_length=200)
    name = forms.CharField(label="Your name", max_length=300)
    email = forms.EmailField(
        label="E-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common password.",
    )
    country = forms.ChoiceField(
        choices=COUNTRY_CHOICES,
        initial="NL",
        help_text="Its VAT rates are set up for you (you can edit them later).",
    )
    charges_vat = forms.BooleanField(
        label="We charge VAT", required=False, initial=True, help_text="Untick for no VAT."
    )
    currency = forms.ChoiceField(choices=FROM_COUNTRY + CURRENCY_CHOICES, required=False)
    time_zone = forms.ChoiceField(choices=FROM_COUNTRY + TIMEZONE_CHOICES, required=False)


class SettingsForm(ServiceModelForm):
    """Every organisation setting on one page; ``onboarding.settings.save_settings`` validates."""

    lock_reason = forms.CharField(
        label="Reason for moving the lock date back",
        required=False,
        max_length=500,
        help_text="Needed only when reopening a locked period.",
    )
    invoice_number_pattern = forms.CharField(
        max_length=60,
        help_text="Tokens: {YYYY}, {YY}, {MM} and {SEQ:05} (the gap-free counter).",
    )
    vat_preset = forms.ChoiceField(
        label="VAT rates",
        choices=[("", "Keep the current categories")] + vat_presets.PRESET_CHOICES,
        required=False,
        help_text="Choosing a country's rates adds its dated categories and makes its standard "
        "rate the default.",
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, *ROUNDING_FIELDS, "lock_date", *APPROVAL_FIELDS]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "lock_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "default_payment_terms_days": "Default payment terms (days)",
            "working_hours_per_day": "Working hours per day",
            "working_days": "Working days (1 = Monday)",
            "approved_unbilled_days": "Flag approved, unbilled time after (days)",
            "require_two_factor": "Require two-factor sign-in for owners, admins and accountants",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(choices=COUNTRY_CHOICES)
        self.fields["country"].initial = self.instance.country
        self.order_fields(SETTINGS_ORDER)


SECTIONS = [
    (
        "Organisation",
        [
            "name",
            "legal_name",
            "address",
            "country",
            "email",
            "vat_id",
            "registration_id",
            "iban",
            "bic",
            "logo",
        ],
    ),
    (
        "Invoicing",
        [
            "language",
            "currency",
            "vat_preset",
            "invoice_number_pattern",
            "default_payment_terms_days",
        ],
    ),
    (
        "Time",
        [
            "time_zone",
            "week_start",
            "working_days",
            "working_hours_per_day",
            "rounding_increment",
            "rounding_mode",
            "lock_date",
            "lock_reason",
            "reminder_frequency",
            "approved_unbilled_days",
        ],
    ),
    ("Security", ["require_two_factor"]),
]
SETTINGS_ORDER = [name for _, names in SECTIONS for name in names]
