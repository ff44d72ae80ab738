import datetime as dt

import pytest
from django.urls import reverse

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

MONDAY = dt.date(2026, 11, 9)


@pytest.fixture
def lead(org, project):
    m = f.member(org, Role.MEMBER, email="lead@example.com")
    project.lead = m
    project.save()
    return m


@pytest.fixture
def week(alice, project):
    return [
        f.entry(
            alice, project, day=MONDAY + dt.timedelta(days=i), hours="2.00", description=f"d{i}"
        )
        for i in range(2)
    ]


def week_url(name, member):
    return reverse(name, args=[member.pk, "2026-11-11"])


def test_member_submits_week_and_is_sent_back(client, alice, week):
    client.force_login(alice.user)
    r = client.post(
        reverse("submit_week"), {"week": "2026-11-10", "next": "/week/?week=2026-11-09"}
    )
    assert r.status_code == 302
    assert r["Location"] == "/week/?week=2026-11-09"
    assert {TimeEntry.objects.get(pk=e.pk).status for e in week} == {EntryStatus.SUBMITTED}


def test_submit_refuses_offsite_next_and_reports_empty_week(client, alice, week):
    client.force_login(alice.user)
    r = client.post(reverse("submit_week"), {"week": "2026-11-23", "next": "https://evil.example/"})
    assert r["Location"] == "/week/?week=2026-11-23"
    page = client.get(r["Location"]).content.decode()
    assert "Nothing to submit" in page


def test_submit_htmx_fragment_shows_error_inline(client, alice, week):
    client.force_login(alice.user)
    r = client.post(reverse("submit_week"), {"week": "2026-11-23"}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert 'role="alert"' in body
    assert "Nothing to submit" in body
    r = client.post(reverse("submit_week"), {"week": "2026-11-09"}, HTTP_HX_REQUEST="true")
    assert "Submitted 2 entries" in r.content.decode()


def test_lead_sees_pending_week_and_approves(client, alice, lead, week):
    TimeEntry.objects.filter(pk__in=[e.pk for e in week]).update(status=EntryStatus.SUBMITTED)
    client.force_login(lead.user)
    listing = client.get(reverse("approvals")).content.decode()
    assert str(alice) in listing
    assert week_url("approval_week", alice).replace("2026-11-11", "2026-11-09") in listing

    page = client.get(week_url("approval_week", alice)).content.decode()
    assert "d0" in page and "d1" in page

    r = client.post(
        week_url("approval_action", alice), {"action": "approve_week", "comment": "fine"}
    )
    assert r.status_code == 302
    assert {TimeEntry.objects.get(pk=e.pk).status for e in week} == {EntryStatus.APPROVED}


def test_reject_without_reason_shows_inline_error(client, alice, lead, week):
    TimeEntry.objects.filter(pk__in=[e.pk for e in week]).update(status=EntryStatus.SUBMITTED)
    client.force_login(lead.user)
    r = client.post(
        week_url("approval_action", alice),
        {"action": "reject", "entries": [week[0].pk]},
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "<html" not in body
    assert 'id="id_reason-error"' in body
    assert TimeEntry.objects.get(pk=week[0].pk).status == EntryStatus.SUBMITTED

    r = client.post(
        week_url("approval_action", alice),
        {"action": "reject", "entries": [week[0].pk], "reason": "wrong project"},
        HTTP_HX_REQUEST="true",
    )
    assert "Rejected 1 entry" in r.content.decode()
    assert TimeEntry.objects.get(pk=week[0].pk).status_note == "wrong project"


def test_approve_all_of_one_project_button(client, org, alice, manager, project, week):
    other = f.project(org, project.client, code="OTHER")
    extra = f.entry(alice, other, day=MONDAY, hours="1.00", status=EntryStatus.SUBMITTED)
    TimeEntry.objects.filter(pk__in=[e.pk for e in week]).update(status=EntryStatus.SUBMITTED)
    client.force_login(manager.user)
    client.post(week_url("approval_action", alice), {"approve_project": project.pk})
    assert {TimeEntry.objects.get(pk=e.pk).status for e in week} == {EntryStatus.APPROVED}
    assert TimeEntry.objects.get(pk=extra.pk).status == EntryStatus.SUBMITTED


def test_plain_member_gets_403_on_approval_pages(client, org, alice, week):
    bob = f.member(org, Role.MEMBER)
    client.force_login(bob.user)
    assert client.get(reverse("approvals")).status_code == 403
    assert client.get(week_url("approval_week", alice)).status_code == 403
    # a member may look at their own week's statuses
    client.force_login(alice.user)
    assert client.get(week_url("approval_week", alice)).status_code == 200


def test_outsider_gets_404(client, outsider, alice, week):
    client.force_login(outsider.user)
    assert client.get(week_url("approval_week", alice)).status_code == 404
    assert client.post(week_url("approval_action", alice), {"action": "approve"}).status_code == 404


def test_lock_date_page(client, owner, manager, org):
    client.force_login(manager.user)
    assert client.get(reverse("lock_date")).status_code == 403
    client.force_login(owner.user)
    r = client.post(reverse("lock_date"), {"lock_date": "2026-10-31"})
    assert r.status_code == 302
    org.refresh_from_db()
    assert org.lock_date == dt.date(2026, 10, 31)
    r = client.post(reverse("lock_date"), {"lock_date": ""})
    assert r.status_code == 200
    assert 'id="id_reason-error"' in r.content.decode()
    org.refresh_from_db()
    assert org.lock_date == dt.date(2026, 10, 31)


def test_nav_shows_approvals_for_leads_not_plain_members(client, org, lead, alice):
    client.force_login(lead.user)
    assert 'href="/approvals/"' in client.get(reverse("approvals")).content.decode()
    client.force_login(alice.user)
    page = client.get(reverse("week")).content.decode()
    assert 'href="/approvals/"' not in page


def test_submit_bar_partial_renders_state_and_button(rf, alice, week):
    from django.template.loader import render_to_string

    TimeEntry.objects.filter(pk=week[0].pk).update(
        status=EntryStatus.REJECTED, status_note="Use task Design"
    )
    request = rf.get("/week/")
    request.user = alice.user
    html = render_to_string(
        "approval/_submit_button.html", {"member": alice, "monday": MONDAY}, request=request
    )
    assert "Rejected: Use task Design" in html
    assert "Submit week for approval (2)" in html
    assert 'value="2026-11-09"' in html


def test_settings_form_on_lock_date_page(client, owner, org):
    client.force_login(owner.user)
    r = client.post(
        reverse("lock_date"),
        {"form": "settings", "reminder_frequency": "daily", "approved_unbilled_days": "0"},
    )
    assert r.status_code == 200
    assert 'id="id_approved_unbilled_days-error"' in r.content.decode()
    r = client.post(
        reverse("lock_date"),
        {"form": "settings", "reminder_frequency": "daily", "approved_unbilled_days": "21"},
    )
    assert r.status_code == 302
    org.refresh_from_db()
    assert (org.reminder_frequency, org.approved_unbilled_days) == ("daily", 21)
