"""The estimates API: create with phases, field errors in the one shape, send, revise,
tenancy and roles."""

from django.core import mail

from timeledger.estimates.models import Estimate

BODY = {
    "title": "Web shop",
    "valid_until": "2099-12-31",
    "billing_terms": "hourly",
    "project_code": "SHOP",
    "phases": [
        {
            "name": "Discovery",
            "lines": [{"description": "Workshops", "hours": "12", "rate": "150.00"}],
        },
        {
            "name": "Build",
            "lines": [
                {"description": "Shop front", "hours": "40", "rate": "120.00"},
                {"description": "Licence", "kind": "fixed", "amount": "99.95"},
            ],
        },
    ],
}


def test_create_send_revise(api, owner, client_, django_capture_on_commit_callbacks):
    c = api(owner)
    r = c.post("/api/estimates/", {**BODY, "client": client_.pk}, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["hours"], body["amount"], body["status"]) == ("52.00", "6699.95", "draft")
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/api/estimates/{body['id']}/send/", {"to": ["b@acme.example"]}, format="json")
    assert r.status_code == 200 and r.json()["number"].startswith("EST-")
    assert len(mail.outbox) == 1
    r = c.post(f"/api/estimates/{body['id']}/revise/")
    assert r.status_code == 201 and r.json()["version"] == 2
    pdf = c.get(f"/api/estimates/{body['id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_field_errors_are_in_the_one_shape(api, owner, client_):
    bad = {
        **BODY,
        "client": client_.pk,
        "phases": [
            {"name": "X", "lines": [{"description": "Work", "hours": "0", "rate": "150.00"}]}
        ],
    }
    r = api(owner).post("/api/estimates/", bad, format="json")
    assert r.status_code == 400
    assert r.json()["fields"] == {"phases[0].lines[0].hours": ["A time line has hours and a rate."]}
    r = api(owner).post(
        "/api/estimates/",
        {**BODY, "client": client_.pk, "rate": "x", "valid_until": "nope"},
        format="json",
    )
    assert r.status_code == 400 and "valid_until" in r.json()["fields"]


def test_members_and_outsiders_see_nothing(api, owner, alice, outsider, client_):
    api(owner).post("/api/estimates/", {**BODY, "client": client_.pk}, format="json")
    e = Estimate.objects.get()
    assert api(alice).get("/api/estimates/").status_code == 403
    assert api(outsider).get(f"/api/estimates/{e.pk}/").status_code == 404
    r = api(outsider).post("/api/estimates/", {**BODY, "client": client_.pk}, format="json")
    assert r.status_code == 400 and "client" in r.json()["fields"]
