"""Repeated failures are slowed down: sign-in lockout per account and address, API throttles."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings

from timeledger.core.models import AuditLog

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password, ip="203.0.113.7"):
    return client.post(
        "/login/",
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
    )


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, alice):
    alice.user.set_password(PASSWORD)
    alice.user.save()
    for _ in range(4):
        assert sign_in(client, alice.user.email, "wrong").status_code == 200  # form error
    r = sign_in(client, alice.user.email, "wrong")
    assert r.status_code == 429
    r = sign_in(client, alice.user.email, PASSWORD)
    assert r.status_code == 429
    assert b"Too many failed sign-ins" in r.content
    assert "_auth_user_id" not in client.session
    row = AuditLog.objects.get(organisation=alice.organisation, action="login.locked_out")
    assert row.after["ip_address"] == "203.0.113.7"
    # Another address still signs in: one attacker cannot lock the owner out everywhere.
    r = sign_in(client, alice.user.email, PASSWORD, ip="198.51.100.2")
    assert r.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, alice):
    alice.user.set_password(PASSWORD)
    alice.user.save()
    for _ in range(4):
        sign_in(client, alice.user.email, "wrong")
    assert sign_in(client, alice.user.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, alice.user.email, "wrong").status_code == 200


def rates(**kw):
    return override_settings(
        REST_FRAMEWORK={
            **api_settings.user_settings,
            "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "bad_token": None, **kw},
        }
    )


def test_bad_tokens_are_throttled_with_retry_after(api, alice, db):
    with rates(bad_token="3/minute"):
        bad = api(None)
        bad.credentials(HTTP_AUTHORIZATION="Token tl_nope")
        codes = [bad.get("/api/projects/").status_code for _ in range(5)]
        assert codes == [401, 401, 401, 429, 429]
        r = bad.get("/api/projects/")
        assert int(r["Retry-After"]) > 0
        assert r.json()["error"] == "throttled"
        # the right token from the same address is refused too until the window passes
        good = api(alice)
        assert good.get("/api/projects/").status_code == 429


def test_api_is_throttled_per_token(api, alice, manager):
    with rates(user="5/minute"):
        codes = [api(alice).get("/api/projects/").status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]
        r = api(alice).get("/api/projects/")
        assert r.status_code == 429 and int(r["Retry-After"]) > 0
        assert set(r.json()) == {"error", "message", "fields"}
        assert api(manager).get("/api/projects/").status_code == 200
