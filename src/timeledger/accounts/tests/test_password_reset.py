"""Password reset by e-mail, end to end, with Django's views in the app's pages."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)


def test_reset_by_email_end_to_end(client, alice):
    assert "Forgot your password?" in client.get("/login/").content.decode()
    r = client.post("/password/reset/", {"email": "ALICE@example.com"})
    assert r.status_code == 302 and r["Location"] == "/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your Timeledger password"
    # the link redirects to the set-password form (Django hides the token from the URL)
    form_url = client.get(_link(message))["Location"]
    assert "Choose a new password" in client.get(form_url).content.decode()
    r = client.post(
        form_url, {"new_password1": "New-horse-2026", "new_password2": "New-horse-2026"}
    )
    assert r["Location"] == "/password/reset/complete/"
    alice.user.refresh_from_db()
    assert alice.user.check_password("New-horse-2026")
    r = client.post("/login/", {"username": "alice@example.com", "password": "New-horse-2026"})
    assert r.status_code == 302
    # the link works once
    client.logout()
    assert "does not work" in client.get(_link(message), follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, alice):
    r = client.post("/password/reset/", {"email": "nobody@example.com"})
    assert r["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


def test_a_weak_new_password_is_refused_next_to_the_field(client, alice):
    client.post("/password/reset/", {"email": "alice@example.com"})
    form_url = client.get(_link(mail.outbox[0]))["Location"]
    body = client.post(form_url, {"new_password1": "123", "new_password2": "123"}).content.decode()
    assert "has-error field-new_password2" in body
