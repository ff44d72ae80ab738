"""Assertions for API tests: every 4xx has the one error shape of ``core.api``."""

from __future__ import annotations


def assert_error(response, status: int, *fields: str, error: str | None = None) -> dict:
    """Check ``response`` is a ``status`` error in the shape {"error", "message", "fields"}.

    ``fields``: the field names that must carry a message. Returns the body.
    """
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error", "message", "fields"}, body
    assert isinstance(body["message"], str) and body["message"], body
    assert isinstance(body["fields"], dict), body
    for name in fields:
        assert name in body["fields"], (name, body)
        assert all(isinstance(m, str) and m for m in body["fields"][name]), body
    if error is not None:
        assert body["error"] == error, body
    return body
