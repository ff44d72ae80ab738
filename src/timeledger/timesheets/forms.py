"""Forms of the time screens. They parse what a person types; the services decide what is allowed.

Project and task are picked in one select ("work"): its values are ``<project id>`` or
``<project id>:<task id>``, grouped by client, so a phone needs one tap instead of two dependent
selects. Service errors about ``project`` or ``task`` are shown next to that select.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from timeledger.core import timeutil
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.projects import teams
from timeledger.projects.models import Project, Task
from timeledger.timesheets import selectors
from timeledger.timesheets.models import TimeEntry
from timeledger.timesheets.services import EntryInput

WORK_ALIASES = {"project": "work", "task": "work", "seconds": "duration"}

BILLABLE_CHOICES = [
    ("", _("Default (from task)")),
    ("yes", _("Billable")),
    ("no", _("Not billable")),
]


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
    choices: list = [("", _("Project / task…"))]
    if member is not None:
        # Recent projects first (the pickers' keyboard search sees them first too).
        known = {value: label for opts in groups.values() for value, label in opts}
        recent = []
        for entry in selectors.recent_work(member, limit=10):
            value = work_value(entry.project_id, entry.task_id)
            if value in known and (value, known[value]) not in recent:
                recent.append((value, known[value]))
        if recent:
            choices.append((_("Recent"), recent[:5]))
    if include is not None:
        current = work_value(include.project_id, include.task_id)
        known = {value for opts in groups.values() for value, _label in opts}
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
        # app.js turns the select into a searchable, keyboard-first picker.
        self.widget.attrs["data-picker"] = ""

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
        project_id, _sep, task_id = value.partition(":")
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
            raise forms.ValidationError(_("Choose a project from the list.")) from None
        return project, task


class TimerForm(forms.Form):
    work = WorkField(label=_("Project / task"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": _("What are you working on?")}),
    )

    def __init__(self, *args, organisation, member=None, **kwargs):
        kwargs.setdefault("auto_id", "timer_%s")
        super().__init__(*args, **kwargs)
        self.fields["work"].organisation = organisation
        self.fields["work"].choices = work_choices(organisation, member=member)
        self.fields["work"].error_messages["required"] = _("Choose a project.")


def _billable(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


FOLD_CHOICES = [("", "—"), ("0", "first (before clocks go back)"), ("1", "second (after)")]


class EntryForm(forms.Form):
    """A finished entry: start–end times on a date, or a duration (1:30, 1.5, 90m) on a date."""

    work = WorkField(label=_("Project / task"))
    # type=date inputs only accept ISO dates, whatever the language's date format is.
    date = BoundedDateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("Start"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("End"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    # Asked only for a time in the repeated hour of autumn (it happens twice): which one.
    start_fold = forms.TypedChoiceField(
        choices=FOLD_CHOICES, required=False, coerce=int, empty_value=None, label=_("Which start")
    )
    end_fold = forms.TypedChoiceField(
        choices=FOLD_CHOICES, required=False, coerce=int, empty_value=None, label=_("Which end")
    )
    duration = forms.CharField(
        label=_("Duration"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"placeholder": "1:30", "inputmode": "decimal"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    billable = forms.ChoiceField(label=_("Billable"), choices=BILLABLE_CHOICES, required=False)

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
        self.fields["work"].error_messages["required"] = _("Choose a project.")

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
            for field in ("start", "end"):
                local = getattr(entry, field).astimezone(tz)
                initial[field] = local.strftime("%H:%M")
                if timeutil.is_ambiguous(local.replace(tzinfo=None), tz_name):
                    initial[f"{field}_fold"] = str(local.fold)
        else:
            initial["duration"] = timeutil.format_hours(entry.seconds)
        return initial

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        data["start_at"] = data["end_at"] = data["seconds"] = None
        if start is not None or end is not None:
            if day is not None and start is not None and end is not None:
                self._interval(data, day, start, end)
            elif day is not None:
                self.add_error("end" if end is None else "start", _("Give both start and end."))
        elif data.get("duration"):
            try:
                data["seconds"] = timeutil.parse_duration(data["duration"])
            except ValueError as exc:
                self.add_error("duration", str(exc))
        elif "duration" not in self.errors:
            self.add_error("duration", _("Give a duration, or a start and end time."))
        return data

    def _interval(self, data: dict, day: dt.date, start: dt.time, end: dt.time) -> None:
        """Wall-clock start and end on ``day`` as instants (``timeutil.local_interval``: an end
        before the start is the next day; a time in the repeated hour needs its occurrence)."""
        try:
            data["start_at"], data["end_at"] = timeutil.local_interval(
                day,
                start,
                end,
                self.tz_name,
                start_fold=data.get("start_fold"),
                end_fold=data.get("end_fold"),
            )
        except timeutil.IntervalTimeError as exc:
            if isinstance(exc.cause, timeutil.AmbiguousTime):
                message = _(
                    "%(moment)s happens twice in %(zone)s (clocks move back): choose, "
                    "%(first)s (first) or %(second)s (second)."
                )
                self.add_error(f"{exc.field}_fold", message % exc.cause.names)
            else:
                # A sentence: a capital first letter (not str.capitalize, which would lower the
                # time zone's name and, in German, every noun) and a full stop.
                text = str(exc)
                self.add_error(exc.field, text[:1].upper() + text[1:] + ".")

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
