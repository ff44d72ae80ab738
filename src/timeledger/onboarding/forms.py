"""Forms of sign-up and the organisation settings: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import Organisation
from timeledger.accounts.services import ORGANISATION_FIELDS
from timeledger.core.countries import COUNTRY_CHOICES
from timeledger.core.forms import ServiceModelForm
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.core.timeutil import TIMEZONE_CHOICES
from timeledger.invoicing import vat_presets
from timeledger.onboarding.settings import APPROVAL_FIELDS, ROUNDING_FIELDS

FROM_COUNTRY = [("", _("From the country"))]


class SignUpForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation name"), max_length=200)
    name = forms.CharField(label=_("Your name"), max_length=300)
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=COUNTRY_CHOICES,
        initial="NL",
        help_text=_("Its VAT rates are set up for you (you can edit them later)."),
    )
    charges_vat = forms.BooleanField(
        label=_("We charge VAT"), required=False, initial=True, help_text=_("Untick for no VAT.")
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=FROM_COUNTRY + CURRENCY_CHOICES, required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=FROM_COUNTRY + TIMEZONE_CHOICES, required=False
    )


# The labels of the settings' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices) and translated when the form is made.
CHOICE_LABELS = (
    gettext_noop("No rounding"),
    gettext_noop("Up"),
    gettext_noop("Down"),
    gettext_noop("Nearest"),
    gettext_noop("Off"),
    gettext_noop("Daily"),
    gettext_noop("Weekly"),
)


class SettingsForm(ServiceModelForm):
    """Every organisation setting on one page; ``onboarding.settings.save_settings`` validates.
    Its labels, help texts and choices in the page's language (issue 17)."""

    lock_reason = forms.CharField(
        label=_("Reason for moving the lock date back"),
        required=False,
        max_length=500,
        help_text=_("Needed only when reopening a locked period."),
    )
    invoice_number_pattern = forms.CharField(
        label=_("Invoice number pattern"),
        max_length=60,
        help_text=_("Tokens: {YYYY}, {YY}, {MM} and {SEQ:05} (the gap-free counter)."),
    )
    vat_preset = forms.ChoiceField(
        label=_("VAT rates"),
        choices=[("", _("Keep the current categories"))] + vat_presets.PRESET_CHOICES,
        required=False,
        help_text=_(
            "Choosing a country's rates adds its dated categories and makes its standard rate"
            " the default."
        ),
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, *ROUNDING_FIELDS, "lock_date", *APPROVAL_FIELDS]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "lock_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "name": _("Name"),
            "legal_name": _("Legal name"),
            "address": _("Address"),
            "email": _("E-mail"),
            "vat_id": _("VAT / tax id"),
            "registration_id": _("Registration id"),
            "iban": _("IBAN"),
            "bic": _("BIC"),
            "logo": _("Logo"),
            "language": _("Language"),
            "currency": _("Currency"),
            "default_payment_terms_days": _("Default payment terms (days)"),
            "time_zone": _("Time zone"),
            "week_start": _("Week start"),
            "working_days": _("Working days (1 = Monday)"),
            "working_hours_per_day": _("Working hours per day"),
            "rounding_increment": _("Rounding increment"),
            "rounding_mode": _("Rounding mode"),
            "lock_date": _("Lock date"),
            "reminder_frequency": _("Reminder frequency"),
            "approved_unbilled_days": _("Flag approved, unbilled time after (days)"),
            "require_two_factor": _(
                "Require two-factor sign-in for owners, admins and accountants"
            ),
        }
        help_texts = {
            "language": _(
                "The UI's language for members who have not chosen one, and the invoice language"
                " of clients without one. Blank: each browser's language, invoices in English."
            ),
            "default_payment_terms_days": _("Net days for new clients."),
            "lock_date": _("Entries on or before this date cannot change."),
            "require_two_factor": _(
                "Owners, admins and accountants must sign in with a second factor."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES)
        self.fields["country"].initial = self.instance.country
        for name in ("rounding_mode", "reminder_frequency"):
            field = self.fields[name]
            field.choices = [(value, gettext(label)) for value, label in field.choices]
        # Django's own weekday names (its catalogues); WEEKDAYS counts from Monday = 0.
        self.fields["week_start"].choices = [
            (value, WEEKDAYS[value - 1]) for value, _label in self.fields["week_start"].choices
        ]
        self.fields["language"].choices = [
            (value, label if value else gettext("Each browser's language"))
            for value, label in self.fields["language"].choices
        ]
        self.order_fields(SETTINGS_ORDER)


# The sections' titles are keys (the template picks the Invoicing and Organisation extras by
# them) and messages: the template translates them.
SECTION_TITLES = (
    gettext_noop("Organisation"),
    gettext_noop("Invoicing"),
    gettext_noop("Time"),
    gettext_noop("Security"),
)
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
SETTINGS_ORDER = [name for _title, names in SECTIONS for name in names]
