from django import forms

from timeledger.core.events import EVENT_TYPES


class EndpointForm(forms.Form):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    description = forms.CharField(max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label="Events",
        choices=list(EVENT_TYPES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every event.",
    )
