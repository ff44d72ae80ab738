"""Project teams: the rule (open to all, lead, assigned), its services, audit and tenancy."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.accounts.roles import Role
from timeledger.core.models import AuditLog
from timeledger.projects import teams
from timeledger.projects.models import Assignment
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(org, client_):
    """A project only its team may log on."""
    return f.project(org, client_, code="TEAM", is_open_to_all=False)


def test_assigned_members_and_the_lead_may_log_others_may_not(org, manager, alice, closed):
    bob = f.member(org, Role.MEMBER, email="bob@example.com")
    lead = f.member(org, Role.MEMBER, email="lead@example.com")
    closed.lead = lead
    closed.save()
    teams.assign(closed, alice, by=manager)
    assert teams.may_log_on(alice, closed) and teams.may_log_on(lead, closed)
    assert not teams.may_log_on(bob, closed)
    assert teams.refusal(bob, closed) == (
        f"You are not on the team of project TEAM; ask {lead} to add you."
    )
    assert set(teams.loggable_projects(bob)) == set()
    assert set(teams.loggable_projects(alice)) == {closed}


def test_open_projects_take_everyones_time(org, alice, project):
    assert project.is_open_to_all
    assert teams.may_log_on(alice, project)


def test_roles_that_do_not_log_time_never_may(org, accountant, client_, project):
    viewer = f.member(org, Role.CLIENT_VIEWER, client=client_)
    assert not teams.may_log_on(viewer, project) and not teams.may_log_on(accountant, project)
    assert list(teams.loggable_projects(viewer)) == []
    assert "does not log time" in teams.refusal(viewer, project)


def test_set_team_replaces_members_keeps_the_lead_and_is_audited(org, manager, alice, closed):
    bob = f.member(org, Role.MEMBER)
    teams.set_team(closed, [alice, bob], by=manager, lead=manager)
    members = teams.team(closed)
    assert members[0] == manager  # the lead first
    assert set(members) == {manager, alice, bob}
    teams.set_team(closed, [bob], by=manager)
    assert {m.pk for m in teams.team(closed)} == {manager.pk, bob.pk}
    row = AuditLog.objects.filter(action="team").last()
    assert row.before["member_ids"] != row.after["member_ids"]


def test_the_lead_is_changed_not_removed(manager, alice, closed):
    teams.set_team(closed, [], by=manager, lead=alice)
    with pytest.raises(ValidationError, match="choose another lead"):
        teams.unassign(closed, alice, by=manager)


def test_new_team_members_log_time_and_are_active(org, manager, accountant, alice, closed):
    with pytest.raises(ValidationError, match="does not log time"):
        teams.assign(closed, accountant, by=manager)
    alice.is_active = False
    alice.save()
    with pytest.raises(ValidationError, match="deactivated"):
        teams.assign(closed, alice, by=manager)


def test_only_project_managers_change_teams(alice, closed):
    with pytest.raises(PermissionDenied):
        teams.assign(closed, alice, by=alice)


def test_no_team_crosses_organisations(manager, closed, outsider, outsider_org):
    with pytest.raises(ValidationError, match="Not found"):
        teams.assign(closed, outsider, by=manager)
    theirs = f.project(outsider_org, is_open_to_all=False)
    with pytest.raises(ValidationError, match="Not found"):
        teams.assign(theirs, f.member(outsider_org), by=manager)
    assert not Assignment.objects.exists()


def test_members_see_their_projects_managers_see_all(org, manager, alice, closed, project):
    assert set(teams.visible_projects(alice)) == {project}
    assert set(teams.visible_projects(manager)) == {project, closed}
