"""The members page and the invitation link, in the browser's terms (HTML, redirects)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from timeledger.accounts.models import Invitation, Member
from timeledger.accounts.roles import Role
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, owner):
    client.force_login(owner.user)
    return client


def _invite(web, django_capture_on_commit_callbacks, email="nina@example.com", role="member"):
    with django_capture_on_commit_callbacks(execute=True):
        r = web.post("/members/", {"email": email, "role": role})
    assert r.status_code == 302, r.content.decode()[:2000]
    return mail.outbox[-1].body.split("http://testserver")[1].split()[0]


def test_the_members_page_lists_roles_status_and_last_sign_in(web, owner, alice):
    alice.is_active = False
    alice.save()
    body = web.get("/members/").content.decode()
    assert "alice@example.com" in body and "deactivated" in body and "never" in body
    assert 'id="invite-form"' in body


def test_invite_accept_and_land_on_today(web, client, django_capture_on_commit_callbacks):
    link = _invite(web, django_capture_on_commit_callbacks)
    assert "nina@example.com" in web.get("/members/").content.decode()
    client.logout()
    page = client.get(link).content.decode()
    assert "Join Acme Consulting" in page and 'name="first_name"' in page
    r = client.post(
        link, {"first_name": "Nina", "last_name": "Berg", "password": "Correct-horse-42"}
    )
    assert r.status_code == 302 and r["Location"] == "/today/"
    assert client.get("/api/members/me/").json()["email"] == "nina@example.com"
    # used once: the link now says so
    client.logout()
    r = client.get(link)
    assert r.status_code == 410 and "used already" in r.content.decode()


def test_an_expired_link_is_refused_with_a_clear_page(
    web, client, django_capture_on_commit_callbacks
):
    link = _invite(web, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.logout()
    r = client.post(link, {"first_name": "N", "password": "Correct-horse-42"})
    assert r.status_code == 410 and "expired" in r.content.decode()
    assert not Member.objects.filter(user__email="nina@example.com").exists()


def test_accept_errors_stay_on_the_page(web, client, django_capture_on_commit_callbacks):
    link = _invite(web, django_capture_on_commit_callbacks)
    client.logout()
    r = client.post(link, {"first_name": "", "password": "1"})
    assert r.status_code == 400
    body = r.content.decode()
    assert "has-error field-first_name" in body and "has-error field-password" in body


def test_resend_and_revoke_from_the_page(web, django_capture_on_commit_callbacks):
    old = _invite(web, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        web.post(f"/members/invitations/{invitation.pk}/resend/")
    new = mail.outbox[-1].body.split("http://testserver")[1].split()[0]
    assert new != old and web.get(old).status_code == 410
    web.post(f"/members/invitations/{invitation.pk}/revoke/")
    assert web.get(new).status_code == 410


def test_deactivate_and_reactivate_a_member(web, alice):
    web.post(f"/members/{alice.pk}/", {"is_active": "0"})
    alice.refresh_from_db()
    assert not alice.is_active
    web.post(f"/members/{alice.pk}/", {"is_active": "1", "role": "manager"})
    alice.refresh_from_db()
    assert alice.is_active and alice.role == Role.MANAGER


def test_the_last_owner_cannot_be_deactivated(web, owner):
    web.post(f"/members/{owner.pk}/", {"role": "member"})
    owner.refresh_from_db()
    assert owner.role == Role.OWNER
    assert "at least one active owner" in web.get("/members/").content.decode()


def test_members_of_another_organisation_are_404(web, outsider):
    assert web.post(f"/members/{outsider.pk}/", {"is_active": "0"}).status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


@pytest.mark.parametrize("role", [Role.MANAGER, Role.MEMBER, Role.ACCOUNTANT])
def test_other_roles_get_403(client, org, role):
    client.force_login(f.member(org, role).user)
    assert client.get("/members/").status_code == 403
    assert client.post("/members/", {"email": "x@example.com", "role": "member"}).status_code == 403
