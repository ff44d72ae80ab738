"""What every report is asked for (``Filters``) and what the asker may see (``Scope``).

One form parses the query string of the page, the API and the CLI (``FilterForm``), so a bad
date or a project of another organisation is the same field-level message everywhere.

The role rules live in ``scope_for``, once:

- members (no ``view_all_time``) see their own time only, and no money;
- managers (``approve_time`` without ``approve_all_time``) see the time of their teams' projects
  (led, assigned, or open to everyone — ``projects.teams.team_projects``);
- owners, admins and accountants see everything;
- money (amounts, rates, revenue, cost, invoices) only for roles with ``view_rates`` or
  ``view_invoices``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import timeutil
from timeledger.core.forms import DateInput
from timeledger.projects import teams
from timeledger.projects.models import Assignment, Project

# Reports add and subtract days (ages, horizons, week ends): keep far from date's limits.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
GROUPS = ("client", "project", "task", "member", "day", "week", "month")


@dataclass(frozen=True)
class Scope:
    """What one member may see: all time, their teams' projects, or their own entries."""

    organisation: object
    member_id: int | None = None  # only this member's entries
    project_ids: frozenset[int] | None = None  # only these projects (a manager's teams)
    money: bool = True

    def entries_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}organisation": self.organisation})
        if self.member_id is not None:
            q &= Q(**{f"{prefix}member_id": self.member_id})
        if self.project_ids is not None:
            q &= Q(**{f"{prefix}project_id__any": self.project_ids})
        return q

    def projects_q(self, prefix: str = "") -> Q:
        """Projects the asker may see figures of (a member: the ones they log on)."""
        q = Q(**{f"{prefix}organisation": self.organisation})
        if self.project_ids is not None:
            q &= Q(**{f"{prefix}pk__any": self.project_ids})
        return q

    @property
    def sees_all(self) -> bool:
        return self.member_id is None and self.project_ids is None


def scope_for(member: Member) -> Scope:
    money = member.can(Cap.VIEW_RATES) or member.can(Cap.VIEW_INVOICES)
    org = member.organisation
    if not member.can(Cap.VIEW_ALL_TIME):
        return Scope(org, member_id=member.pk, money=False)
    if member.can(Cap.APPROVE_TIME) and not member.can(Cap.APPROVE_ALL_TIME):
        ids = frozenset(teams.team_projects(member).values_list("pk", flat=True))
        return Scope(org, project_ids=ids, money=money)
    return Scope(org, money=money)


