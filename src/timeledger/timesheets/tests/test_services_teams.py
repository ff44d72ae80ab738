"""Logging time respects project teams everywhere: services, pickers, grid, API and CLI."""

import pytest
from django.core.exceptions import ValidationError

from timeledger.accounts.roles import Role
from timeledger.cli import main
from timeledger.projects import teams
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets import services
from timeledger.timesheets.forms import work_choices
from timeledger.timesheets.models import TimeEntry
from timeledger.timesheets.services import EntryInput

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def closed(org, client_):
    return f.project(org, client_, code="TEAM", name="Team only", is_open_to_all=False)


def _log(member, project, day, **kw):
    return services.create_entry(
        EntryInput(project=project, date=day, seconds=3600), by=member, **kw
    )


def test_logging_on_an_unassigned_project_is_refused_with_a_clear_message(alice, closed, day):
    with pytest.raises(ValidationError) as exc:
        _log(alice, closed, day)
    assert exc.value.message_dict["project"] == [
        "You are not on the team of project TEAM; ask a manager to add you."
    ]
    with pytest.raises(ValidationError, match="not on the team"):
        services.start_timer(closed, by=alice)
    assert not TimeEntry.objects.exists()


def test_once_assigned_the_member_logs_and_a_manager_logging_for_others_is_told_who(
    alice, manager, closed, day
):
    with pytest.raises(ValidationError, match=f"{alice} is not on the team"):
        services.create_entry(
            EntryInput(project=closed, date=day, seconds=3600), by=manager, member=alice
        )
    teams.assign(closed, alice, by=manager)
    assert _log(alice, closed, day).project == closed


def test_an_entry_kept_after_leaving_the_team_can_still_be_edited_but_not_added_to(
    alice, manager, closed, day
):
    teams.assign(closed, alice, by=manager)
    entry = _log(alice, closed, day)
    teams.unassign(closed, alice, by=manager)
    services.update_entry(
        entry, EntryInput(project=closed, date=day, seconds=1800, description="fix"), by=alice
    )
    with pytest.raises(ValidationError, match="not on the team"):
        _log(alice, closed, day)
    # the grid may lower the cell, never raise it
    services.set_cell_seconds(closed, None, day, 900, by=alice)
    with pytest.raises(ValidationError, match="not on the team"):
        services.set_cell_seconds(closed, None, day, 7200, by=alice)


def test_the_pickers_offer_only_projects_one_may_log_on(org, alice, manager, closed, project):
    values = [v for _, options in work_choices(org, member=alice)[1:] for v, _ in options]
    assert str(project.pk) in values and str(closed.pk) not in values
    teams.assign(closed, alice, by=manager)
    values = [v for _, options in work_choices(org, member=alice)[1:] for v, _ in options]
    assert str(closed.pk) in values


def test_the_today_page_and_the_grid_refuse_unassigned_projects(
    client, alice, closed, project, day
):
    client.force_login(alice.user)
    body = client.get("/today/").content.decode()
    assert "WEB · Web shop" in body and "TEAM · Team only" not in body
    r = client.post("/timer/start/", {"work": str(closed.pk), "description": "x"}, **HX)
    assert "not on the team of project TEAM" in r.content.decode()
    r = client.post(
        "/grid/cell/",
        {"project": closed.pk, "task": 0, "date": day.isoformat(), "value": "1:00"},
        **HX,
    )
    assert "not on the team of project TEAM" in r.content.decode()
    assert not TimeEntry.objects.exists()


def test_a_client_viewer_is_offered_no_project_at_all(org, client_, project):
    viewer = f.member(org, Role.CLIENT_VIEWER, client=client_)
    assert work_choices(org, member=viewer) == [("", "Project / task…")]


def test_the_api_refuses_with_the_field_message(api, alice, closed, day):
    r = api(alice).post(
        "/api/entries/",
        {"project": closed.pk, "date": day.isoformat(), "duration": "1:00"},
        format="json",
    )
    body = assert_error(r, 400, "project")
    assert "not on the team of project TEAM" in body["fields"]["project"][0]


def test_the_cli_refuses_with_the_same_message(alice, closed, capsys):
    assert main(["--user", alice.user.email, "start", "TEAM"]) == 1
    assert "not on the team of project TEAM" in capsys.readouterr().err


def test_a_client_viewers_time_pages_list_no_other_clients_projects(client, org, client_, project):
    other = f.project(org, f.client(org, code="OTHERCO"), code="ZQOTHERQZ")
    viewer = f.member(org, Role.CLIENT_VIEWER, client=client_)
    client.force_login(viewer.user)
    for url in ("/today/", "/week/", "/grid/"):
        r = client.get(url)
        body = r.content.decode()
        assert other.code not in body and "WEB · Web shop" not in body, url
