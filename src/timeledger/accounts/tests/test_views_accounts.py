"""Sign-in, the nav, the organisation switcher and the demo data command."""

from io import StringIO

from django.core.management import call_command
from django.http import HttpRequest

from timeledger.accounts.models import Member, Organisation
from timeledger.accounts.roles import Role
from timeledger.clients.models import Client
from timeledger.projects.models import Project, Task
from timeledger.rates.models import Rate
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry


def test_sign_in_lands_on_today(client, alice):
    response = client.post(
        "/login/", {"username": "alice@example.com", "password": "pw-Secret-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/today/"
    assert "Sign out" in response.content.decode()


def test_wrong_password_is_shown_on_the_form(client, alice):
    body = client.post(
        "/login/", {"username": "alice@example.com", "password": "nope"}
    ).content.decode()
    assert 'role="alert"' in body and "correct" in body


def test_nav_links_every_time_screen(client, alice):
    client.force_login(alice.user)
    body = client.get("/today/").content.decode()
    for url in ("/today/", "/week/", "/grid/", "/clients/", "/projects/"):
        assert f'href="{url}"' in body
    assert 'aria-current="page">Today' in body
    assert 'id="org-switch"' not in body  # one membership: nothing to switch


def test_switcher_appears_with_two_memberships_and_switches(client, alice, outsider_org):
    Member.objects.create(organisation=outsider_org, user=alice.user, role=Role.MEMBER)
    f.project(outsider_org, code="OTHERS")
    client.force_login(alice.user)
    body = client.get("/projects/").content.decode()
    assert 'id="org-switch"' in body and "Other Co" in body
    client.post("/organisation/switch/", {"organisation": outsider_org.pk})
    assert "OTHERS" in client.get("/projects/").content.decode()


def test_switching_to_an_organisation_one_is_not_in_does_nothing(client, alice, outsider_org):
    f.project(outsider_org, code="OTHERS")
    client.force_login(alice.user)
    client.post("/organisation/switch/", {"organisation": outsider_org.pk})
    assert "OTHERS" not in client.get("/projects/").content.decode()


def test_load_demo_builds_a_realistic_organisation_once(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    org = Organisation.objects.get(slug="northwind")
    assert (org.name, org.currency, org.time_zone) == (
        "Northwind Digital",
        "EUR",
        "Europe/Amsterdam",
    )
    assert Client.objects.filter(organisation=org).count() == 2
    projects = Project.objects.filter(organisation=org)
    assert projects.count() == 4
    assert set(projects.values_list("billing_model", flat=True)) == {
        "hourly",
        "fixed_fee",
        "milestone",
        "retainer",
    }
    assert set(Task.objects.filter(organisation=org).values_list("is_billable", flat=True)) == {
        True,
        False,
    }
    roles = sorted(Member.objects.filter(organisation=org).values_list("role", flat=True))
    assert roles == ["accountant", "manager", "member", "member", "owner"]
    assert Rate.objects.filter(organisation=org, level="member", kind="billing").count() == 4
    assert Rate.objects.filter(organisation=org, level="organisation").exists()
    entries = TimeEntry.objects.filter(organisation=org)
    assert entries.count() > 100
    assert not entries.filter(start__isnull=False, end__isnull=True).exists()
    assert entries.filter(is_billable=False).exists()
    assert "eva@northwind.example" in out.getvalue()
    assert "northwind-demo-2026" in out.getvalue()

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "exists already" in again.getvalue()
    assert TimeEntry.objects.filter(organisation=org).count() == entries.count()


def test_demo_owner_can_sign_in_and_open_every_page(client, db):
    call_command("load_demo", stdout=StringIO())
    assert client.login(
        request=HttpRequest(), username="eva@northwind.example", password="northwind-demo-2026"
    )
    project = Project.objects.get(code="ACME-WEB")
    for url in ("/today/", "/week/", "/grid/", "/clients/", "/projects/", project_url(project)):
        assert client.get(url).status_code == 200, url


def project_url(project):
    return f"/projects/{project.pk}/"
