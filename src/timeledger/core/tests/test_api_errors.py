"""Every 4xx of the API has one JSON shape: {"error", "message", "fields"}."""

from timeledger.testing import factories as f
from timeledger.testing.api import assert_error


def test_401_without_credentials(api, db):
    body = assert_error(api().get("/api/entries/"), 401, error="not_authenticated")
    assert body["fields"] == {}


def test_401_with_a_bad_or_revoked_token(api, alice):
    c = api()
    c.credentials(HTTP_AUTHORIZATION="Token tl_nope")
    assert_error(c.get("/api/entries/"), 401, error="authentication_failed")
    c.credentials(HTTP_AUTHORIZATION="Token two parts")
    assert_error(c.get("/api/entries/"), 401)


def test_401_answer_names_the_scheme(api, db):
    assert api().get("/api/projects/")["WWW-Authenticate"] == "Token"


def test_403_when_the_role_may_not(api, alice):
    r = api(alice).post("/api/clients/", {"code": "X", "name": "X"}, format="json")
    assert_error(r, 403, error="permission_denied")


def test_404_for_a_missing_row_and_an_unknown_path(api, alice):
    assert_error(api(alice).get("/api/projects/999999/"), 404, error="not_found")
    assert_error(api(alice).get("/api/no-such-thing/"), 404, error="not_found")
    assert_error(api().post("/api/entries/1/approve/"), 404, error="not_found")


def test_405_for_a_method_the_endpoint_lacks(api, alice):
    assert_error(api(alice).put("/api/timer/"), 405, error="method_not_allowed")
    assert_error(api(alice).delete("/api/timer/start/"), 405)


def test_400_for_malformed_json(api, alice):
    r = api(alice).post("/api/entries/", "{not json", content_type="application/json")
    assert_error(r, 400, error="parse_error")


def test_400_lists_every_field_and_names_the_first_in_the_message(api, manager):
    r = api(manager).post("/api/projects/", {"code": "bad code!"}, format="json")
    body = assert_error(r, 400, "code", "name", "client", error="invalid")
    assert body["message"].split(":")[0] in body["fields"]


def test_415_for_an_unsupported_media_type(api, alice):
    r = api(alice).post("/api/entries/", "a=b", content_type="text/plain")
    assert_error(r, 415, error="unsupported_media_type")


def test_nested_errors_are_flattened():
    from timeledger.core.api import _flatten

    assert _flatten({"a": {"b": ["x"]}, "c": [{"d": ["y"]}, "z"], "__all__": ["w"]}) == {
        "a.b": ["x"],
        "c[0].d": ["y"],
        "c": ["z"],
        "non_field_errors": ["w"],
    }


def test_django_validation_error_from_a_service_becomes_a_field_error(api, alice, project):
    f.entry(alice, project, day=project.created_at.date())
    r = api(alice).post(
        "/api/entries/",
        {"project": project.pk, "date": "2026-01-01", "seconds": 86400 + 1},
        format="json",
    )
    assert_error(r, 400, "duration")
