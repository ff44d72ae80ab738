"""``/api/projects/{id}/team/`` and the project list: members see what they may log on."""

import pytest

from timeledger.accounts.roles import Role
from timeledger.projects import teams
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(org, client_):
    return f.project(org, client_, code="TEAM", is_open_to_all=False)


def test_put_get_post_delete_the_team(api, manager, alice, closed, org):
    bob = f.member(org, Role.MEMBER)
    c = api(manager)
    r = c.put(
        f"/api/projects/{closed.pk}/team/",
        {"members": [alice.pk], "lead": manager.pk, "is_open_to_all": False},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["lead"] == manager.pk
    assert [m["id"] for m in r.json()["members"]] == [manager.pk, alice.pk]
    r = c.post(f"/api/projects/{closed.pk}/team/", {"member": bob.pk}, format="json")
    assert {m["id"] for m in r.json()["members"]} == {manager.pk, alice.pk, bob.pk}
    r = c.delete(f"/api/projects/{closed.pk}/team/?member={alice.pk}")
    assert {m["id"] for m in r.json()["members"]} == {manager.pk, bob.pk}
    assert c.get(f"/api/projects/{closed.pk}/team/").json()["is_open_to_all"] is False


def test_members_list_only_the_projects_they_may_log_on(api, manager, alice, closed, project):
    c = api(alice)
    assert {p["code"] for p in c.get("/api/projects/").json()["results"]} == {"WEB"}
    assert_error(c.get(f"/api/projects/{closed.pk}/"), 404)
    teams.assign(closed, alice, by=manager)
    assert {p["code"] for p in c.get("/api/projects/").json()["results"]} == {"WEB", "TEAM"}
    # managers see every project, and ?loggable=true gives them their own list
    m = api(manager)
    assert {p["code"] for p in m.get("/api/projects/").json()["results"]} == {"WEB", "TEAM"}
    assert {p["code"] for p in m.get("/api/projects/?loggable=true").json()["results"]} == {"WEB"}


def test_members_read_but_do_not_change_teams(api, alice, closed, project):
    c = api(alice)
    assert c.get(f"/api/projects/{project.pk}/team/").status_code == 200
    assert_error(
        c.post(f"/api/projects/{project.pk}/team/", {"member": alice.pk}, format="json"), 403
    )


def test_bad_team_input_gets_field_errors(api, manager, accountant, closed, outsider):
    c = api(manager)
    assert_error(
        c.put(f"/api/projects/{closed.pk}/team/", {"members": [outsider.pk]}, format="json"),
        400,
        "members",
    )
    assert_error(
        c.post(f"/api/projects/{closed.pk}/team/", {"member": accountant.pk}, format="json"),
        400,
        "members",
    )
    assert_error(c.delete(f"/api/projects/{closed.pk}/team/?member=x"), 404)


def test_an_outsider_never_reads_or_changes_a_team(api, closed, outsider, alice, manager):
    teams.assign(closed, alice, by=manager)
    c = api(outsider)
    assert_error(c.get(f"/api/projects/{closed.pk}/team/"), 404)
    assert_error(c.put(f"/api/projects/{closed.pk}/team/", {"members": []}, format="json"), 404)
    assert_error(c.delete(f"/api/projects/{closed.pk}/team/?member={alice.pk}"), 404)
    assert teams.may_log_on(alice, closed)
