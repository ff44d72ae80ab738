"""Forms of the project pages. Choices (clients, leads, phases) come from the current organisation
only, so another organisation's rows can never be picked."""

from django import forms

from timeledger.accounts.models import Member
from timeledger.clients.models import Client
from timeledger.core.forms import ServiceModelForm
from timeledger.projects.models import Milestone, Phase, Project, Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        clients = Client.objects.filter(organisation=organisation)
        if not (self.instance and self.instance.pk):
            clients = clients.filter(is_archived=False)
        self.fields["client"].queryset = clients
        self.fields["lead"].queryset = Member.objects.filter(
            organisation=organisation, is_active=True
        ).select_related("user")


class PhaseForm(ServiceModelForm):
    class Meta:
        model = Phase
        fields = ["name", "position", "estimate_hours"]


class TaskForm(ServiceModelForm):
    class Meta:
        model = Task
        fields = ["name", "phase", "is_billable", "status", "percent_complete", "estimate_hours"]
        labels = {"is_billable": "Billable (entries default to this)"}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=project.organisation, project=project
        )


class MilestoneForm(ServiceModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "phase", "value", "due_date", "status", "percent_complete"]
        widgets = {"due_date": DATE}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(
            organisation=project.organisation, project=project
        )
