"""Bad input found by probing answered 500 (or an HTML page); each is a 4xx in the one JSON shape.
Runs on SQLite and PostgreSQL (the NUL byte and the id overflow differ between them)."""

import json

import pytest

HUGE = 99999999999999999999


def assert_error(r, status):
    assert r.status_code == status, r.content[:300]
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error", "message", "fields"}
    return body


@pytest.fixture
def owner_api(api, owner):
    return api(owner)


def test_huge_actor_filter(owner_api):
    assert_error(owner_api.get(f"/api/audit-log/?actor={HUGE}"), 400)


@pytest.mark.parametrize("path", ["/api/approvals/approve/", "/api/projects/{p}/cap/accept/"])
def test_huge_entry_ids(owner_api, project, path):
    r = owner_api.post(path.format(p=project.pk), {"entries": [HUGE]}, format="json")
    body = assert_error(r, 400)
    assert "entries" in " ".join(body["fields"])


def test_huge_related_id(owner_api, project):
    r = owner_api.post(
        "/api/entries/", {"project": HUGE, "date": "2026-11-10", "duration": "1:00"}, format="json"
    )
    assert "project" in assert_error(r, 400)["fields"]


def test_deeply_nested_body(owner_api):
    deep = "[" * 100_000 + "]" * 100_000
    r = owner_api.generic("POST", "/api/entries/", deep, content_type="application/json")
    assert "nested too deeply" in assert_error(r, 400)["message"]


def test_far_week_in_the_audit_report(owner_api):
    body = assert_error(owner_api.get("/api/reports/audit/?week=9999-12-31"), 400)
    assert body["fields"]["week"] == ["Date must fall between 1900 and 2999."]


def test_nul_byte_in_the_client_link(client, db):
    r = client.get("/i/a%00b/")
    assert r.status_code == 404


def test_ten_megabyte_body_is_json(owner_api):
    big = json.dumps({"description": "x" * 10_000_000})
    body = assert_error(owner_api.generic("POST", "/api/entries/", big, "application/json"), 413)
    assert body["error"] == "too_large"


def test_form_bodies_are_refused_where_the_api_takes_json(owner_api):
    r = owner_api.post("/api/clients/", {"code": "X", "name": "X"}, format="multipart")
    assert_error(r, 415)


def test_dates_are_bounded_in_forms_and_services(client, owner):
    from timeledger.rates import services as rates

    client.force_login(owner.user)
    r = client.get("/reports/audit/", {"week": "9999-12-31"})
    assert r.status_code == 200 and b"Date must fall between 1900 and 2999." in r.content
    with pytest.raises(Exception) as err:
        rates.save_rate(
            None,
            {
                "level": "organisation",
                "amount": "10",
                "currency": "EUR",
                "effective_from": "9999-12-31",
            },
            by=owner,
        )
    assert "1900 and 2999" in str(err.value)
