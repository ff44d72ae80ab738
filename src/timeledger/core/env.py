"""Typed access to environment variables that fails loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env_str(name: str, default: str | None | object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is _MISSING or default is None:
        raise ImproperlyConfigured(f"environment variable {name} is required")
    return default  # type: ignore[return-value]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
