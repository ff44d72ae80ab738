"""Rates API: status codes, field errors in the one error shape, tenancy, explanation, preview."""

import datetime as dt

from timeledger.rates.locking import lock_entries
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
BODY = {
    "level": "organisation",
    "amount": "95.00",
    "currency": "EUR",
    "effective_from": "2026-01-01",
}


def test_manager_creates_and_lists_rates(api, manager, accountant):
    r = api(manager).post("/api/rates/", BODY, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["source"] == "organisation default rate 95.00 EUR, effective 2026-01-01"
    listed = api(accountant).get("/api/rates/").json()
    assert [x["amount"] for x in listed["results"]] == ["95.00"]


def test_negative_rate_gives_field_error(api, manager):
    r = api(manager).post("/api/rates/", {**BODY, "amount": "-1"}, format="json")
    assert r.status_code == 400
    assert r.json() == {
        "error": "invalid",
        "message": "amount: A rate cannot be negative.",
        "fields": {"amount": ["A rate cannot be negative."]},
    }


def test_unknown_currency_and_overlap_give_field_errors(api, manager):
    c = api(manager)
    r = c.post("/api/rates/", {**BODY, "currency": "ABC"}, format="json")
    assert r.status_code == 400 and "Unknown currency 'ABC'" in r.json()["fields"]["currency"][0]
    assert c.post("/api/rates/", BODY, format="json").status_code == 201
    r = c.post("/api/rates/", BODY, format="json")
    assert r.status_code == 400
    assert "already starts on this date" in r.json()["fields"]["effective_from"][0]


def test_member_cannot_read_or_write_rates(api, alice):
    assert api(alice).get("/api/rates/").status_code == 403
    assert api(alice).post("/api/rates/", BODY, format="json").status_code == 403


def test_accountant_reads_but_cannot_write(api, accountant):
    assert api(accountant).post("/api/rates/", BODY, format="json").status_code == 403


def test_outsider_sees_nothing(api, org, outsider, project, alice):
    rate = f.rate(org, "90.00")
    e = f.entry(alice, project, day=D(2026, 2, 2))
    c = api(outsider)
    assert c.get("/api/rates/").json()["results"] == []
    assert c.get(f"/api/rates/{rate.pk}/").status_code == 404
    assert c.patch(f"/api/rates/{rate.pk}/", {"amount": "1"}, format="json").status_code == 404
    assert c.get(f"/api/entries/{e.pk}/rate/").status_code == 404
    r = c.post("/api/rates/", {**BODY, "level": "project", "project": project.pk}, format="json")
    assert r.status_code == 400 and "project" in r.json()["fields"]


def test_update_and_delete(api, manager, org):
    rate = f.rate(org, "90.00")
    c = api(manager)
    r = c.patch(f"/api/rates/{rate.pk}/", {"amount": "91.50"}, format="json")
    assert r.status_code == 200 and r.json()["amount"] == "91.50"
    assert c.delete(f"/api/rates/{rate.pk}/").status_code == 204


def test_entry_rate_explanation(api, manager, org, project, alice):
    arch = f.task(project, "Architecture")
    f.rate(org, "90.00")
    f.rate(org, "150.00", level="task", task=arch, effective_from=D(2026, 1, 1))
    e = f.entry(alice, project, day=D(2026, 2, 2), t=arch)
    body = api(manager).get(f"/api/entries/{e.pk}/rate/").json()
    assert (
        body["billing"]["explanation"]
        == "task rate 'Architecture' 150.00 EUR, effective 2026-01-01"
    )
    assert body["billing"]["amount"] == "150.00"
    assert body["cost"]["found"] is False
    assert [s["level"] for s in body["billing_steps"] if s["wins"]] == ["task"]
    assert body["locked"] is None

    lock_entries(TimeEntry.objects.filter(pk=e.pk))
    body = api(manager).get(f"/api/entries/{e.pk}/rate/").json()
    assert body["is_locked"] is True
    assert body["locked"]["amount"] == "150.00"
    assert (
        body["locked"]["rate_source"] == "task rate 'Architecture' 150.00 EUR, effective 2026-01-01"
    )


def test_override_via_api_managers_only(api, manager, alice, project, org):
    e = f.entry(alice, project, day=D(2026, 2, 2))
    assert (
        api(alice)
        .put(f"/api/entries/{e.pk}/rate/", {"rate_override": "200"}, format="json")
        .status_code
        == 403
    )
    r = api(manager).put(f"/api/entries/{e.pk}/rate/", {"rate_override": "200.00"}, format="json")
    assert r.status_code == 200
    assert r.json()["billing"]["explanation"] == "entry override 200.00 EUR, set on the entry"
    r = api(manager).put(f"/api/entries/{e.pk}/rate/", {"rate_override": "-3"}, format="json")
    assert r.status_code == 400 and r.json()["fields"]["rate_override"] == [
        "A rate cannot be negative."
    ]


def test_preview_endpoint(api, manager, org, project, alice):
    f.rate(org, "100.00")
    f.entry(alice, project, day=D(2026, 2, 2), hours="2")
    r = api(manager).post(
        "/api/rates/preview/",
        {**BODY, "level": "project", "project": project.pk, "amount": "120"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json() == {
        "entries": 1,
        "hours": "2.00",
        "totals": [{"currency": "EUR", "before": "200.00", "after": "240.00", "change": "40.00"}],
        "missing_before": 0,
        "missing_after": 0,
    }
    bad = api(manager).post("/api/rates/preview/", {**BODY, "amount": "-5"}, format="json")
    assert bad.status_code == 400 and "amount" in bad.json()["fields"]
