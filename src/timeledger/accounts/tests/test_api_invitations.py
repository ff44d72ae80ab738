"""``/api/invitations/``: create (mails the link), list, resend, revoke; roles and tenancy."""

import pytest
from django.core import mail

from timeledger.accounts.models import Invitation
from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(api, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = api(owner).post(
            "/api/invitations/", {"email": "Nina@Example.com", "role": "manager"}, format="json"
        )
    assert r.status_code == 201, r.json()
    return r.json()


def test_creating_an_invitation_mails_its_link(sent):
    assert (sent["email"], sent["role"], sent["status"]) == (
        "nina@example.com",
        "manager",
        "pending",
    )
    assert len(mail.outbox) == 1 and "http://testserver/invite/" in mail.outbox[0].body
    assert "token" not in str(sent) and "hash" not in str(sent)


def test_list_resend_and_revoke(api, owner, sent, django_capture_on_commit_callbacks):
    c = api(owner)
    assert [i["email"] for i in c.get("/api/invitations/").json()["results"]] == [
        "nina@example.com"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/api/invitations/{sent['id']}/resend/")
    assert r.status_code == 200 and len(mail.outbox) == 2
    assert c.delete(f"/api/invitations/{sent['id']}/").status_code == 204
    assert c.get(f"/api/invitations/{sent['id']}/").json()["status"] == "revoked"
    assert_error(c.delete(f"/api/invitations/{sent['id']}/"), 400)
    assert_error(c.post(f"/api/invitations/{sent['id']}/resend/"), 400)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"email": "nope"}, "email"),
        ({"email": "a@example.com", "role": "emperor"}, "role"),
        ({"email": "a@example.com", "role": "client_viewer"}, "client"),
    ],
)
def test_bad_invitations_get_field_errors(api, owner, body, field):
    assert_error(api(owner).post("/api/invitations/", body, format="json"), 400, field)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.MEMBER, Role.ACCOUNTANT, Role.CLIENT_VIEWER])
def test_other_roles_can_neither_read_nor_invite(api, org, client_, role):
    m = f.member(org, role, client=client_ if role == Role.CLIENT_VIEWER else None)
    c = api(m)
    assert_error(c.get("/api/invitations/"), 403)
    assert_error(c.post("/api/invitations/", {"email": "x@example.com"}, format="json"), 403)


def test_an_admin_of_org_b_never_sees_or_touches_org_a_invitations(api, sent, outsider):
    c = api(outsider)
    assert c.get("/api/invitations/").json()["results"] == []
    assert_error(c.get(f"/api/invitations/{sent['id']}/"), 404)
    assert_error(c.post(f"/api/invitations/{sent['id']}/resend/"), 404)
    assert_error(c.delete(f"/api/invitations/{sent['id']}/"), 404)
    assert Invitation.objects.get().revoked_at is None


def test_an_admin_of_org_b_cannot_invite_into_org_a_or_for_its_client(api, outsider, org, client_):
    c = api(outsider)
    r = c.post(
        "/api/invitations/",
        {"email": "v@example.com", "role": "client_viewer", "client": client_.pk},
        format="json",
    )
    assert_error(r, 400, "client")
    r = c.post(
        "/api/invitations/", {"email": "v@example.com", "organisation": org.pk}, format="json"
    )
    assert r.status_code == 201
    assert Invitation.objects.get().organisation.slug == "other"
