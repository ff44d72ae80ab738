"""Forms of the time screens. They parse what a person types; the services decide what is allowed.

Project and task are picked in one select ("work"): its values are ``<project id>`` or
``<project id>:<task id>``, grouped by client, so a phone needs one tap instead of two dependent
selects. Service errors about ``project`` or ``task`` are shown next to that select.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from timeledger.core import timeutil
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.projects import teams
from timeledger.projects.models import Project, Task
from timeledger.timesheets.models import TimeEntry
from timeledger.timesheets.services import EntryInput

WORK_ALIASES = {"project": "work", "task": "work", "seconds": "duration"}

BILLABLE_CHOICES = [("", "Default (from task)"), ("yes", "Billable"), ("no", "Not billable")]


def work_value(project_id: int, task_id: int | None) -> str:
    return f"{project_id}:{task_id}" if task_id else str(project_id)


def work_choices(organisation, *, member=None, include: TimeEntry | None = None) -> list:
    """Open projects (and their open tasks) of ``organisation`` that ``member`` may log time on
    (``projects.teams``), grouped by client."""
    projects = Project.objects.filter(organisation=organisation)
    if member is not None:
        projects = teams.loggable_projects(member)
    projects = list(
        projects.filter(is_archived=False)
        .filter(status__in=("active", "planned"))
        .select_related("client")
        .order_by("client__name", "code")
    )
    tasks: dict[int, list[Task]] = {}
    for task in Task.objects.filter(
        organisation=organisation, project__in=projects, is_archived=False
    ).order_by("name"):
        tasks.setdefault(task.project_id, []).append(task)
    groups: dict[str, list] = {}
    for project in projects:
        options = groups.setdefault(project.client.name, [])
        options.append((work_value(project.pk, None), f"{project.code} · {project.name}"))
        for task in tasks.get(project.pk, []):
            marker = "" if task.is_billable else " (non-billable)"
            options.append(
                (work_value(project.pk, task.pk), f"{project.code} · {task.name}{marker}")
            )
    choices: list = [("", "Project / task…")]
    if include is not None:
        current = work_value(include.project_id, include.task_id)
        known = {value for opts in groups.values() for value, _ in opts}
        if current not in known:
            label = f"{include.project.code} · {include.task.name if include.task else include.project.name}"
            choices.append((current, label))
    choices.extend((client, options) for client, options in groups.items())
    return choices


class WorkField(forms.ChoiceField):
    """A project, optionally with one of its tasks, of the current organisation."""

    default_error_messages = {"invalid_choice": "Choose an open project from the list."}

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        if super().valid_value(value):
            return True
        # An open project missing from the list is one whose team the member is not on: let
        # the service say so (``projects.teams``) instead of "choose from the list".
        project_id = str(value).partition(":")[0]
        return project_id.isdigit() and (
            Project.objects.filter(
                organisation=self.organisation,
                pk=int(project_id),
                is_archived=False,
                status__in=("active", "planned"),
            ).exists()
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        project_id, _, task_id = value.partition(":")
        try:
            project = Project.objects.select_related("client").get(
                organisation=self.organisation, pk=int(project_id)
            )
            task = (
                Task.objects.get(organisation=self.organisation, project=project, pk=int(task_id))
                if task_id
                else None
            )
        except (ValueError, Project.DoesNotExist, Task.DoesNotExist):
            raise forms.ValidationError("Choose a project from the list.") from None
        return project, task


class TimerForm(forms.Form):
    work = WorkField(label="Project / task")
    description = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "What are you working on?"}),
    )

    def __init__(self, *args, organisation, member=None, **kwargs):
        kwargs.setdefault("auto_id", "timer_%s")
        super().__init__(*args, **kwargs)
        self.fields["work"].organisation = organisation
        self.fields["work"].choices = work_choices(organisation, member=member)
        self.fields["work"].error_messages["required"] = "Choose a project."


def _billable(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class EntryForm(forms.Form):
    """A finished entry: start–end times on a date, or a duration (1:30, 1.5, 90m) on a date."""

    work = WorkField(label="Project / task")
    # type=date inputs only accept ISO dates, whatever the language's date format is.
    date = BoundedDateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    duration = forms.CharField(
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"placeholder": "1:30", "inputmode": "decimal"}),
    )
    description = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    billable = forms.ChoiceField(choices=BILLABLE_CHOICES, required=False)

    def __init__(
        self,
        *args,
        organisation,
        tz_name: str,
        entry: TimeEntry | None = None,
        member=None,
        **kw,
    ):
        if entry is not None and "initial" not in kw and not args:
            kw["initial"] = self.initial_for(entry, tz_name)
        super().__init__(*args, **kw)
        self.tz_name = tz_name
        self.fields["work"].organisation = organisation
        # The projects of the entry's member (a manager editing someone's entry sees theirs).
        owner = entry.member if entry is not None else member
        self.fields["work"].choices = work_choices(organisation, member=owner, include=entry)
        self.fields["work"].error_messages["required"] = "Choose a project."

    @staticmethod
    def initial_for(entry: TimeEntry, tz_name: str) -> dict:
        initial = {
            "work": work_value(entry.project_id, entry.task_id),
            "date": entry.date,
            "description": entry.description,
            "billable": "yes" if entry.is_billable else "no",
        }
        if entry.start is not None and entry.end is not None:
            tz = timeutil.zone(tz_name)
            initial["start"] = entry.start.astimezone(tz).strftime("%H:%M")
            initial["end"] = entry.end.astimezone(tz).strftime("%H:%M")
        else:
            initial["duration"] = timeutil.format_hours(entry.seconds)
        return initial

    def _aware(self, day: dt.date, time: dt.time, field: str) -> dt.datetime | None:
        try:
            return timeutil.make_aware(dt.datetime.combine(day, time), self.tz_name)
        except ValueError as exc:
            self.add_error(field, str(exc).capitalize() + ".")
            return None

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        data["start_at"] = data["end_at"] = data["seconds"] = None
        if start is not None or end is not None:
            if day is not None:
                data["start_at"] = self._aware(day, start, "start") if start else None
                data["end_at"] = self._aware(day, end, "end") if end else None
        elif data.get("duration"):
            try:
                data["seconds"] = timeutil.parse_duration(data["duration"])
            except ValueError as exc:
                self.add_error("duration", str(exc))
        elif "duration" not in self.errors:
            self.add_error("duration", "Give a duration, or a start and end time.")
        return data

    def to_input(self) -> EntryInput:
        data = self.cleaned_data
        project, task = data["work"]
        is_interval = data.get("start") is not None or data.get("end") is not None
        return EntryInput(
            project=project,
            task=task,
            description=data.get("description", ""),
            is_billable=_billable(data.get("billable", "")),
            start=data["start_at"] if is_interval else None,
            end=data["end_at"] if is_interval else None,
            date=None if is_interval else data["date"],
            seconds=None if is_interval else data["seconds"],
        )
