"""Two-factor sign-in: TOTP after the password, recovery codes once each, the organisation's
requirement for owners, admins and accountants, API tokens unaffected."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from timeledger.accounts import two_factor
from timeledger.accounts.roles import Role
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _sign_in(client, member):
    return client.post("/login/", {"username": member.user.email, "password": f.DEFAULT_PASSWORD})


def _enable(client, member) -> tuple[TOTPDevice, list[str]]:
    """Set up the authenticator through the page; returns it and the recovery codes shown."""
    client.force_login(member.user)
    page = client.get("/account/two-factor/").content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=member.user, confirmed=False)
    r = client.post("/account/two-factor/", {"action": "confirm", "code": _code(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", r.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    return device, codes


def test_setting_up_needs_a_right_code(client, alice):
    client.force_login(alice.user)
    client.get("/account/two-factor/")
    r = client.post("/account/two-factor/", {"action": "confirm", "code": "000000"})
    assert r.status_code == 400 and "not right" in r.content.decode()
    assert not two_factor.has_two_factor(alice.user)


def test_after_the_password_the_code_is_asked_and_nothing_opens_without_it(client, alice, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise blocks the next for 1 s
    device, _ = _enable(client, alice)
    r = _sign_in(client, alice)
    assert r.status_code == 302
    r = client.get("/today/")
    assert r.status_code == 302 and r["Location"] == "/login/two-factor/?next=%2Ftoday%2F"
    r = client.get("/api/entries/")
    assert r.status_code == 403 and r.json()["error"] == "two_factor_required"
    r = client.post("/login/two-factor/?next=/today/", {"code": "123456", "next": "/today/"})
    assert r.status_code == 400
    device.refresh_from_db()
    # the next step's code: the one used at set-up is never accepted twice (replay)
    r = client.post("/login/two-factor/", {"code": _code(device, drift=1), "next": "/today/"})
    assert r["Location"] == "/today/"
    assert client.get("/today/").status_code == 200


def test_recovery_codes_work_once_each(client, alice, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # a wrong code otherwise blocks the next for 1 s
    _, codes = _enable(client, alice)
    _sign_in(client, alice)
    assert client.post("/login/two-factor/", {"code": codes[0]})["Location"] == "/"
    assert client.get("/today/").status_code == 200
    client.logout()
    _sign_in(client, alice)
    r = client.post("/login/two-factor/", {"code": codes[0]})
    assert r.status_code == 400 and "works once" in r.content.decode()
    assert client.post("/login/two-factor/", {"code": codes[1]}).status_code == 302
    assert two_factor.recovery_codes_left(alice.user) == 8


def test_the_organisation_requires_it_for_owners_admins_and_accountants(
    client, org, owner, accountant, alice
):
    org.require_two_factor = True
    org.save()
    for member in (owner, accountant):
        client.force_login(member.user)
        r = client.get("/invoices/")
        assert r["Location"].startswith("/account/two-factor/"), member.role
        assert "requires two-factor sign-in" in client.get("/account/two-factor/").content.decode()
    client.force_login(alice.user)  # a member is not required to
    assert client.get("/today/").status_code == 200


def test_when_required_it_cannot_be_turned_off(client, org, owner):
    _enable(client, owner)
    org.require_two_factor = True
    org.save()
    client.force_login(owner.user)
    session = client.session
    device = TOTPDevice.objects.get(user=owner.user)
    client.post("/login/two-factor/", {"code": _code(device, drift=1)})
    session = client.session
    assert session.get("otp_device_id")
    r = client.post("/account/two-factor/", {"action": "disable", "password": f.DEFAULT_PASSWORD})
    assert r.status_code == 400 and "requires two-factor" in r.content.decode()
    assert two_factor.has_two_factor(owner.user)


def test_turning_it_off_needs_the_password(client, alice):
    device, _ = _enable(client, alice)
    client.force_login(alice.user)
    client.post("/login/two-factor/", {"code": _code(device, drift=1)})
    r = client.post("/account/two-factor/", {"action": "disable", "password": "wrong"})
    assert r.status_code == 400 and two_factor.has_two_factor(alice.user)
    client.post("/account/two-factor/", {"action": "disable", "password": f.DEFAULT_PASSWORD})
    assert not two_factor.has_two_factor(alice.user)


def test_api_tokens_are_not_affected(api, client, org, owner):
    _enable(client, owner)
    org.require_two_factor = True
    org.save()
    assert api(owner).get("/api/members/me/").status_code == 200


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MANAGER])
def test_the_policy_names_only_the_three_roles(org, role):
    org.require_two_factor = True
    org.save()
    assert not two_factor.is_required(f.member(org, role))
    assert two_factor.is_required(f.member(org, Role.ADMIN))
