"""Invitations: single use, 7 days, resend voids the old link, revoke, roles and tenancy."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from timeledger.accounts import invitations
from timeledger.accounts.models import Invitation, Member, User
from timeledger.accounts.roles import Role
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "Correct-horse-42"


def committed(service, *args, **kwargs):
    """Call ``service`` and run what it queued for after the commit (the e-mail)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return service(*args, **kwargs)


def _invite(by, email="new@example.com", *, now=NOW, **kw):
    """Invite and return (invitation, token from the e-mailed link)."""
    before = len(mail.outbox)
    invitation = committed(
        invitations.invite, email, by=by, now=now, base_url="https://tl.example", **kw
    )
    assert len(mail.outbox) == before + 1
    message = mail.outbox[-1]
    token = message.body.split("https://tl.example/invite/")[1].split("/")[0]
    return invitation, token


def test_an_invitation_mails_a_link_that_lets_the_invitee_in(owner):
    invitation, token = _invite(owner, role=Role.MANAGER)
    message = mail.outbox[0]
    assert message.to == ["new@example.com"]
    assert "Acme Consulting" in message.subject and "as manager" in message.body
    assert "until 09 Mar 2026 09:00 UTC" in message.body
    assert invitation.expires_at == NOW + dt.timedelta(days=7)
    assert token not in invitation.token_hash  # only the hash is kept

    member = invitations.accept(
        token, first_name="Nina", last_name="Berg", password=PASSWORD, now=NOW
    )
    assert (member.organisation, member.role, member.is_active) == (
        owner.organisation,
        "manager",
        True,
    )
    assert member.user.get_full_name() == "Nina Berg" and member.user.check_password(PASSWORD)
    assert member.user.timezone == owner.organisation.time_zone
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.member) == (NOW, member)
    assert AuditLog.objects.filter(action="invite_accept").count() == 1


def test_a_link_works_once(owner):
    _, token = _invite(owner)
    invitations.accept(token, first_name="Nina", password=PASSWORD, now=NOW)
    with pytest.raises(ValidationError, match="used already"):
        invitations.accept(token, first_name="Eve", password=PASSWORD, now=NOW)
    assert Member.objects.filter(user__email="new@example.com").count() == 1


def test_a_link_expires_after_seven_days(owner):
    _, token = _invite(owner)
    late = NOW + dt.timedelta(days=7, seconds=1)
    with pytest.raises(ValidationError, match="expired on 09 Mar 2026"):
        invitations.accept(token, first_name="Nina", password=PASSWORD, now=late)
    assert not User.objects.filter(email="new@example.com").exists()
    # the day before it still works
    invitations.accept(token, first_name="Nina", password=PASSWORD, now=late - dt.timedelta(days=1))


def test_resending_voids_the_old_link_and_gives_seven_more_days(owner):
    invitation, old = _invite(owner)
    later = NOW + dt.timedelta(days=6)
    committed(invitations.resend, invitation, by=owner, base_url="https://tl.example", now=later)
    new = mail.outbox[-1].body.split("https://tl.example/invite/")[1].split("/")[0]
    assert new != old
    with pytest.raises(ValidationError, match="not valid"):
        invitations.accept(old, first_name="N", password=PASSWORD, now=later)
    member = invitations.accept(
        new, first_name="N", password=PASSWORD, now=later + dt.timedelta(days=6)
    )
    assert member.role == Role.MEMBER


def test_a_revoked_invitation_cannot_be_used_or_resent(owner):
    invitation, token = _invite(owner)
    invitations.revoke(invitation, by=owner, now=NOW)
    with pytest.raises(ValidationError, match="withdrawn"):
        invitations.accept(token, first_name="N", password=PASSWORD, now=NOW)
    with pytest.raises(ValidationError, match="revoked"):
        invitations.resend(invitation, by=owner, now=NOW)


