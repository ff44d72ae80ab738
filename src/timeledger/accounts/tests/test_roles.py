"""Each role can do only what it should, through the API (the services enforce the same)."""

import datetime as dt

import pytest

from timeledger.accounts.roles import Cap, Role, can
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry

DAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def admin(org):
    return f.member(org, Role.ADMIN)


@pytest.fixture
def viewer(org, client_):
    return f.member(org, Role.CLIENT_VIEWER, client=client_)


@pytest.fixture
def entries(alice, manager, project):
    return {
        "alice": f.entry(alice, project, day=DAY),
        "manager": f.entry(manager, project, day=DAY),
    }


def entry_ids(c):
    r = c.get("/api/entries/")
    assert r.status_code == 200, r.content
    return {e["id"] for e in r.json()["results"]}


# --- the role table itself -----------------------------------------------------------------------


def test_role_table():
    assert can(Role.MEMBER, Cap.LOG_TIME) and not can(Role.MEMBER, Cap.VIEW_ALL_TIME)
    assert not can(Role.MEMBER, Cap.MANAGE_PROJECTS)
    assert can(Role.MANAGER, Cap.MANAGE_PROJECTS) and not can(Role.MANAGER, Cap.MANAGE_MEMBERS)
    assert can(Role.ACCOUNTANT, Cap.VIEW_ALL_TIME) and not can(Role.ACCOUNTANT, Cap.LOG_TIME)
    assert not can(Role.ACCOUNTANT, Cap.MANAGE_PROJECTS)
    assert can(Role.ADMIN, Cap.MANAGE_MEMBERS) and can(Role.OWNER, Cap.MANAGE_MEMBERS)
    assert not can(Role.CLIENT_VIEWER, Cap.LOG_TIME)
    assert not can(Role.CLIENT_VIEWER, Cap.VIEW_PROJECTS)
    assert not can("nonsense", Cap.LOG_TIME)


# --- member --------------------------------------------------------------------------------------


def test_member_reads_projects_but_cannot_create_or_change_them(api, alice, project, client_):
    c = api(alice)
    assert c.get("/api/projects/").status_code == 200
    assert c.get(f"/api/projects/{project.pk}/").status_code == 200
    assert_error(c.post("/api/projects/", {"code": "N", "name": "N", "client": client_.pk}), 403)
    assert_error(c.patch(f"/api/projects/{project.pk}/", {"name": "x"}), 403)
    assert_error(c.delete(f"/api/projects/{project.pk}/"), 403)
    assert_error(c.post("/api/tasks/", {"project": project.pk, "name": "T"}), 403)
    assert_error(c.post("/api/phases/", {"project": project.pk, "name": "P"}), 403)
    assert_error(
        c.post("/api/milestones/", {"project": project.pk, "name": "M", "value": "1"}), 403
    )


def test_member_cannot_create_clients(api, alice):
    assert_error(api(alice).post("/api/clients/", {"code": "N", "name": "N"}), 403)


def test_member_sees_only_own_entries(api, alice, entries):
    assert entry_ids(api(alice)) == {entries["alice"].pk}
    assert_error(api(alice).get(f"/api/entries/{entries['manager'].pk}/"), 404)


def test_member_logs_own_time(api, alice, project):
    r = api(alice).post("/api/entries/", {"project": project.pk, "date": str(DAY), "duration": "1"})
    assert r.status_code == 201, r.content


def test_member_cannot_manage_members(api, alice, manager):
    c = api(alice)
    assert c.get("/api/members/").status_code == 200
    assert_error(c.post("/api/members/", {"email": "new@example.com"}), 403)
    assert_error(c.patch(f"/api/members/{manager.pk}/", {"role": "member"}), 403)
    assert_error(c.patch(f"/api/members/{alice.pk}/", {"role": "owner"}), 403)


# --- manager -------------------------------------------------------------------------------------


def test_manager_creates_clients_projects_tasks(api, manager):
    c = api(manager)
    r = c.post("/api/clients/", {"code": "BETA", "name": "Beta BV", "currency": "EUR"})
    assert r.status_code == 201, r.content
    r = c.post("/api/projects/", {"code": "B1", "name": "Beta site", "client": r.json()["id"]})
    assert r.status_code == 201, r.content
    r = c.post("/api/tasks/", {"project": r.json()["id"], "name": "Design"})
    assert r.status_code == 201, r.content


def test_manager_sees_and_edits_everyones_entries(api, manager, entries):
    c = api(manager)
    assert entry_ids(c) == {entries["alice"].pk, entries["manager"].pk}
    r = c.patch(f"/api/entries/{entries['alice'].pk}/", {"description": "fixed"})
    assert r.status_code == 200, r.content
    assert TimeEntry.objects.get(pk=entries["alice"].pk).description == "fixed"


def test_manager_cannot_manage_members(api, manager, alice):
    assert_error(api(manager).patch(f"/api/members/{alice.pk}/", {"role": "manager"}), 403)


# --- accountant ----------------------------------------------------------------------------------


