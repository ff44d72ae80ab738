from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.banking.models import StatementFormat


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Statement file"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Detect"))] + list(StatementFormat.choices),
        required=False,
    )
    mapping = forms.CharField(
        label=_("CSV columns"),
        required=False,
        help_text=_(
            "For CSV without usual headers: date=Buchungstag, amount=Betrag, "
            "remittance=Zweck (comma separated)."
        ),
    )

    def clean_mapping(self):
        text = self.cleaned_data["mapping"].strip()
        mapping = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, sep, column = part.partition("=")
            if not sep:
                raise forms.ValidationError(
                    _("%(part)s: write FIELD=COLUMN."), params={"part": repr(part)}
                )
            mapping[key.strip()] = column.strip()
        return mapping or None
