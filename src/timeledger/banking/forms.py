from django import forms

from timeledger.banking.models import StatementFormat


class StatementForm(forms.Form):
    file = forms.FileField(label="Statement file")
    format = forms.ChoiceField(
        choices=[("", "Detect")] + list(StatementFormat.choices), required=False
    )
    mapping = forms.CharField(
        label="CSV columns",
        required=False,
        help_text="For CSV without usual headers: date=Buchungstag, amount=Betrag, "
        "remittance=Zweck (comma separated).",
    )

    def clean_mapping(self):
        text = self.cleaned_data["mapping"].strip()
        mapping = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, sep, column = part.partition("=")
            if not sep:
                raise forms.ValidationError(f"{part!r}: write FIELD=COLUMN.")
            mapping[key.strip()] = column.strip()
        return mapping or None
