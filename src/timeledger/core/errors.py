"""The one way a service refuses bad input: a ``ValidationError`` in the project's error shape
(``{field: [message]}``), which the API turns into a 400 with field-level messages, the CLI into
one line and the pages into an inline message."""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import ValidationError

NON_FIELD = "non_field_errors"


def fail(message: str, field: str = NON_FIELD) -> NoReturn:
    """Refuse with one message, on ``field`` or on the whole input."""
    raise ValidationError({field: [message]})


def fail_fields(**errors: str) -> NoReturn:
    """Refuse with a message per field: ``fail_fields(quantity="Enter a number.")``."""
    raise ValidationError({field: [message] for field, message in errors.items()})
