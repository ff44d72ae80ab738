"""Forms of sign-up and the organisation settings: they parse; the services decide."""

from __future__ import annotations

from django import forms

from timeledger.core.countries import COUNTRY_CHOICES
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.core.timeutil import TIMEZONE_CHOICES

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