def test_the_invitee_must_choose_a_name_and_a_real_password(owner):
    _, token = _invite(owner)
    with pytest.raises(ValidationError) as exc:
        invitations.accept(token, first_name="", password="123", now=NOW)
    assert {"first_name", "password"} <= set(exc.value.message_dict)
    assert Invitation.objects.get().accepted_at is None


def test_someone_with_an_account_joins_with_their_own_password(owner, outsider):
    _, token = _invite(owner, outsider.user.email)
    with pytest.raises(ValidationError, match="give its password"):
        invitations.accept(token, password="wrong", now=NOW)
    member = invitations.accept(token, password=f.DEFAULT_PASSWORD, now=NOW)
    assert member.user == outsider.user
    assert set(member.user.memberships.values_list("organisation__slug", flat=True)) == {
        "acme",
        "other",
    }


def test_a_deactivated_member_comes_back_with_their_history(owner, alice, project):
    f.entry(alice, project, day=dt.date(2026, 2, 2))
    alice.is_active = False
    alice.save()
    _, token = _invite(owner, alice.user.email, role=Role.MANAGER)
    member = invitations.accept(token, password=f.DEFAULT_PASSWORD, now=NOW)
    assert member.pk == alice.pk and member.is_active and member.role == Role.MANAGER
    assert TimeEntry.objects.filter(member=member).count() == 1


def test_an_expired_open_invitation_gives_way_to_a_new_one(owner):
    first, _ = _invite(owner)
    with pytest.raises(ValidationError, match="invited already"):
        invitations.invite("new@example.com", by=owner, now=NOW + dt.timedelta(days=1))
    second, _ = _invite(owner, now=NOW + dt.timedelta(days=8))
    first.refresh_from_db()
    assert first.revoked_at is not None and second.pk != first.pk


def test_members_are_not_invited_again(owner, alice):
    with pytest.raises(ValidationError, match="already a member"):
        invitations.invite(alice.user.email.upper(), by=owner)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.MEMBER, Role.ACCOUNTANT])
def test_only_owners_and_admins_invite(org, role):
    with pytest.raises(PermissionDenied):
        invitations.invite("x@example.com", by=f.member(org, role))


def test_only_an_owner_invites_an_owner(org, owner):
    admin = f.member(org, Role.ADMIN)
    with pytest.raises(PermissionDenied, match="owner"):
        invitations.invite("x@example.com", by=admin, role=Role.OWNER)
    _invite(owner, "x@example.com", role=Role.OWNER)


def test_a_client_viewer_is_invited_for_a_client_of_the_same_organisation(
    owner, client_, outsider_org
):
    with pytest.raises(ValidationError, match="linked to a client"):
        invitations.invite("v@example.com", by=owner, role=Role.CLIENT_VIEWER)
    theirs = f.client(outsider_org)
    with pytest.raises(ValidationError, match="Not found"):
        invitations.invite("v@example.com", by=owner, role=Role.CLIENT_VIEWER, client=theirs)
    _, token = _invite(owner, "v@example.com", role=Role.CLIENT_VIEWER, client=client_)
    member = invitations.accept(token, first_name="V", password=PASSWORD, now=NOW)
    assert (member.role, member.client) == (Role.CLIENT_VIEWER, client_)


def test_an_admin_of_another_organisation_cannot_resend_or_revoke(owner, outsider):
    invitation, _ = _invite(owner)
    with pytest.raises(ValidationError, match="Not found"):
        invitations.resend(invitation, by=outsider)
    with pytest.raises(ValidationError, match="Not found"):
        invitations.revoke(invitation, by=outsider)


def test_new_members_get_the_organisations_working_week(owner):
    org = owner.organisation
    org.working_days, org.working_hours_per_day = "1234", "7.50"
    org.save()
    _, token = _invite(owner)
    member = invitations.accept(token, first_name="N", password=PASSWORD, now=NOW)
    assert (member.working_days, str(member.weekly_capacity_hours)) == ("1234", "30.00")
