"""A member of organisation A can neither read nor change anything of organisation B.

Checked through the API (token and session), through the web UI, and for a user who belongs to
both organisations and switches between them.
"""

import datetime as dt

import pytest
from django.test import Client as WebClient

from timeledger.accounts.models import ApiToken, Member
from timeledger.accounts.roles import Role
from timeledger.clients.models import Client
from timeledger.projects.models import Milestone, Phase, Project, Task
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets import services
from timeledger.timesheets.models import TimeEntry

DAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def theirs(outsider_org, outsider):
    """Organisation B's rows, one of each kind."""
    client = f.client(outsider_org, code="SECRET", name="Secret client")
    project = f.project(outsider_org, client, code="HIDDEN", name="Hidden project")
    phase = f.phase(project, "Their phase")
    task = f.task(project, "Their task")
    milestone = Milestone.objects.create(
        organisation=outsider_org, project=project, name="Their milestone", value="100.00"
    )
    entry = f.entry(outsider, project, day=DAY, description="their work")
    token = ApiToken.issue(outsider, "theirs")[0]
    return {
        "clients": client,
        "projects": project,
        "phases": phase,
        "tasks": task,
        "milestones": milestone,
        "entries": entry,
        "members": outsider,
        "tokens": token,
    }


@pytest.fixture
def ours(org, owner, client_, project, alice):
    f.entry(alice, project, day=DAY)
    return {"owner": owner}


@pytest.fixture(params=["token", "session"])
def as_owner(request, api, owner):
    """Organisation A's owner — the most powerful role — over a token or a signed-in session."""
    if request.param == "token":
        return api(owner)
    c = api()
    c.force_login(owner.user)
    return c


ENDPOINTS = ["clients", "projects", "phases", "tasks", "milestones", "entries", "members", "tokens"]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_lists_never_show_the_other_organisation(as_owner, ours, theirs, name):
    r = as_owner.get(f"/api/{name}/")
    assert r.status_code == 200, r.content
    ids = {row["id"] for row in r.json()["results"]}
    assert theirs[name].pk not in ids
    assert "SECRET" not in r.content.decode() and "HIDDEN" not in r.content.decode()


@pytest.mark.parametrize("name", ENDPOINTS)
def test_detail_change_and_delete_are_404(as_owner, ours, theirs, name):
    url = f"/api/{name}/{theirs[name].pk}/"
    assert_error(as_owner.get(url), 404)
    if name != "tokens":
        assert_error(as_owner.patch(url, {"name": "x", "description": "x"}, format="json"), 404)
    if name not in ("milestones", "members"):
        assert_error(as_owner.delete(url), 404)


def test_nothing_of_theirs_changed(as_owner, ours, theirs):
    for name in ENDPOINTS:
        url = f"/api/{name}/{theirs[name].pk}/"
        as_owner.patch(url, {"name": "pwned", "description": "pwned", "role": "member"})
        as_owner.delete(url)
    assert Client.objects.get(pk=theirs["clients"].pk).is_archived is False
    assert Project.objects.get(pk=theirs["projects"].pk).name == "Hidden project"
    assert Phase.objects.get(pk=theirs["phases"].pk).name == "Their phase"
    assert Task.objects.get(pk=theirs["tasks"].pk).is_archived is False
    assert TimeEntry.objects.get(pk=theirs["entries"].pk).description == "their work"
    assert ApiToken.objects.get(pk=theirs["tokens"].pk).revoked_at is None
    theirs["members"].refresh_from_db()
    assert theirs["members"].role == Role.OWNER


@pytest.mark.parametrize(
    ("url", "payload", "field", "target"),
    [
        ("/api/projects/", {"code": "NEW", "name": "New"}, "client", "clients"),
        ("/api/phases/", {"name": "P"}, "project", "projects"),
        ("/api/tasks/", {"name": "T"}, "project", "projects"),
        ("/api/milestones/", {"name": "M", "value": "1.00"}, "project", "projects"),
        ("/api/entries/", {"date": str(DAY), "duration": "1"}, "project", "projects"),
        ("/api/timer/start/", {}, "project", "projects"),
    ],
)
def test_pointing_at_their_rows_is_a_does_not_exist_field_error(
    as_owner, ours, theirs, url, payload, field, target
):
    r = as_owner.post(url, {**payload, field: theirs[target].pk}, format="json")
    body = assert_error(r, 400, field)
    assert "does not exist" in body["fields"][field][0]


def test_their_task_or_phase_on_our_project_is_refused(as_owner, ours, theirs, project):
    r = as_owner.post(
        "/api/tasks/", {"project": project.pk, "phase": theirs["phases"].pk, "name": "T"}
    )
    assert "does not exist" in assert_error(r, 400, "phase")["fields"]["phase"][0]
    r = as_owner.post(
        "/api/entries/",
        {"project": project.pk, "task": theirs["tasks"].pk, "date": str(DAY), "duration": "1"},
    )
    assert "does not exist" in assert_error(r, 400, "task")["fields"]["task"][0]


def test_their_member_cannot_be_named_on_an_entry_or_as_lead(as_owner, ours, theirs, project):
    r = as_owner.post(
        "/api/entries/",
        {"project": project.pk, "member": theirs["members"].pk, "date": str(DAY), "duration": "1"},
    )
    assert_error(r, 400, "member")
    r = as_owner.patch(f"/api/projects/{project.pk}/", {"lead": theirs["members"].pk})
    assert_error(r, 400, "lead")


