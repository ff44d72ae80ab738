"""Forms of the policy page: the organisation's policy and a client's or project's override."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from timeledger.autosend.models import Mode

# The modes as the forms and the pages name them (``{% translate policy.get_mode_display %}``);
# the model's choices stay English (no migration).
MODE_LABELS = {
    Mode.INHERIT: _("As the organisation (or client)"),
    Mode.OFF: _("Off: drafts wait for a person"),
    Mode.REVIEW: _("Review only: check and list, never send"),
    Mode.AUTO: _("Issue and send automatically"),
}
ORG_MODES = [(m.value, MODE_LABELS[m]) for m in Mode if m.value]
ALL_MODES = [(m.value, MODE_LABELS[m]) for m in Mode]


class PolicyForm(forms.Form):
    mode = forms.ChoiceField(choices=ORG_MODES, label=_("Invoicing policy"))
    send_at = forms.TimeField(
        label=_("Send at (organisation's time)"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    is_paused = forms.BooleanField(required=False, label=_("Stop all automatic sending"))
    dry_run = forms.BooleanField(required=False, label=_("Dry run: list, never send"))
    daily_count_limit = forms.IntegerField(min_value=0, label=_("Daily limit: invoices"))
    daily_total_limit = forms.DecimalField(
        min_value=0, decimal_places=2, label=_("Daily limit: total")
    )
    amount_limit = forms.DecimalField(
        min_value=0, decimal_places=2, label=_("Amount limit per invoice")
    )
    band_percent = forms.DecimalField(
        min_value=0,
        max_value=999,
        decimal_places=2,
        label=format_lazy("{} (%)", _("Band around the client's average")),
    )
    trailing_invoices = forms.IntegerField(
        min_value=1, max_value=100, label=_("Invoices in the client's average")
    )
    allow_first_invoice = forms.BooleanField(
        required=False, label=_("Send a client's first invoice automatically")
    )


class OverrideForm(forms.Form):
    target = forms.ChoiceField(label=_("Client or project"))
    mode = forms.ChoiceField(choices=ALL_MODES, required=False, label=_("Policy"))
    send_at = forms.TimeField(
        required=False, label=_("Send at"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, clients=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            (_("Clients"), [(f"client:{c.pk}", f"{c.code} — {c.name}") for c in clients]),
            (_("Projects"), [(f"project:{p.pk}", f"{p.code} — {p.name}") for p in projects]),
        ]
