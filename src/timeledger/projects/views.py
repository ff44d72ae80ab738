"""Project pages: list, detail (phases, tasks, milestones, logged time), create/edit/archive.

Everyone who may see projects sees them; only roles with MANAGE_PROJECTS get forms (others get 403
from the form URLs and no buttons on the pages).
"""

from __future__ import annotations

import copy
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped, scoped
from timeledger.core.forms import handle_form
from timeledger.core.hours import hours_2dp
from timeledger.projects import services, teams
from timeledger.projects.forms import MilestoneForm, PhaseForm, ProjectForm, TaskForm
from timeledger.projects.models import Milestone, Phase, Project, Task


def _fields(form) -> list[str]:
    return list(form._meta.fields)


@login_required
def project_list(request):
    require(request, Cap.VIEW_PROJECTS)
    show_archived = request.GET.get("archived") == "1"
    projects = (
        teams.visible_projects(request.member)
        .filter(is_archived=show_archived)
        .select_related("client", "lead__user")
        .annotate(logged=Sum("entries__seconds"))
        .order_by("client__name", "code")
    )
    client_id = request.GET.get("client", "")
    if client_id.isdigit():
        projects = projects.filter(client_id=int(client_id))
    return render(
        request,
        "projects/list.html",
        {
            "projects": projects,
            "show_archived": show_archived,
            "can_manage": request.member.can(Cap.MANAGE_PROJECTS),
        },
    )


def _hours(seconds: int | None) -> Decimal:
    return hours_2dp(seconds or 0)


@login_required
def project_detail(request, pk: int):
    require(request, Cap.VIEW_PROJECTS)
    project = get_object_or_404(teams.visible_projects(request.member), pk=pk)
    entries = project.entries.filter(organisation=request.organisation)
    totals = entries.aggregate(
        logged=Sum("seconds"), billable=Sum("billable_seconds", filter=Q(is_billable=True))
    )
    per_task = dict(
        entries.values_list("task_id").annotate(s=Sum("seconds")).values_list("task_id", "s")
    )
    tasks = list(project.tasks.select_related("phase").order_by("phase__position", "name"))
    for task in tasks:
        task.logged = per_task.get(task.pk, 0)
    phases = list(project.phases.all())
    for phase in phases:
        phase.task_list = [t for t in tasks if t.phase_id == phase.pk]
        phase.logged = sum(t.logged for t in phase.task_list)
    budget_used = None
    if project.budget_hours:
        budget_used = (_hours(totals["logged"]) * 100 / project.budget_hours).quantize(Decimal("1"))
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "phases": phases,
            "loose_tasks": [t for t in tasks if t.phase_id is None],
            "milestones": project.milestones.select_related("phase"),
            "logged_seconds": totals["logged"] or 0,
            "billable_seconds": totals["billable"] or 0,
            "unassigned_logged": per_task.get(None, 0),
            "budget_used": budget_used,
            "currency": project.client.currency,
            "can_manage": request.member.can(Cap.MANAGE_PROJECTS),
            "team": teams.team(project),
            "candidates": _team_candidates(request, project),
        },
    )


def _team_candidates(request, project: Project) -> list[Member]:
    """Active members who log time and are not on the team yet (for the "add" select)."""
    on_team = {m.pk for m in teams.team(project)}
    return [
        m
        for m in scoped(Member, request).filter(is_active=True).select_related("user")
        if m.pk not in on_team and m.can(Cap.LOG_TIME)
    ]


@login_required
@require_POST
def project_team(request, pk: int):
    """Add or remove a team member, or open the project to everyone / to its team only."""
    require(request, Cap.MANAGE_PROJECTS)
    project = get_scoped(Project, request, pk=pk)
    try:
        if request.POST.get("open") in ("0", "1"):
            current = [m for m in teams.team(project) if m.pk != project.lead_id]
            teams.set_team(
                project, current, by=request.member, is_open_to_all=request.POST["open"] == "1"
            )
        elif request.POST.get("add"):
            member = get_object_or_404(scoped(Member, request), pk=request.POST["add"])
            teams.assign(project, member, by=request.member)
        elif request.POST.get("remove"):
            member = get_object_or_404(scoped(Member, request), pk=request.POST["remove"])
            teams.unassign(project, member, by=request.member)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("project_detail", pk=project.pk)


