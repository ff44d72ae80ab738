"""Project teams: who may log time on a project. The rule lives here, once.

A member may log time on a project when the project is open to everyone, or they lead it, or they
are assigned to it. Roles without ``log_time`` (accountants, client viewers) log on none. The time
services (used by the web UI, the API, the CLI and imports) refuse anything else with
``refusal``'s message; the pickers and ``/api/projects/?loggable=true`` list ``loggable_projects``.

Teams are changed by those who manage projects; every change is audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.core.audit import record
from timeledger.core.inline import in_sentence
from timeledger.projects.models import Assignment, Project

_UNSET = object()


def _team_filter(member: Member) -> Q:
    assigned = Assignment.objects.filter(project=OuterRef("pk"), member=member)
    return Q(is_open_to_all=True) | Q(lead=member) | Q(Exists(assigned))


def may_log_on(member: Member, project: Project) -> bool:
    if not member.can(Cap.LOG_TIME) or project.organisation_id != member.organisation_id:
        return False
    if project.is_open_to_all or project.lead_id == member.pk:
        return True
    return Assignment.objects.filter(project=project, member=member).exists()


def refusal(member: Member, project: Project, *, by: Member | None = None) -> str | None:
    """Why ``member`` may not log time on ``project`` (``None``: they may)."""
    if may_log_on(member, project):
        return None
    if not member.can(Cap.LOG_TIME):
        return _("The %(role)s role does not log time.") % {
            "role": in_sentence(_(member.get_role_display()))
        }
    facts = {
        "member": member,
        "code": project.code,
        "lead": f"{project.lead}" if project.lead_id else _("a manager"),
    }
    if by is None or by.pk == member.pk:
        return _("You are not on the team of project %(code)s; ask %(lead)s to add you.") % facts
    return _("%(member)s is not on the team of project %(code)s; ask %(lead)s to add them.") % facts


def loggable_projects(member: Member) -> QuerySet[Project]:
    """The organisation's projects ``member`` may log time on (any status: callers filter)."""
    if not member.can(Cap.LOG_TIME):
        return Project.objects.none()
    return Project.objects.filter(organisation_id=member.organisation_id).filter(
        _team_filter(member)
    )


def team_projects(member: Member) -> QuerySet[Project]:
    """The projects whose team ``member`` is on: led, assigned, or open to everyone."""
    return Project.objects.filter(organisation_id=member.organisation_id).filter(
        _team_filter(member)
    )


def sees_all_projects(member: Member) -> bool:
    """Managers, admins, owners and accountants see every project; members see their own."""
    return member.can(Cap.MANAGE_PROJECTS) or member.can(Cap.VIEW_ALL_TIME)


def visible_projects(member: Member) -> QuerySet[Project]:
    projects = Project.objects.filter(organisation_id=member.organisation_id)
    if sees_all_projects(member):
        return projects
    return projects.filter(pk__in=loggable_projects(member).values("pk"))


def team(project: Project) -> list[Member]:
    """The lead first, then the assigned members by name."""
    assigned = [
        a.member
        for a in Assignment.objects.filter(project=project)
        .select_related("member__user")
        .order_by("member__user__first_name", "member__user__last_name", "member__user__email")
    ]
    lead = project.lead if project.lead_id else None
    return ([lead] if lead else []) + [m for m in assigned if m.pk != project.lead_id]


def _require(by: Member, project: Project) -> None:
    if project.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    if not by.can(Cap.MANAGE_PROJECTS):
        raise PermissionDenied(_("Your role cannot change project teams."))


def _check_members(by: Member, members, *, known: set[int] = frozenset()) -> None:
    """New team members must be active people who log time (``known`` ones stay as they are)."""
    for m in members:
        if m.organisation_id != by.organisation_id:
            raise ValidationError({"members": [_("Not found.")]})
        if m.pk in known:
            continue
        if not m.is_active:
            raise ValidationError({"members": [_("%(member)s is deactivated.") % {"member": m}]})
        if not m.can(Cap.LOG_TIME):
            raise ValidationError(
                {
                    "members": [
                        _("%(member)s is %(role)s and does not log time.")
                        % {"member": m, "role": in_sentence(_(m.get_role_display()))}
                    ]
                }
            )


def set_team(
    project: Project,
    members,
    *,
    by: Member,
    lead=_UNSET,
    is_open_to_all: bool | None = None,
) -> list[Member]:
    """Make ``members`` (plus the lead) the project's team; optionally change lead and openness."""
    _require(by, project)
    members = list(dict.fromkeys(members))
    known = set(Assignment.objects.filter(project=project).values_list("member_id", flat=True))
    _check_members(by, members, known=known)
    if lead is not _UNSET and lead is not None and lead.pk != project.lead_id:
        _check_members(by, [lead])
    original = project
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        before = _state(project)
        if lead is not _UNSET:
            project.lead = lead
        if is_open_to_all is not None:
            project.is_open_to_all = is_open_to_all
        project.save(update_fields=["lead", "is_open_to_all", "updated_at"])
        wanted = {m.pk for m in members}
        if project.lead_id:
            wanted.add(project.lead_id)
        Assignment.objects.filter(project=project).exclude(member_id__in=wanted).delete()
        have = set(Assignment.objects.filter(project=project).values_list("member_id", flat=True))
        Assignment.objects.bulk_create(
            [
                Assignment(organisation_id=project.organisation_id, project=project, member_id=pk)
                for pk in sorted(wanted - have)
            ]
        )
        after = _state(project)
        original.lead_id, original.is_open_to_all = project.lead_id, project.is_open_to_all
        if after != before:
            record(
                organisation=project.organisation,
                actor=by.user,
                action="team",
                obj=project,
                before=before,
                after=after,
            )
    return team(project)


def assign(project: Project, member: Member, *, by: Member) -> list[Member]:
    current = [
        a.member for a in Assignment.objects.filter(project=project).select_related("member")
    ]
    return set_team(project, [*current, member], by=by)


def unassign(project: Project, member: Member, *, by: Member) -> list[Member]:
    """Take ``member`` off the team (their logged time stays). The lead is changed, not removed."""
    lead_id = Project.objects.filter(pk=project.pk).values_list("lead_id", flat=True).first()
    if member.pk == lead_id:
        raise ValidationError(
            {
                "members": [
                    _("%(member)s leads %(code)s; choose another lead first.")
                    % {"member": member, "code": project.code}
                ]
            }
        )
    current = [
        a.member
        for a in Assignment.objects.filter(project=project).select_related("member")
        if a.member_id != member.pk
    ]
    return set_team(project, current, by=by)


def _state(project: Project) -> dict:
    return {
        "lead_id": project.lead_id,
        "is_open_to_all": project.is_open_to_all,
        "member_ids": sorted(
            Assignment.objects.filter(project=project).values_list("member_id", flat=True)
        ),
    }
