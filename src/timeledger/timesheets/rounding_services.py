"""Writes of the rounding rule: the organisation's and a project's, and re-rounding the unlocked,
uninvoiced entries set-based when a rule changes (the rule itself is ``timesheets.rounding``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member, Organisation
from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.projects.models import Project
from timeledger.timesheets.models import TimeEntry
from timeledger.timesheets.rounding import INCREMENTS, MODES, rule_for


def _rounded_seconds_sql(increment: int, mode: str):
    """``rounding.round_seconds`` in integer SQL (both operands integers: division floors)."""
    step = increment * 60
    s = F("seconds")
    if mode == "none":
        return s
    if mode == "down":
        return s / Value(step) * Value(step)
    if mode == "up":
        return (s + Value(step - 1)) / Value(step) * Value(step)
    return (s * Value(2) + Value(step)) / Value(2 * step) * Value(step)  # nearest: half up


def reapply_rounding(organisation, *, project_ids=None) -> int:
    """Recompute ``billable_seconds`` of unlocked, uninvoiced entries from their current rule.

    Set-based: one UPDATE per distinct (increment, mode) in use, not one per entry. Locked or
    invoiced entries keep the billable time they were priced with.
    """
    projects = Project.objects.filter(organisation=organisation)
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
    groups: dict[tuple[int, str], list[int]] = {}
    for p in projects.only("id", "rounding_increment", "rounding_mode"):
        groups.setdefault(rule_for(p, organisation), []).append(p.pk)
    changed = 0
    for (increment, mode), ids in groups.items():
        changed += (
            TimeEntry.objects.filter(
                organisation=organisation,
                project_id__in=ids,
                rate_locked_at__isnull=True,
                invoice_line__isnull=True,
            )
            .exclude(start__isnull=False, end__isnull=True)
            .update(billable_seconds=_rounded_seconds_sql(increment, mode))
        )
    return changed


def _clean_rounding(increment, mode, *, allow_empty: bool) -> tuple:
    errors = {}
    if increment in ("", None):
        increment = None
        if not allow_empty:
            errors["rounding_increment"] = _("Choose an increment.")
    else:
        try:
            increment = int(increment)
        except (TypeError, ValueError):
            increment = -1
        if increment not in INCREMENTS:
            errors["rounding_increment"] = _(
                "The increment must be one of %(choices)s minutes."
            ) % {"choices": ", ".join(map(str, INCREMENTS))}
    if mode in ("", None):
        mode = ""
        if not allow_empty:
            errors["rounding_mode"] = _("Choose a mode.")
    elif mode not in MODES:
        errors["rounding_mode"] = _("The mode must be one of: %(choices)s.") % {
            "choices": ", ".join(MODES)
        }
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    return increment, mode


def set_organisation_rounding(increment, mode, *, by: Member) -> int:
    """Change the organisation's rounding rule; re-rounds unlocked entries. Returns how many."""
    if not by.can(Cap.MANAGE_SETTINGS) and not by.can(Cap.MANAGE_RATES):
        raise PermissionDenied(_("Your role cannot change rounding."))
    increment, mode = _clean_rounding(increment, mode, allow_empty=False)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=by.organisation_id)
        before = snapshot(org, ["rounding_increment", "rounding_mode"])
        org.rounding_increment, org.rounding_mode = increment, mode
        org.save(update_fields=["rounding_increment", "rounding_mode"])
        record(
            organisation=org,
            actor=by.user,
            action="rounding",
            obj=org,
            before=before,
            after=snapshot(org, ["rounding_increment", "rounding_mode"]),
        )
        return reapply_rounding(org)


def set_project_rounding(project: Project, increment, mode, *, by: Member) -> int:
    """Override (or, with empty values, inherit) the rounding rule of one project."""
    if not by.can(Cap.MANAGE_PROJECTS) and not by.can(Cap.MANAGE_RATES):
        raise PermissionDenied(_("Your role cannot change rounding."))
    if project.organisation_id != by.organisation_id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    increment, mode = _clean_rounding(increment, mode, allow_empty=True)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        before = snapshot(project, ["rounding_increment", "rounding_mode"])
        project.rounding_increment, project.rounding_mode = increment, mode
        project.save(update_fields=["rounding_increment", "rounding_mode", "updated_at"])
        record(
            organisation=project.organisation,
            actor=by.user,
            action="rounding",
            obj=project,
            before=before,
            after=snapshot(project, ["rounding_increment", "rounding_mode"]),
        )
        return reapply_rounding(project.organisation, project_ids=[project.pk])


def on_project_rounding_changed(sender, *, project, **kwargs) -> None:
    """``projects.signals.rounding_changed``: the project's unlocked entries follow its new rule."""
    reapply_rounding(project.organisation, project_ids=[project.pk])
