"""Typed access to environment variables that fails loudly on bad values."""

import hashlib
import os
import re
import secrets
import zoneinfo
from pathlib import Path

import dj_database_url
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


def env_dir(name: str, default: str) -> Path:
    """A folder the app writes to, created when missing; one that cannot be created (no such
    parent, no permission) is refused naming the variable."""
    path = Path(env_str(name, default))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"{name}={str(path)!r}: cannot create the folder ({exc.strerror}); "
            f"point {name} at a writable folder"
        ) from None
    return path


def env_time_zone(name: str, default: str) -> str:
    """An IANA zone name (``Europe/Amsterdam``)."""
    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a time zone (use an IANA name such as Europe/Amsterdam)"
        ) from None
    return value


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def env_log_level(name: str, default: str) -> str:
    value = env_str(name, default).strip().upper()
    if value not in LOG_LEVELS:
        raise ImproperlyConfigured(
            f"{name}={os.environ.get(name)!r} is not a log level (use one of {', '.join(LOG_LEVELS)})"
        )
    return value


def env_rate(name: str, default: str) -> str:
    """A rate as DRF's throttles read it: ``N/second``, ``N/minute``, ``N/hour`` or ``N/day``."""
    value = env_str(name, default).strip()
    if not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate (use e.g. 120/minute; per second, minute, hour or day)"
        )
    return value


def database(default_url: str, name: str = "DATABASE_URL") -> dict:
    """The ``DATABASES["default"]`` of ``DATABASE_URL``: unset or empty → ``default_url``.

    A URL that cannot be read, or a SQLite file in a folder that does not exist, stops the app
    with one line naming the variable and what to do (not a traceback from deep inside Django).
    """
    raw = os.environ.get(name, "").strip()
    url = raw or default_url
    try:
        config = dj_database_url.parse(url)
    except Exception as exc:  # UnknownSchemeError, ValueError: the library's way to say "bad URL"
        raise ImproperlyConfigured(
            f"{name}={_masked(url)!r} is not a database URL ({exc}); use "
            "sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name"
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] != ":memory:":
        folder = Path(config["NAME"]).parent
        if raw and not folder.is_dir():
            raise ImproperlyConfigured(
                f"{name}: the folder {folder} of the SQLite file does not exist; create it or "
                f"point {name} elsewhere"
            )
        folder.mkdir(parents=True, exist_ok=True)
    return config


def test_database_name(checkout: Path) -> str:
    """The default test database of a checkout: ``test_timeledger_`` and 8 hex digits of its
    path, so two checkouts sharing one PostgreSQL server never use (and drop) the same one.
    ``scripts/test.sh`` computes the same name (``python -m timeledger.core.env``)."""
    digest = hashlib.sha1(str(Path(checkout).resolve()).encode()).hexdigest()[:8]
    return f"test_timeledger_{digest}"


def _masked(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages)."""
    head, sep, tail = url.partition("://")
    if sep and "@" in tail:
        creds, _, host = tail.rpartition("@")
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        return f"{head}://{creds}@{host}"
    return url


def secret_key(var_dir: Path) -> str:
    """``SECRET_KEY`` from the environment, else one generated once into ``var_dir/secret_key``.

    A single-machine install (the embedded default) then needs no configuration, and the key
    survives restarts so sessions stay valid. Several app servers must share ``SECRET_KEY`` via
    the environment.
    """
    value = os.environ.get("SECRET_KEY")
    if value:
        return value
    path = var_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


if __name__ == "__main__":  # scripts/test.sh: the default test database of this checkout
    import sys

    print(test_database_name(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
