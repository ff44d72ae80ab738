"""Personal API tokens: create (key shown once), list, use, revoke."""

from timeledger.accounts.models import ApiToken
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error


def session(api, member):
    c = api()
    c.force_login(member.user)
    return c


def test_create_shows_the_key_once_and_the_key_works(api, alice):
    c = session(api, alice)
    r = c.post("/api/tokens/", {"name": "laptop", "password": f.DEFAULT_PASSWORD})
    assert r.status_code == 201, r.content
    body = r.json()
    key = body["key"]
    assert key.startswith("tl_") and body["prefix"] == key[:8]
    assert ApiToken.objects.filter(key_hash=key).count() == 0  # only the hash is stored

    listed = c.get("/api/tokens/").json()["results"]
    assert [(t["name"], t["key"]) for t in listed] == [("laptop", None)]

    token_client = api()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = token_client.get("/api/members/me/")
    assert me.status_code == 200
    assert me.json()["id"] == alice.pk
    assert ApiToken.objects.get(pk=body["id"]).last_used_at is not None


def test_revoked_token_stops_working_at_once(api, alice):
    c = session(api, alice)
    body = c.post("/api/tokens/", {"name": "ci", "password": f.DEFAULT_PASSWORD}).json()
    token_client = api()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {body['key']}")
    assert token_client.get("/api/entries/").status_code == 200
    assert c.delete(f"/api/tokens/{body['id']}/").status_code == 204
    assert_error(token_client.get("/api/entries/"), 401)
    assert c.get("/api/tokens/").json()["results"] == []
    actions = list(AuditLog.objects.filter(object_type="accounts.apitoken").values_list("action"))
    assert sorted(actions) == [("token_issue",), ("token_revoke",)]


def test_token_needs_a_name(api, alice):
    assert_error(
        session(api, alice).post("/api/tokens/", {"name": "  ", "password": f.DEFAULT_PASSWORD}),
        400,
        "name",
    )
    assert_error(session(api, alice).post("/api/tokens/", {}), 400, "name")


def test_members_see_and_revoke_only_their_own_tokens(api, alice, manager):
    theirs = ApiToken.issue(manager, "manager's")[0]
    c = session(api, alice)
    assert c.get("/api/tokens/").json()["results"] == []
    assert_error(c.delete(f"/api/tokens/{theirs.pk}/"), 404)
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_token_can_create_another(api, alice):
    r = api(alice).post("/api/tokens/", {"name": "second", "password": f.DEFAULT_PASSWORD})
    assert r.status_code == 201
    assert ApiToken.objects.filter(member=alice, revoked_at__isnull=True).count() == 2


def test_token_of_a_deactivated_user_is_refused(api, org):
    m = f.member(org)
    c = api(m)
    m.user.is_active = False
    m.user.save()
    assert_error(c.get("/api/entries/"), 401, error="authentication_failed")


def test_creating_a_token_asks_for_the_password_again(api, alice):
    c = session(api, alice)
    assert_error(c.post("/api/tokens/", {"name": "laptop"}), 400, "password")
    assert_error(c.post("/api/tokens/", {"name": "laptop", "password": "wrong"}), 400, "password")
    assert_error(api(alice).post("/api/tokens/", {"name": "via token"}), 400, "password")
    assert not ApiToken.objects.filter(name__in=["laptop", "via token"]).exists()