def test_their_token_does_not_open_our_organisation(api, ours, theirs, outsider, project):
    c = api(outsider)
    assert_error(c.get(f"/api/projects/{project.pk}/"), 404)
    assert project.pk not in {p["id"] for p in c.get("/api/projects/").json()["results"]}
    assert_error(c.post("/api/timer/start/", {"project": project.pk}), 400, "project")


def test_timer_of_another_organisation_is_invisible(api, ours, theirs, outsider, alice, org):
    their_project = theirs["projects"]
    services.start_timer(their_project, by=outsider)
    assert api(alice).get("/api/timer/").json()["running"] is False
    assert_error(api(alice).post("/api/timer/stop/"), 400)
    assert services.running_timer(outsider) is not None


# --- the web UI ----------------------------------------------------------------------------------


@pytest.fixture
def web(owner):
    c = WebClient()
    c.force_login(owner.user)
    return c


@pytest.mark.parametrize(
    ("pattern", "target"),
    [
        ("/projects/{}/", "projects"),
        ("/projects/{}/edit/", "projects"),
        ("/clients/{}/", "clients"),
        ("/clients/{}/edit/", "clients"),
        ("/tasks/{}/edit/", "tasks"),
        ("/phases/{}/edit/", "phases"),
        ("/milestones/{}/edit/", "milestones"),
        ("/entries/{}/edit/", "entries"),
    ],
)
def test_ui_pages_of_their_rows_are_404(web, ours, theirs, pattern, target):
    url = pattern.format(theirs[target].pk)
    assert web.get(url).status_code == 404
    assert web.post(url, {"name": "pwned", "description": "pwned"}).status_code == 404


@pytest.mark.parametrize(
    "pattern",
    ["/projects/{}/archive/", "/clients/{}/archive/", "/entries/{}/delete/", "/tasks/{}/archive/"],
)
def test_ui_actions_on_their_rows_are_404_and_change_nothing(web, ours, theirs, pattern):
    target = {"projects": "projects", "clients": "clients", "entries": "entries", "tasks": "tasks"}[
        pattern.split("/")[1]
    ]
    r = web.post(pattern.format(theirs[target].pk))
    assert r.status_code == 404
    assert TimeEntry.objects.filter(pk=theirs["entries"].pk).exists()
    assert Project.objects.get(pk=theirs["projects"].pk).is_archived is False
    assert Client.objects.get(pk=theirs["clients"].pk).is_archived is False
    assert Task.objects.get(pk=theirs["tasks"].pk).is_archived is False


@pytest.mark.parametrize("url", ["/projects/", "/clients/", "/week/", "/today/"])
def test_ui_lists_never_show_their_rows(web, ours, theirs, url):
    r = web.get(url)
    assert r.status_code == 200
    body = r.content.decode()
    assert "HIDDEN" not in body and "SECRET" not in body and "their work" not in body


def test_ui_timer_cannot_start_on_their_project(web, ours, theirs, owner):
    web.post("/timer/start/", {"project": theirs["projects"].pk})
    assert services.running_timer(owner) is None
    assert not TimeEntry.objects.filter(member=owner).exists()


# --- one user in two organisations ---------------------------------------------------------------


@pytest.fixture
def consultant(org, outsider_org, project):
    """One person, member in A and owner in B."""
    a = f.member(org, Role.MEMBER, email="both@example.com")
    b = Member.objects.create(organisation=outsider_org, user=a.user, role=Role.OWNER)
    return a, b


def test_session_acts_in_the_chosen_organisation(api, consultant, project, outsider_org):
    a, b = consultant
    theirs = f.project(outsider_org, code="BPROJ")
    c = api()
    c.force_login(a.user)
    # Without a choice: the first membership (organisation A).
    assert c.get("/api/members/me/").json()["organisation"] == "acme"
    codes = {p["code"] for p in c.get("/api/projects/").json()["results"]}
    assert codes == {"WEB"}
    assert c.post("/api/clients/", {"code": "N", "name": "N"}).status_code == 403  # a member in A

    r = c.post("/organisation/switch/", {"organisation": outsider_org.pk}, format="multipart")
    assert r.status_code == 302
    assert c.get("/api/members/me/").json()["organisation"] == "other"
    codes = {p["code"] for p in c.get("/api/projects/").json()["results"]}
    assert codes == {"BPROJ"}
    assert c.post("/api/clients/", {"code": "N", "name": "N"}).status_code == 201  # owner in B
    assert Client.objects.get(code="N").organisation_id == outsider_org.pk
    assert_error(c.get(f"/api/projects/{project.pk}/"), 404)
    assert c.get(f"/api/projects/{theirs.pk}/").status_code == 200


def test_cannot_switch_into_an_organisation_without_membership(web, owner, outsider_org):
    web.post("/organisation/switch/", {"organisation": outsider_org.pk})
    r = web.get("/api/members/me/")
    assert r.json()["organisation"] == "acme"


def test_token_is_bound_to_its_organisation(api, consultant, outsider_org):
    a, b = consultant
    assert api(a).get("/api/members/me/").json()["organisation"] == "acme"
    assert api(b).get("/api/members/me/").json()["organisation"] == "other"
    assert api(b).get("/api/members/me/").json()["role"] == "owner"


def test_deactivated_membership_loses_api_access(api, alice):
    c = api(alice)
    alice.is_active = False
    alice.save()
    assert_error(c.get("/api/entries/"), 401)
