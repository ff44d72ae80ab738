"""Forms of the policy page: the organisation's policy and a client's or project's override."""

from __future__ import annotations

from django import forms

from timeledger.autosend.models import Mode

ORG_MODES = [(m.value, m.label) for m in Mode if m.value]


class PolicyForm(forms.Form):
    mode = forms.ChoiceField(choices=ORG_MODES, label="Invoicing policy")
    send_at = forms.TimeField(
        label="Send at (organisation's time)", widget=forms.TimeInput(attrs={"type": "time"})
    )
    is_paused = forms.BooleanField(required=False, label="Stop all automatic sending")
    dry_run = forms.BooleanField(required=False, label="Dry run: list, never send")
    daily_count_limit = forms.IntegerField(min_value=0, label="Daily limit: invoices")
    daily_total_limit = forms.DecimalField(
        min_value=0, decimal_places=2, label="Daily limit: total"
    )
    amount_limit = forms.DecimalField(
        min_value=0, decimal_places=2, label="Amount limit per invoice"
    )
    band_percent = forms.DecimalField(
        min_value=0, max_value=999, decimal_places=2, label="Band around the client's average (%)"
    )
    trailing_invoices = forms.IntegerField(
        min_value=1, max_value=100, label="Invoices in the client's average"
    )
    allow_first_invoice = forms.BooleanField(
        required=False, label="Send a client's first invoice automatically"
    )


class OverrideForm(forms.Form):
    target = forms.ChoiceField(label="Client or project")
    mode = forms.ChoiceField(choices=Mode.choices, required=False, label="Policy")
    send_at = forms.TimeField(
        required=False, label="Send at", widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, clients=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            ("Clients", [(f"client:{c.pk}", f"{c.code} — {c.name}") for c in clients]),
            ("Projects", [(f"project:{p.pk}", f"{p.code} — {p.name}") for p in projects]),
        ]