@dataclass(frozen=True)
class Filters:
    """A report's question. ``date_to`` is inclusive."""

    date_from: dt.date
    date_to: dt.date
    client_id: int | None = None
    project_id: int | None = None
    member_id: int | None = None
    team_id: int | None = None  # a project: its team's members (lead and assigned)
    is_billable: bool | None = None
    group: str = "project"
    project_type: str = ""
    extra: dict = field(default_factory=dict)

    def entries_q(self, prefix: str = "", *, dates: bool = True) -> Q:
        q = Q()
        if dates:
            q &= Q(**{f"{prefix}date__gte": self.date_from, f"{prefix}date__lte": self.date_to})
        if self.client_id:
            q &= Q(**{f"{prefix}client_id": self.client_id})
        if self.project_id:
            q &= Q(**{f"{prefix}project_id": self.project_id})
        if self.member_id:
            q &= Q(**{f"{prefix}member_id": self.member_id})
        if self.team_id:
            q &= Q(**{f"{prefix}member_id__in": team_member_ids(self.team_id)})
        if self.is_billable is not None:
            q &= Q(**{f"{prefix}is_billable": self.is_billable})
        if self.project_type:
            q &= Q(**{f"{prefix}project__project_type": self.project_type})
        return q

    def expenses_q(self) -> Q:
        """The same question of expenses (their client is their project's; dates not included:
        the expense selector takes the period)."""
        q = Q()
        if self.client_id:
            q &= Q(project__client_id=self.client_id)
        if self.project_id:
            q &= Q(project_id=self.project_id)
        if self.member_id:
            q &= Q(member_id=self.member_id)
        if self.team_id:
            q &= Q(member_id__in=team_member_ids(self.team_id))
        if self.is_billable is not None:
            q &= Q(is_billable=self.is_billable)
        if self.project_type:
            q &= Q(project__project_type=self.project_type)
        return q

    def projects_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.client_id:
            q &= Q(**{f"{prefix}client_id": self.client_id})
        if self.project_id:
            q &= Q(**{f"{prefix}pk": self.project_id})
        if self.project_type:
            q &= Q(**{f"{prefix}project_type": self.project_type})
        return q

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for drill-down links and export links)."""
        out = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        for key, value in (
            ("client", self.client_id),
            ("project", self.project_id),
            ("member", self.member_id),
            ("team", self.team_id),
        ):
            if value:
                out[key] = str(value)
        if self.is_billable is not None:
            out["billable"] = "true" if self.is_billable else "false"
        if self.project_type:
            out["project_type"] = self.project_type
        return out

    def narrowed(self, **kw) -> Filters:
        return replace(self, **kw)


def team_member_ids(project_id: int) -> list[int]:
    lead = Project.objects.filter(pk=project_id).values_list("lead_id", flat=True)
    assigned = Assignment.objects.filter(project_id=project_id).values_list("member_id", flat=True)
    return [m for m in {*lead, *assigned} if m]


def this_month(today: dt.date) -> tuple[dt.date, dt.date]:
    start = today.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end


BILLABLE_CHOICES = [
    ("", _("Billable and non-billable")),
    ("true", _("Billable")),
    ("false", _("Not billable")),
]


class FilterForm(forms.Form):
    """Date range, client, project, member, team, billable, grouping — limited to the org."""

    date_from = forms.DateField(required=False, label=_("From"), widget=DateInput())
    date_to = forms.DateField(required=False, label=_("To"), widget=DateInput())
    client = forms.ModelChoiceField(
        queryset=Client.objects.none(), required=False, label=_("Client")
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), required=False, label=_("Project")
    )
    member = forms.ModelChoiceField(
        queryset=Member.objects.none(), required=False, label=_("Member")
    )
    team = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label=_("Team"),
        help_text=_("The team of a project."),
    )
    billable = forms.ChoiceField(choices=BILLABLE_CHOICES, required=False, label=_("Billable"))
    group = forms.ChoiceField(choices=[(g, g.title()) for g in GROUPS], required=False)
    project_type = forms.CharField(required=False, max_length=60, label=_("Project type"))

    def __init__(self, *args, member: Member, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        organisation = member.organisation
        scope = scope_for(member)
        # Choices are what the asker may see: a member their projects and themselves, a manager
        # their teams' projects.
        projects = teams.visible_projects(member)
        if scope.project_ids is not None:
            projects = projects.filter(pk__in=scope.project_ids)
        members = Member.objects.filter(organisation=organisation).select_related("user")
        if scope.member_id is not None:
            members = members.filter(pk=scope.member_id)
        self.fields["client"].queryset = Client.objects.filter(organisation=organisation)
        self.fields["project"].queryset = projects
        self.fields["team"].queryset = projects
        self.fields["member"].queryset = members

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"Give a date from {EARLIEST} to {LATEST}.")
                data[name] = None
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date is before the start date.")
        if start and end and (end - start).days > 3660:
            self.add_error("date_to", "Ask for at most ten years at once.")
        return data

    def filters(self, *, default_group: str = "project") -> Filters:
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        # Defaults: this month; with one end given, the month of that end.
        start = start or this_month(end or self.today)[0]
        end = end or this_month(start if data.get("date_from") else self.today)[1]
        billable = data.get("billable")
        return Filters(
            date_from=start,
            date_to=end,
            client_id=data["client"].pk if data.get("client") else None,
            project_id=data["project"].pk if data.get("project") else None,
            member_id=data["member"].pk if data.get("member") else None,
            team_id=data["team"].pk if data.get("team") else None,
            is_billable={"true": True, "false": False}.get(billable or ""),
            group=data.get("group") or default_group,
            project_type=(data.get("project_type") or "").strip(),
        )


def today_of(organisation) -> dt.date:
    return timeutil.local_date(timeutil.now(), organisation.time_zone)
