"""Project pages: members see, managers manage, outsiders get 404; errors next to the fields."""

from decimal import Decimal

from timeledger.projects.models import Milestone, Phase, Project, Task
from timeledger.testing import factories as f

HX = {"HTTP_HX_REQUEST": "true"}


def login(client, member):
    client.force_login(member.user)
    return client


def project_data(client_, **overrides):
    data = {
        "code": "APP",
        "name": "Mobile app",
        "client": client_.pk,
        "billing_model": "fixed_fee",
        "status": "active",
        "fixed_fee": "24000.00",
        "budget_hours": "200",
    }
    data.update(overrides)
    return data


def test_member_sees_the_list_and_detail_but_no_manage_buttons(client, alice, project):
    f.task(project, "Design")
    login(client, alice)
    listing = client.get("/projects/").content.decode()
    assert "WEB" in listing and "New project" not in listing
    detail = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Design" in detail
    assert f"/projects/{project.pk}/edit/" not in detail
    assert "Add task" not in detail


def test_member_cannot_edit_create_or_archive(client, alice, project, client_):
    login(client, alice)
    assert client.get(f"/projects/{project.pk}/edit/").status_code == 403
    response = client.post(f"/projects/{project.pk}/edit/", project_data(client_, name="Hacked"))
    assert response.status_code == 403
    assert client.post("/projects/new/", project_data(client_)).status_code == 403
    assert client.post(f"/projects/{project.pk}/archive/").status_code == 403
    assert client.post(f"/projects/{project.pk}/tasks/new/", {"name": "x"}).status_code == 403
    project.refresh_from_db()
    assert (project.name, project.is_archived) == ("Web shop", False)
    assert not Project.objects.filter(code="APP").exists()


def test_manager_creates_a_project(client, manager, client_):
    login(client, manager)
    response = client.post("/projects/new/", project_data(client_))
    created = Project.objects.get(code="APP")
    assert response.status_code == 302 and response["Location"] == f"/projects/{created.pk}/"
    assert created.organisation == manager.organisation
    assert created.fixed_fee == Decimal("24000.00")


def test_duplicate_code_is_shown_next_to_the_code_field(client, manager, project, client_):
    login(client, manager)
    response = client.post("/projects/new/", project_data(client_, code="WEB"), **HX)
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="id_code-error"' in body
    assert "A project with code WEB already exists." in body
    assert Project.objects.filter(code="WEB").count() == 1


def test_end_before_start_is_shown_next_to_the_end_date(client, manager, client_):
    login(client, manager)
    body = client.post(
        "/projects/new/",
        project_data(client_, start_date="2026-05-01", end_date="2026-04-01"),
    ).content.decode()
    assert 'id="id_end_date-error"' in body
    assert "End date must be on or after the start date." in body


def test_htmx_success_redirects_with_a_header(client, manager, project, client_):
    login(client, manager)
    response = client.post(
        f"/projects/{project.pk}/edit/", project_data(client_, code="WEB", name="Shop 2"), **HX
    )
    assert response["HX-Redirect"] == f"/projects/{project.pk}/"
    project.refresh_from_db()
    assert project.name == "Shop 2"


def test_another_organisations_client_cannot_be_chosen(client, manager, outsider_org):
    theirs = f.client(outsider_org, code="THEIRS")
    login(client, manager)
    body = client.post("/projects/new/", project_data(theirs)).content.decode()
    assert 'id="id_client-error"' in body
    assert not Project.objects.filter(code="APP").exists()


def test_archive_keeps_the_project_but_closes_it_for_time(client, manager, project):
    login(client, manager)
    client.post(f"/projects/{project.pk}/archive/")
    project.refresh_from_db()
    assert project.is_archived and not project.is_open_for_time
    assert "WEB" not in client.get("/projects/").content.decode()
    assert "WEB" in client.get("/projects/?archived=1").content.decode()


def test_manager_adds_phase_task_and_milestone(client, manager, project):
    login(client, manager)
    client.post(f"/projects/{project.pk}/phases/new/", {"name": "Build", "position": 1})
    phase = Phase.objects.get(project=project)
    client.post(
        f"/projects/{project.pk}/tasks/new/",
        {
            "name": "Internal sync",
            "phase": phase.pk,
            "status": "open",
            "percent_complete": "0",
        },
    )
    task = Task.objects.get(project=project)
    assert task.phase == phase and task.is_billable is False  # unchecked box
    client.post(
        f"/projects/{project.pk}/milestones/new/",
        {"name": "Launch", "value": "5000.00", "status": "pending", "percent_complete": "0"},
    )
    assert Milestone.objects.get(project=project).value == Decimal("5000.00")
    detail = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Internal sync" in detail and "non-billable" in detail
    assert "5,000.00 EUR" in detail


def test_task_percent_over_100_is_refused_inline(client, manager, project):
    login(client, manager)
    body = client.post(
        f"/projects/{project.pk}/tasks/new/",
        {"name": "QA", "status": "open", "percent_complete": "120"},
    ).content.decode()
    assert 'id="id_percent_complete-error"' in body
    assert not Task.objects.filter(project=project).exists()


def test_phase_of_another_project_cannot_be_chosen(client, manager, project, org, client_):
    other = f.project(org, client_, code="OTHER")
    foreign_phase = f.phase(other, "Elsewhere")
    login(client, manager)
    body = client.post(
        f"/projects/{project.pk}/tasks/new/",
        {"name": "QA", "status": "open", "percent_complete": "0", "phase": foreign_phase.pk},
    ).content.decode()
    assert 'id="id_phase-error"' in body


def test_outsider_gets_404_for_every_project_page(client, outsider, project):
    task = f.task(project, "Design")
    phase = f.phase(project)
    login(client, outsider)
    for url in [
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/edit/",
        f"/projects/{project.pk}/tasks/new/",
        f"/tasks/{task.pk}/edit/",
        f"/phases/{phase.pk}/edit/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/projects/{project.pk}/archive/").status_code == 404
    assert "WEB" not in client.get("/projects/").content.decode()
