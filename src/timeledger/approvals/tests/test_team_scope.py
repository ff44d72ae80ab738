"""Managers approve their teams' time; admins and owners everyone's (issue 11)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from timeledger.accounts.roles import Role
from timeledger.approvals import services as approval
from timeledger.approvals.services import Scope
from timeledger.projects import teams
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

MONDAY = dt.date(2026, 11, 9)


@pytest.fixture
def closed(org):
    """A project with a team (not open to all) and one submitted entry of a member on it."""
    p = f.project(org, is_open_to_all=False)
    worker = f.member(org, Role.MEMBER)
    owner = f.member(org, Role.OWNER)
    teams.assign(p, worker, by=owner)
    e = f.entry(worker, p, day=MONDAY, status=EntryStatus.SUBMITTED)
    return p, worker, owner, e


def test_manager_off_the_team_cannot_approve_and_is_told_why(org, closed):
    p, worker, _, e = closed
    manager = f.member(org, Role.MANAGER)

    with pytest.raises(PermissionDenied) as exc:
        approval.approve(Scope(member=worker, week=MONDAY), by=manager)

    assert "team" in str(exc.value)
    assert TimeEntry.objects.get(pk=e.pk).status == EntryStatus.SUBMITTED
    assert approval.pending_weeks(manager) == []


def test_manager_on_the_team_approves(org, closed):
    p, worker, owner, e = closed
    manager = f.member(org, Role.MANAGER)
    teams.assign(p, manager, by=owner)

    assert [w["member"].pk for w in approval.pending_weeks(manager)] == [worker.pk]
    approval.approve(Scope(member=worker, week=MONDAY), by=manager)

    assert TimeEntry.objects.get(pk=e.pk).status == EntryStatus.APPROVED


def test_manager_leading_the_project_approves(org, closed):
    p, worker, _, e = closed
    manager = f.member(org, Role.MANAGER)
    p.lead = manager
    p.save()

    approval.approve(Scope(member=worker, week=MONDAY), by=manager)

    assert TimeEntry.objects.get(pk=e.pk).status == EntryStatus.APPROVED


def test_admin_approves_any_team(org, closed):
    _, worker, _, e = closed
    admin = f.member(org, Role.ADMIN)

    approval.approve(Scope(member=worker, week=MONDAY), by=admin)

    assert TimeEntry.objects.get(pk=e.pk).status == EntryStatus.APPROVED


def test_manager_sees_only_team_weeks_among_several(org, closed):
    p, worker, owner, _ = closed
    other = f.project(org, is_open_to_all=False)
    teams.assign(other, worker, by=owner)
    f.entry(worker, other, day=MONDAY + dt.timedelta(days=7), status=EntryStatus.SUBMITTED)
    manager = f.member(org, Role.MANAGER)
    teams.assign(other, manager, by=owner)

    weeks = approval.pending_weeks(manager)

    assert [w["week"] for w in weeks] == [MONDAY + dt.timedelta(days=7)]
