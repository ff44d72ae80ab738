"""``POST /api/members/`` tells the person: a new user gets a link to choose a password."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def _add(api, owner, capture, email):
    with capture(execute=True):
        r = api(owner).post("/api/members/", {"email": email, "role": "member"}, format="json")
    assert r.status_code == 201, r.json()
    return r.json()


def test_a_new_person_gets_a_set_password_link_that_signs_them_in(
    api, owner, client, django_capture_on_commit_callbacks
):
    _add(api, owner, django_capture_on_commit_callbacks, "Nina@Example.com")

    (message,) = mail.outbox
    assert message.to == ["nina@example.com"] and owner.organisation.name in message.subject
    path = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form_url = client.get(path)["Location"]
    r = client.post(
        form_url, {"new_password1": "Nina-horse-2026", "new_password2": "Nina-horse-2026"}
    )
    assert r["Location"] == "/password/reset/complete/"
    r = client.post("/login/", {"username": "nina@example.com", "password": "Nina-horse-2026"})
    assert r.status_code == 302


def test_an_existing_user_is_told_without_a_password_link(
    api, owner, outsider, django_capture_on_commit_callbacks
):
    _add(api, owner, django_capture_on_commit_callbacks, outsider.user.email)

    (message,) = mail.outbox
    assert "/login/" in message.body and "/password/reset/" not in message.body


def test_a_refused_add_sends_nothing(api, owner, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = api(owner).post("/api/members/", {"email": alice.user.email}, format="json")
    assert r.status_code == 400 and mail.outbox == []