def test_accountant_reads_all_time_but_cannot_log_or_edit_it(api, accountant, entries, project):
    c = api(accountant)
    assert entry_ids(c) == {entries["alice"].pk, entries["manager"].pk}
    r = c.post("/api/entries/", {"project": project.pk, "date": str(DAY), "duration": "1"})
    assert_error(r, 403)
    assert_error(c.patch(f"/api/entries/{entries['alice'].pk}/", {"description": "x"}), 403)
    assert_error(c.delete(f"/api/entries/{entries['alice'].pk}/"), 403)
    assert_error(c.post("/api/timer/start/", {"project": project.pk}), 403)
    assert TimeEntry.objects.count() == 2


def test_accountant_manages_clients_but_not_projects(api, accountant, client_, project):
    c = api(accountant)
    assert c.patch(f"/api/clients/{client_.pk}/", {"payment_terms_days": 14}).status_code == 200
    assert_error(c.patch(f"/api/projects/{project.pk}/", {"name": "x"}), 403)


# --- client viewer -------------------------------------------------------------------------------


def test_client_viewer_cannot_read_entries_projects_or_log_time(api, viewer, entries, project):
    c = api(viewer)
    assert_error(c.get("/api/entries/"), 403)
    assert_error(c.get(f"/api/entries/{entries['alice'].pk}/"), 403)
    assert_error(c.get("/api/projects/"), 403)
    assert_error(c.get("/api/clients/"), 403)
    assert_error(c.get("/api/members/"), 403)
    assert_error(c.post("/api/timer/start/", {"project": project.pk}), 403)
    assert c.get("/api/members/me/").json()["role"] == "client_viewer"


# --- owner and admin -----------------------------------------------------------------------------


def test_admin_adds_a_member_and_changes_a_role(api, admin, org):
    c = api(admin)
    r = c.post(
        "/api/members/",
        {"email": "Dev@Example.com", "role": "member", "first_name": "Dev", "timezone": "UTC"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["email"], body["role"], body["timezone"]) == ("dev@example.com", "member", "UTC")
    r = c.patch(f"/api/members/{body['id']}/", {"role": "manager", "working_days": "1234"})
    assert r.status_code == 200, r.content
    assert (r.json()["role"], r.json()["working_days"]) == ("manager", "1234")
    assert_error(c.post("/api/members/", {"email": "dev@example.com"}), 400, "email")
    assert_error(c.patch(f"/api/members/{body['id']}/", {"working_days": "1189"}), 400)


def test_only_an_owner_makes_owners(api, admin, owner, alice):
    assert_error(api(admin).patch(f"/api/members/{alice.pk}/", {"role": "owner"}), 403)
    assert_error(api(admin).patch(f"/api/members/{owner.pk}/", {"role": "member"}), 403)
    r = api(owner).patch(f"/api/members/{alice.pk}/", {"role": "owner"})
    assert r.status_code == 200, r.content


def test_the_last_owner_cannot_step_down(api, owner, alice):
    c = api(owner)
    body = assert_error(c.patch(f"/api/members/{owner.pk}/", {"role": "admin"}), 400, "role")
    assert "at least one active owner" in body["message"]
    assert_error(c.patch(f"/api/members/{owner.pk}/", {"is_active": False}), 400, "role")
    assert c.patch(f"/api/members/{alice.pk}/", {"role": "owner"}).status_code == 200
    assert c.patch(f"/api/members/{owner.pk}/", {"role": "admin"}).status_code == 200


def test_deactivated_member_cannot_log_time(api, owner, alice, project):
    c = api(alice)
    assert api(owner).patch(f"/api/members/{alice.pk}/", {"is_active": False}).status_code == 200
    assert_error(c.post("/api/timer/start/", {"project": project.pk}), 401)


def test_members_cannot_be_deleted(api, owner, alice):
    assert_error(api(owner).delete(f"/api/members/{alice.pk}/"), 405)


def test_client_viewer_must_be_linked_to_a_client(api, owner, alice, client_):
    c = api(owner)
    r = c.patch(f"/api/members/{alice.pk}/", {"role": "client_viewer"})
    assert_error(r, 400, "client")
    r = c.patch(f"/api/members/{alice.pk}/", {"role": "client_viewer", "client": client_.pk})
    assert r.status_code == 200, r.content
    r = c.post("/api/members/", {"email": "cfo@acme.example", "role": "client_viewer"})
    assert_error(r, 400, "client")


def test_anyone_changes_their_own_time_zone_and_new_entries_follow_it(api, alice, project):
    c = api(alice)
    r = c.patch("/api/members/me/", {"timezone": "Asia/Tokyo", "first_name": "Alice"})
    assert r.status_code == 200, r.content
    assert (r.json()["timezone"], r.json()["name"]) == ("Asia/Tokyo", "Alice")
    r = c.post(
        "/api/entries/",
        {"project": project.pk, "start": "2026-03-10T16:00:00Z", "end": "2026-03-10T17:00:00Z"},
    )
    assert r.json()["date"] == "2026-03-11"  # 01:00 in Tokyo
    assert_error(c.patch("/api/members/me/", {"timezone": "Mars/Olympus"}), 400, "timezone")