def _project_form(request, project: Project | None):
    require(request, Cap.MANAGE_PROJECTS)
    initial = {}
    if project is None and request.GET.get("client", "").isdigit():
        initial["client"] = int(request.GET["client"])
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(project) if project else None,
        initial=initial,
        organisation=request.organisation,
    )
    fields = _fields(form)
    return handle_form(
        request,
        form,
        lambda data: services.save_project(
            project, {f: data[f] for f in fields}, by=request.member
        ),
        template="form_page.html",
        context={
            "title": _("Edit %(code)s") % {"code": project.code} if project else _("New project"),
            "breadcrumbs": [(reverse("project_list"), _("Projects"))],
            "cancel_url": reverse("project_detail", args=[project.pk])
            if project
            else reverse("project_list"),
        },
        success_url=lambda saved: reverse("project_detail", args=[saved.pk]),
    )


@login_required
def project_new(request):
    return _project_form(request, None)


@login_required
def project_edit(request, pk: int):
    return _project_form(request, get_scoped(Project, request, pk=pk))


@login_required
@require_POST
def project_archive(request, pk: int):
    require(request, Cap.MANAGE_PROJECTS)
    project = get_scoped(Project, request, pk=pk)
    services.archive_project(project, by=request.member)
    return redirect("project_detail", pk=project.pk)


def _child_form(request, project: Project, obj, form_class, save, noun: str):
    """Create/edit a phase, task or milestone of ``project``."""
    require(request, Cap.MANAGE_PROJECTS)
    kwargs = {} if form_class is PhaseForm else {"project": project}
    form = form_class(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(obj) if obj else None,
        **kwargs,
    )
    fields = _fields(form)
    detail = reverse("project_detail", args=[project.pk])

    def do_save(data):
        values = {f: data[f] for f in fields}
        if obj is None:
            values["project"] = project
        return save(obj, values, by=request.member)

    return handle_form(
        request,
        form,
        do_save,
        template="form_page.html",
        context={
            "title": _child_title(noun, obj, project),
            "breadcrumbs": [(reverse("project_list"), _("Projects")), (detail, project.code)],
            "cancel_url": detail,
        },
        success_url=lambda saved: detail,
        aliases={"project": None},
    )


def _child_title(noun: str, obj, project: Project) -> str:
    """The page title of a phase, task or milestone form, a whole sentence per kind."""
    if obj is not None:
        edit = {
            "phase": _("Edit phase %(name)s"),
            "task": _("Edit task %(name)s"),
            "milestone": _("Edit milestone %(name)s"),
        }
        return edit[noun] % {"name": obj}
    new = {
        "phase": _("New phase in %(code)s"),
        "task": _("New task in %(code)s"),
        "milestone": _("New milestone in %(code)s"),
    }
    return new[noun] % {"code": project.code}


@login_required
def phase_new(request, project_pk: int):
    project = get_scoped(Project, request, pk=project_pk)
    return _child_form(request, project, None, PhaseForm, services.save_phase, "phase")


@login_required
def phase_edit(request, pk: int):
    phase = get_scoped(Phase, request, pk=pk)
    return _child_form(request, phase.project, phase, PhaseForm, services.save_phase, "phase")


@login_required
def task_new(request, project_pk: int):
    project = get_scoped(Project, request, pk=project_pk)
    return _child_form(request, project, None, TaskForm, services.save_task, "task")


@login_required
def task_edit(request, pk: int):
    task = get_scoped(Task, request, pk=pk)
    return _child_form(request, task.project, task, TaskForm, services.save_task, "task")


@login_required
@require_POST
def task_archive(request, pk: int):
    require(request, Cap.MANAGE_PROJECTS)
    task = get_scoped(Task, request, pk=pk)
    services.save_task(task, {"is_archived": not task.is_archived}, by=request.member)
    return redirect("project_detail", pk=task.project_id)


@login_required
def milestone_new(request, project_pk: int):
    project = get_scoped(Project, request, pk=project_pk)
    return _child_form(request, project, None, MilestoneForm, services.save_milestone, "milestone")


@login_required
def milestone_edit(request, pk: int):
    milestone = get_scoped(Milestone, request, pk=pk)
    return _child_form(
        request, milestone.project, milestone, MilestoneForm, services.save_milestone, "milestone"
    )
