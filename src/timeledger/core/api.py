"""API plumbing shared by every app: one error shape, pagination, tenant-scoped viewsets."""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "non_field_errors" if key in ("__all__", "non_field_errors") else str(key)
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{name}.{sub}"] = msgs
            elif isinstance(value, list | tuple):
                msgs = []
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        for sub, sub_msgs in _flatten(item).items():
                            out[f"{name}[{i}].{sub}"] = sub_msgs
                    else:
                        msgs.append(str(item))
                if msgs:
                    out[name] = msgs
            else:
                out[name] = [str(value)]
        return out
    if isinstance(detail, list | tuple):
        return {"non_field_errors": [str(item) for item in detail]}
    return {"non_field_errors": [str(detail)]}


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = gettext_lazy("The request body is too large.")


def exception_handler(exc, context):
    """Every API error has the shape ``{"error": code, "message": text, "fields": {name: [msg]}}``."""
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):
        # Django's limit (DATA_UPLOAD_MAX_MEMORY_SIZE); without this it is an HTML 400 page.
        exc = RequestTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(str(exc) or _("Bad request."))
    elif isinstance(exc, DataError):
        # PostgreSQL refusing a value its column cannot hold (numeric overflow): the serializers
        # bound what they know; this is the backstop, as bad input rather than a 500.
        exc = exceptions.ValidationError(
            {"non_field_errors": [_("A value is out of range for what can be stored.")]}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.items()))
        message = first[1][0] if first[0] == "non_field_errors" else f"{first[0]}: {first[1][0]}"
        response.data = {"error": "invalid", "message": message, "fields": fields}
    else:
        detail = getattr(exc, "detail", str(exc))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"error": str(code), "message": str(detail), "fields": {}}
    return response


def is_schema_request(view) -> bool:
    """True while drf-spectacular builds the schema (a fake request with no organisation)."""
    return getattr(view, "swagger_fake_view", False)


class TenantViewSet(viewsets.ModelViewSet):
    """Scopes every query to ``request.organisation`` — the one place API reads are filtered.

    Subclasses declare ``queryset``; they never filter by organisation themselves.
    """

    def get_queryset(self):
        if is_schema_request(self):
            return super().get_queryset().none()
        return super().get_queryset().filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organisation"] = getattr(self.request, "organisation", None)
        return context


def error_response(message: str, status: int = 400, field: str = "non_field_errors") -> Response:
    return Response(
        {"error": "invalid", "message": message, "fields": {field: [message]}}, status=status
    )


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    """Unknown paths under ``/api/`` answer in the API's error shape, not an HTML page."""
    raise exceptions.NotFound(_("No API endpoint at %(path)s.") % {"path": request.path})


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every 4xx answer of the API.",
    "properties": {
        "error": {"type": "string", "description": "Machine-readable code, e.g. invalid."},
        "message": {"type": "string", "description": "One line for a person."},
        "fields": {
            "type": "object",
            "description": "Messages per input field (non_field_errors for the whole input).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["error", "message", "fields"],
}
_ERROR_RESPONSES = {
    # Every operation: a refused delete ("archive the client's projects first") and a read that
    # cannot be answered ("invoice 1 has no e-invoice") are 400s too.
    "400": "Invalid input or a refused action; see fields.",
    "401": "No or invalid token.",
    "403": "Your role may not do this.",
    "404": "Not found (or belongs to another organisation).",
}

# Operations that take an Idempotency-Key (``core.idempotency``).
_IDEMPOTENCY_RESPONSES = {
    "409": "A request with this Idempotency-Key is still being processed; retry.",
    "422": "This Idempotency-Key was used with another request body.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: document the error shape on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in _ERROR_RESPONSES.items():
                paginated = any(p.get("name") == "page" for p in operation.get("parameters", []))
                if code == "404" and "{" not in path and not paginated:
                    continue
                if code == "404" and "{" not in path:
                    description = "No such page (``page`` past the last one)."
                operation["responses"].setdefault(
                    code, {"description": description, "content": ref}
                )
            if any(p.get("name") == "Idempotency-Key" for p in operation.get("parameters", [])):
                for code, description in _IDEMPOTENCY_RESPONSES.items():
                    operation["responses"].setdefault(
                        code, {"description": description, "content": ref}
                    )
    return result


def _enum_varname(value: str) -> str:
    text = value.replace("+", "_PLUS_").replace("-", "_MINUS_")
    text = re.sub(r"\W+", "_", text).strip("_").upper() or "EMPTY"
    return f"V_{text}" if text[0].isdigit() else text


def name_enum_members(result, generator, request, public):
    """drf-spectacular post-processing hook: ``x-enum-varnames`` for enums whose values would
    collide as identifiers in generated clients (time zones ``GMT+0``, ``GMT-0`` and ``GMT0``)."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        values = schema.get("enum")
        if not values or not all(isinstance(v, str) for v in values):
            continue
        names, seen = [], set()
        for value in values:
            name, n = _enum_varname(value), 2
            while name in seen:
                name, n = f"{_enum_varname(value)}_{n}", n + 1
            seen.add(name)
            names.append(name)
        schema["x-enum-varnames"] = names
    return result
