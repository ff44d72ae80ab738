"""Forms of the estimate screens. Phases and lines are typed as text, one line each:

Discovery | Workshops | 12 | 150.00           hours × rate (a task once accepted)
Discovery | Travel | expenses | 400.00        an expenses allowance
Build | Licence | fixed | 1200.00             a fixed item
? Build | Extra reports | 8 | 150.00          optional (the client may choose it)
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from timeledger.clients.models import Client
from timeledger.core.forms import DateInput
from timeledger.estimates.models import EstimateTerms, LineKind
from timeledger.estimates.services import LineInput, PhaseInput
from timeledger.projects.models import Project

# The labels of the estimates' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices) and translated when the form is made or a page
# shows them ({% translate estimate.get_status_display %}).
CHOICE_LABELS = (
    gettext_noop("Draft"),
    gettext_noop("Sent"),
    gettext_noop("Accepted"),
    gettext_noop("Declined"),
    gettext_noop("Expired"),
    gettext_noop("Superseded by a newer version"),
    gettext_noop("Time & materials, capped at the estimate"),
    gettext_noop("Fixed fee in instalments"),
    gettext_noop("A milestone per phase"),
)

LINES_HELP = _(
    "One line each: phase | description | hours | rate (hours × rate), "
    "phase | description | fixed | amount (a fixed item), "
    "phase | description | expenses | amount (an expenses allowance); "
    "start a line with ? to make it optional (the client may choose it). "
    "E.g. Discovery | Workshops | 12 | 150.00"
)


def parse_lines(text: str) -> list[PhaseInput]:
    phases: dict[str, PhaseInput] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        row = raw.strip()
        if not row:
            continue
        optional = row.startswith("?")
        parts = [p.strip() for p in row.lstrip("?").split("|")]
        if len(parts) != 4:
            raise ValidationError(
                gettext("Line %(n)s: phase | description | hours or fixed | rate or amount.")
                % {"n": n}
            )
        phase, description, what, value = parts
        if what.lower() in (LineKind.FIXED, LineKind.EXPENSES):
            line = LineInput(description, what.lower(), amount=value, is_optional=optional)
        else:
            line = LineInput(
                description, LineKind.TIME, hours=what, rate=value, is_optional=optional
            )
        phases.setdefault(phase, PhaseInput(phase)).lines.append(line)
    return list(phases.values())


class EstimateForm(forms.Form):
    client = forms.ModelChoiceField(label=_("Client"), queryset=Client.objects.none())
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("An existing project to update; empty: accepting creates the project below."),
    )
    project_code = forms.CharField(max_length=40, required=False, label=_("New project code"))
    project_type = forms.CharField(
        label=_("Project type"),
        max_length=60,
        required=False,
        help_text=_(
            "e.g. web shop: the measured factor of that type's completed projects is "
            "offered for the hours (empty: the project's type)."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())
    billing_terms = forms.ChoiceField(label=_("Billing terms"), choices=EstimateTerms.choices)
    instalments = forms.CharField(
        label=_("Instalments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Fixed fee, one per line: label | percent | days after acceptance."),
    )
    deposit_percent = forms.DecimalField(
        max_digits=5, decimal_places=2, required=False, label=_("Deposit %")
    )
    lines = forms.CharField(
        label=_("Lines"), widget=forms.Textarea(attrs={"rows": 8}), help_text=LINES_HELP
    )
    terms = forms.CharField(
        label=_("Terms"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.filter(
            organisation_id=member.organisation_id, is_archived=False
        )
        self.fields["project"].queryset = Project.objects.filter(
            organisation_id=member.organisation_id, is_archived=False
        )
        self.fields["billing_terms"].choices = [
            (value, gettext(label)) for value, label in self.fields["billing_terms"].choices
        ]

    def clean_lines(self):
        return parse_lines(self.cleaned_data["lines"])

    def clean_instalments(self):
        rows = []
        for n, raw in enumerate((self.cleaned_data.get("instalments") or "").splitlines(), 1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split("|")]
            if len(parts) not in (2, 3):
                raise ValidationError(gettext("Line %(n)s: label | percent | days.") % {"n": n})
            rows.append(
                {
                    "label": parts[0],
                    "percent": parts[1],
                    "due_days": parts[2] if len(parts) == 3 and parts[2].isdigit() else 0,
                }
            )
        return rows

    def header(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "valid_until": d["valid_until"],
            "billing_terms": d["billing_terms"],
            "instalments": d.get("instalments") or [],
            "deposit_percent": d.get("deposit_percent") or 0,
            "terms": d.get("terms") or "",
            "notes": d.get("notes") or "",
            "project_code": d.get("project_code") or "",
            "project_type": (d.get("project_type") or "").strip(),
        }

    def phases(self) -> list[PhaseInput]:
        return self.cleaned_data["lines"]


class DecisionForm(forms.Form):
    name = forms.CharField(max_length=200, required=False, label=_("Your name"))
    optional = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=_("Optional items to include")
    )
    comment = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment (to decline)")
    )

    def __init__(self, *args, estimate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["optional"].choices = [
            (str(ln.pk), f"{phase.name} — {ln.description}")
            for phase in estimate.phases.prefetch_related("lines")
            for ln in phase.lines.all()
            if ln.is_optional
        ]
        if not self.fields["optional"].choices:
            del self.fields["optional"]


class ApplyFactorForm(forms.Form):
    factor = forms.DecimalField(max_digits=6, decimal_places=2, min_value=0)
