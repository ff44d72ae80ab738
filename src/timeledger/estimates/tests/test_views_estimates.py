"""Estimate screens and the client link: create from typed lines, send, accept with a typed
name (IP recorded), inline errors, decline; other organisations and drafts see nothing."""

import datetime as dt

from django.core import mail
from django.test import Client

from timeledger.estimates.models import Estimate, EstimateStatus
from timeledger.estimates.tests.helpers import draft, sent
from timeledger.projects.models import Project

FAR = dt.date(2099, 12, 31)
LINES = """Discovery | Workshops | 12 | 150.00
Discovery | Travel | expenses | 400.00
? Build | Reports | 8 | 120.00
Build | Shop front | 40 | 120.00"""


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


def test_create_and_send_from_the_screens(org, owner, client_, django_capture_on_commit_callbacks):
    c = login(owner)
    r = c.post(
        "/estimates/new/",
        {
            "client": client_.pk,
            "project_code": "SHOP",
            "title": "Web shop",
            "valid_until": "2099-12-31",
            "billing_terms": "hourly",
            "lines": LINES,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    e = Estimate.objects.get()
    assert [p.name for p in e.phases.all()] == ["Discovery", "Build"]
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/estimates/{e.pk}/send/", {"to": "buyer@acme.example"})
    e.refresh_from_db()
    assert e.status == EstimateStatus.SENT and len(mail.outbox) == 1
    assert f"http://testserver/q/{e.public_token}/" in mail.outbox[0].body
    page = c.get(f"/estimates/{e.pk}/").content.decode()
    assert e.number in page and "Client link" in page
    assert c.get(f"/estimates/{e.pk}/pdf/")["Content-Type"] == "application/pdf"


def test_bad_lines_show_inline(org, owner, client_):
    r = login(owner).post(
        "/estimates/new/",
        {
            "client": client_.pk,
            "project_code": "SHOP",
            "title": "Web shop",
            "valid_until": "2099-12-31",
            "billing_terms": "hourly",
            "lines": "Discovery | Workshops | twelve",
        },
    )
    assert r.status_code == 200 and "Line 1: phase | description" in r.content.decode()


def test_client_accepts_on_the_link(org, owner, client_):
    e = sent(owner, client_, valid_until=FAR)
    anon = Client(REMOTE_ADDR="203.0.113.7")
    page = anon.get(f"/q/{e.public_token}/").content.decode()
    assert "Accept estimate" in page and "Reports" in page  # the optional line to choose
    r = anon.post(f"/q/{e.public_token}/", {"decision": "accept", "name": ""})
    assert "Type your name to accept." in r.content.decode()
    r = anon.post(f"/q/{e.public_token}/", {"decision": "accept", "name": "Jo Buyer"})
    assert r.status_code == 302
    e.refresh_from_db()
    assert (e.status, e.decided_name, e.decided_ip) == ("accepted", "Jo Buyer", "203.0.113.7")
    assert Project.objects.get(code="SHOP").budget_amount == e.project.budget_amount
    assert "Accepted by Jo Buyer" in anon.get(f"/q/{e.public_token}/").content.decode()


def test_client_declines_with_a_comment(org, owner, client_):
    e = sent(owner, client_, valid_until=FAR)
    anon = Client()
    r = anon.post(f"/q/{e.public_token}/", {"decision": "decline", "comment": ""})
    assert "Tell us why" in r.content.decode()
    anon.post(f"/q/{e.public_token}/", {"decision": "decline", "comment": "Over budget"})
    e.refresh_from_db()
    assert e.status == EstimateStatus.DECLINED and not Project.objects.filter(code="SHOP").exists()


def test_drafts_and_unknown_tokens_are_404(org, owner, client_, outsider):
    d = draft(owner, client_)
    assert Client().get(f"/q/{d.public_token}/").status_code == 404
    assert Client().get("/q/nope/").status_code == 404
    assert login(outsider).get(f"/estimates/{d.pk}/").status_code == 404
