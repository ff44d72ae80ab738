"""The OpenAPI 3 schema at /api/openapi.json is valid and documents every operation."""

import json

import pytest
from openapi_spec_validator import validate


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        r = APIClient().get("/api/openapi.json")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(r.content)


def test_is_a_valid_openapi_3_document(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/entries/", {"get", "post"}),
        ("/api/entries/{id}/", {"get", "patch", "delete"}),
        ("/api/entries/{id}/restart/", {"post"}),
        ("/api/timer/", {"get"}),
        ("/api/timer/start/", {"post"}),
        ("/api/timer/stop/", {"post"}),
        ("/api/timer/switch/", {"post"}),
        ("/api/week/", {"get"}),
        ("/api/week/cells/", {"post"}),
        ("/api/clients/", {"get", "post"}),
        ("/api/projects/{id}/", {"get", "patch", "delete"}),
        ("/api/phases/", {"get", "post"}),
        ("/api/tasks/", {"get", "post"}),
        ("/api/milestones/", {"get", "post"}),
        ("/api/members/", {"get", "post"}),
        ("/api/members/{id}/", {"get", "patch"}),
        ("/api/tokens/", {"get", "post"}),
        ("/api/tokens/{id}/", {"delete"}),
    ],
)
def test_documents_the_operations(schema, path, methods):
    assert methods <= set(schema["paths"][path]), sorted(schema["paths"][path])


def test_token_authentication_is_described(schema):
    token = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert {"tokenAuth": []} in schema["paths"]["/api/entries/"]["get"]["security"]


def test_entry_filters_are_documented(schema):
    names = {p["name"] for p in schema["paths"]["/api/entries/"]["get"]["parameters"]}
    assert {
        "date_from",
        "date_to",
        "client",
        "project",
        "member",
        "billable",
        "status",
        "page",
        "page_size",
    } <= names


def test_error_shape_is_documented(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "message", "fields"}
    responses = schema["paths"]["/api/entries/"]["post"]["responses"]
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_schema_generation_has_no_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache, list(GENERATOR_STATS._warn_cache)
    assert not GENERATOR_STATS._error_cache, list(GENERATOR_STATS._error_cache)
