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


def _ref(schema, node):
    name = node["$ref"].rsplit("/", 1)[-1]
    return schema["components"]["schemas"][name]


def test_draft_timesheet_is_declared_as_the_array_it_returns(schema):
    body = schema["paths"]["/api/billing/drafts/{id}/timesheet/"]["get"]["responses"]["200"]
    declared = body["content"]["application/json"]["schema"]
    assert declared["type"] == "array"
    row = _ref(schema, declared["items"])
    assert set(row["properties"]) == {"date", "member", "task", "description", "hours"}


@pytest.mark.parametrize(
    ("path", "method"), [("/api/lock-date/", "get"), ("/api/lock-date/", "put")]
)
def test_lock_date_is_declared_nullable(schema, path, method):
    ok = schema["paths"][path][method]["responses"]["200"]["content"]["application/json"]
    assert _ref(schema, ok["schema"])["properties"]["lock_date"].get("nullable") is True


def test_organisation_vat_preset_is_declared_nullable(schema):
    ok = schema["paths"]["/api/organisation/"]["get"]["responses"]["200"]["content"]
    assert _ref(schema, ok["application/json"]["schema"])["properties"]["vat_preset"]["nullable"]


def test_paginated_lists_document_the_404_of_a_page_past_the_end(schema):
    lists = [
        (path, ops["get"])
        for path, ops in schema["paths"].items()
        if "get" in ops and any(p["name"] == "page" for p in ops["get"].get("parameters", []))
    ]
    assert len(lists) > 20
    assert [path for path, op in lists if "404" not in op["responses"]] == []


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/billing/drafts/{id}/lines/", {"description", "quantity", "unit_price"}),
        ("/api/billing/drafts/{id}/discount/", {"amount", "percent"}),
        ("/api/billing/drafts/{id}/remove-entries/", {"entries"}),
        ("/api/billing/drafts/{id}/regroup/", {"grouping"}),
        ("/api/billing/drafts/{id}/approve/", {"estimate_note"}),
        ("/api/billing/drafts/{id}/underrun/", {"choice", "amount"}),
        ("/api/change-orders/{id}/approve/", {"note"}),
        ("/api/bank-statements/settings/", {"auto_record"}),
    ],
)
def test_action_request_bodies_are_what_the_action_reads(schema, path, fields):
    """Not the resource's read-only serializer: the fields the action takes, JSON only."""
    ops = schema["paths"][path]
    op = ops.get("post") or ops["patch"]
    content = op["requestBody"]["content"]
    assert set(content) == {"application/json"}
    assert fields <= set(_ref(schema, content["application/json"]["schema"])["properties"])


@pytest.mark.parametrize(
    ("path", "code"),
    [("/api/billing/drafts/{id}/lines/", "201"), ("/api/billing/drafts/{id}/discount/", "201")],
)
def test_created_status_is_declared(schema, path, code):
    assert set(schema["paths"][path]["post"]["responses"]) & {"200", "201"} == {code}


def test_json_only_operations_advertise_json_only(schema):
    """Form and multipart are advertised only where a file is uploaded."""
    multi = sorted(
        (path, method)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if isinstance(op, dict) and len(op.get("requestBody", {}).get("content", {})) > 1
    )
    uploads = {"/api/expenses/", "/api/expenses/{id}/", "/api/imports/", "/api/organisation/"}
    assert {path for path, _ in multi} <= uploads | {
        "/api/imports/{id}/commit/",
        "/api/imports/{id}/preview/",
    }


def test_idempotent_operations_document_409_and_422(schema):
    ops = [
        (path, method)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
        if isinstance(op, dict)
        and any(p["name"] == "Idempotency-Key" for p in op.get("parameters", []))
    ]
    assert ("/api/payments/", "post") in ops
    for path, method in ops:
        responses = schema["paths"][path][method]["responses"]
        assert {"409", "422"} <= set(responses), (path, method)
        assert responses["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_deletes_and_detail_reads_document_400(schema):
    """``DELETE /api/clients/{id}/`` refuses while projects are open; a draft has no e-invoice."""
    assert "400" in schema["paths"]["/api/clients/{id}/"]["delete"]["responses"]
    assert "400" in schema["paths"]["/api/invoices/{id}/einvoice/"]["get"]["responses"]
