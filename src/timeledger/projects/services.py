"""Writes on projects, phases, tasks and milestones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record_many
from timeledger.core.crud import save_validated
from timeledger.projects import signals
from timeledger.projects.models import Milestone, Phase, Project, Task


def _require(by, capability=Cap.MANAGE_PROJECTS):
    if not by.can(capability):
        raise PermissionDenied(_("Your role cannot manage projects."))


def _same_org(by, **objects):
    for field, obj in objects.items():
        if obj is not None and obj.organisation_id != by.organisation_id:
            raise ValidationError({field: [_("Not found.")]})


def save_project(project: Project | None, data: dict, *, by) -> Project:
    _require(by)
    _same_org(
        by,
        client=data.get("client"),
        lead=data.get("lead"),
        default_tax_category=data.get("default_tax_category"),
    )
    code = data.get("code", project.code if project else None)
    clash = Project.objects.filter(organisation=by.organisation, code=code)
    if project is not None:
        clash = clash.exclude(pk=project.pk)
    if code and clash.exists():
        raise ValidationError(
            {"code": [_("A project with code %(code)s already exists.") % {"code": code}]}
        )
    start = data.get("start_date", project.start_date if project else None)
    end = data.get("end_date", project.end_date if project else None)
    if start and end and end < start:
        raise ValidationError({"end_date": [_("End date must be on or after the start date.")]})
    client = data.get("client", project.client if project else None)
    if project is None and client is not None and client.is_archived:
        raise ValidationError({"client": [_("This client is archived.")]})
    if project is not None and client is not None and client.pk != project.client_id:
        # Entries carry the client they were logged for; moving the project would split them.
        if project.entries.exists():
            raise ValidationError(
                {"client": [_("This project has time entries; its client cannot change.")]}
            )
    if (
        project is not None
        and project.is_archived
        and data.get("is_archived") is False
        and client is not None
        and client.is_archived
    ):
        raise ValidationError({"is_archived": [_("The client is archived; restore it first.")]})
    rounding_before = (project.rounding_increment, project.rounding_mode) if project else None
    with transaction.atomic():
        saved = save_validated(
            Project,
            project,
            data,
            by=by,
            unique_message={"code": f"A project with code {code} already exists."},
        )
        if rounding_before is not None and rounding_before != (
            saved.rounding_increment,
            saved.rounding_mode,
        ):
            # Unlocked entries follow the project's new rule, as they do from the rounding page;
            # entries live in an app above this one, which re-rounds them on this signal.
            signals.rounding_changed.send(Project, project=saved)
    return saved


def archive_project(project: Project, *, by) -> Project:
    return save_project(project, {"is_archived": True}, by=by)


def _check_project(by, project, data, existing=None):
    _same_org(by, project=project)
    if project is None:
        raise ValidationError({"project": [_("Choose a project.")]})
    if existing is None and project.is_archived:
        raise ValidationError(
            {"project": [_("Project %(code)s is archived.") % {"code": project.code}]}
        )
    if existing is not None and project.pk != existing.project_id:
        raise ValidationError({"project": [_("This cannot move to another project.")]})


def save_phase(phase: Phase | None, data: dict, *, by) -> Phase:
    _require(by)
    _check_project(by, data.get("project", phase.project if phase else None), data, phase)
    return save_validated(Phase, phase, data, by=by)


def save_task(task: Task | None, data: dict, *, by) -> Task:
    _require(by)
    project = data.get("project", task.project if task else None)
    _check_project(by, project, data, task)
    phase = data.get("phase", task.phase if task else None)
    if phase is not None and (
        phase.organisation_id != by.organisation_id or phase.project_id != project.id
    ):
        raise ValidationError(
            {
                "phase": [
                    _("This phase does not belong to project %(code)s.") % {"code": project.code}
                ]
            }
        )
    return save_validated(Task, task, data, by=by)


def save_milestone(milestone: Milestone | None, data: dict, *, by) -> Milestone:
    _require(by)
    project = data.get("project", milestone.project if milestone else None)
    _check_project(by, project, data, milestone)
    phase = data.get("phase", milestone.phase if milestone else None)
    if phase is not None and phase.project_id != project.id:
        raise ValidationError(
            {
                "phase": [
                    _("This phase does not belong to project %(code)s.") % {"code": project.code}
                ]
            }
        )
    return save_validated(Milestone, milestone, data, by=by)


def create_tasks(tasks: list[Task], *, by) -> list[Task]:
    """Create many new tasks at once (imports): the checks of ``save_task`` per task, one
    ``INSERT`` for all, and an audit row each, written together."""
    _require(by)
    for task in tasks:
        _check_project(by, task.project, {}, None)
        if task.phase is not None and task.phase.project_id != task.project.pk:
            raise ValidationError({"phase": [_("This phase does not belong to the project.")]})
        task.organisation_id = by.organisation_id
        task.project_id = task.project.pk
        task.full_clean(exclude=["organisation", "project"], validate_constraints=False)
    with transaction.atomic():
        created = Task.objects.bulk_create(tasks)
        record_many(
            organisation=by.organisation,
            actor=by.user,
            action="create",
            objects=created,
        )
    return created
