"""Forms of the project pages. Choices (clients, leads, phases) come from the current organisation
only, so another organisation's rows can never be picked."""

from django import forms
from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import Member
from timeledger.clients.models import Client
from timeledger.core.forms import ServiceModelForm
from timeledger.projects.models import Milestone, Phase, Project, Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The labels of the projects' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices) and translated when a form is made or a page shows
# them ({% translate p.get_status_display %}).
CHOICE_LABELS = (
    gettext_noop("Hourly (time & materials)"),
    gettext_noop("Fixed fee"),
    gettext_noop("Milestones"),
    gettext_noop("Retainer"),
    gettext_noop("Hybrid (milestones + hours)"),
    gettext_noop("Non-billable / internal"),
    gettext_noop("Planned"),
    gettext_noop("Active"),
    gettext_noop("On hold"),
    gettext_noop("Closed"),
    pgettext_lazy("task status", "Open"),
    gettext_noop("In progress"),
    gettext_noop("Done"),
    gettext_noop("Pending"),
    gettext_noop("Complete"),
)


def choice_label(label: str) -> str:
    """A model choice's label in the page's language ("Open", a task's status, is an adjective
    here, not the verb of the buttons)."""
    return pgettext("task status", label) if label == "Open" else gettext(label)


def translate_choices(form: forms.BaseForm, *names: str) -> None:
    """The choices of the named fields in the page's language (the empty choice as it is)."""
    for name in names:
        field = form.fields[name]
        field.choices = [(v, choice_label(label) if v else label) for v, label in field.choices]


class ProjectForm(ServiceModelForm):
    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "client",
            "project_type",
            "billing_model",
            "status",
            "lead",
            "start_date",
            "end_date",
            "budget_hours",
            "budget_amount",
            "estimate_hours",
            "estimate_amount",
            "fixed_fee",
            "rounding_increment",
            "rounding_mode",
            "is_open_to_all",
            "description",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "code": _("Code"),
            "name": _("Name"),
            "client": _("Client"),
            "project_type": _("Project type"),
            "billing_model": _("Billing model"),
            "status": _("Status"),
            "lead": _("Lead"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "budget_hours": _("Budget hours"),
            "budget_amount": _("Budget amount"),
            "estimate_hours": _("Estimate hours"),
            "estimate_amount": _("Estimate / SOW amount"),
            "fixed_fee": _("Fixed fee"),
            "rounding_increment": _("Rounding increment"),
            "rounding_mode": _("Rounding mode"),
            "is_open_to_all": _("Open to everyone"),
            "description": _("Description"),
        }
        help_texts = {
            "project_type": _(
                'What kind of work, e.g. "web shop", "migration", "support": estimate vs actual'
                " is compared per type."
            ),
            "rounding_increment": _("Empty: the organisation's."),
            "rounding_mode": _("Empty: the organisation's."),
            "is_open_to_all": _("Every member may log time on it, not only its team."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        clients = Client.objects.filter(organisation=organisation)
        if not (self.instance and self.instance.pk):
            clients = clients.filter(is_archived=False)
        self.fields["client"].queryset = clients
        self.fields["lead"].queryset = Member.objects.filter(
            organisation=organisation, is_active=True
        ).select_related("user")
        translate_choices(self, "billing_model", "status", "rounding_mode")
        self.fields["rounding_increment"].choices = [
            (v, gettext("%(minutes)s min") % {"minutes": v} if v else label)
            for v, label in self.fields["rounding_increment"].choices
        ]


class PhaseForm(ServiceModelForm):
    class Meta:
        model = Phase
        fields = ["name", "position", "estimate_hours"]
        labels = {
            "name": _("Name"),
            "position": _("Position"),
            "estimate_hours": _("Estimate hours"),
        }


class TaskForm(ServiceModelForm):
    class Meta:
        model = Task
        fields = ["name", "phase", "is_billable", "status", "percent_complete", "estimate_hours"]
        labels = {
            "name": _("Name"),
            "phase": _("Phase"),
            "is_billable": _("Billable (entries default to this)"),
            "status": _("Status"),
            "percent_complete": _("Percent complete"),
            "estimate_hours": _("Estimate hours"),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=project.organisation, project=project
        )
        translate_choices(self, "status")


class MilestoneForm(ServiceModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "phase", "value", "due_date", "status", "percent_complete"]
        widgets = {"due_date": DATE}
        labels = {
            "name": _("Name"),
            "phase": _("Phase"),
            "value": _("Value"),
            "due_date": _("Due date"),
            "status": _("Status"),
            "percent_complete": _("Percent complete"),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=project.organisation, project=project
        )
        translate_choices(self, "status")
