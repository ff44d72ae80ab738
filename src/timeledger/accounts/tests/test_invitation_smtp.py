"""An invitation over real SMTP (aiosmtpd on loopback): the e-mailed link lets the invitee in."""

import pytest

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.testing.smtp import smtp_server

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_invitation_email_arrives_and_its_link_works(client, settings, transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, Role.OWNER, email="owner@example.com")
    client.force_login(owner.user)
    with smtp_server(settings) as inbox:
        r = client.post("/members/", {"email": "nina@example.com", "role": "member"})
        assert r.status_code == 302
        (message,) = inbox.wait_for(1)
    assert message["To"] == "nina@example.com"
    assert message["Subject"].endswith("invites you to Acme Consulting on Timeledger")
    (link,) = inbox.links(message)
    client.logout()
    path = link.removeprefix("http://testserver")
    r = client.post(path, {"first_name": "Nina", "password": "Correct-horse-42"})
    assert r["Location"] == "/today/"
    assert Member.objects.get(user__email="nina@example.com").organisation == org
