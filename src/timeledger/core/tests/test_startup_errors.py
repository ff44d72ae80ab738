"""A newcomer's bad settings: the CLI and ``manage.py`` answer each with one line naming the
variable and what to do, exit status 1 — no traceback; an empty ``DATABASE_URL`` is the default."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[4]
CLI = [sys.executable, "-m", "timeledger.cli"]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def _run(cmd, tmp_path, timeout=600, **env):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    clean.update({"PYTHONPATH": str(ROOT / "src"), "TIMELEDGER_VAR_DIR": str(tmp_path / "var")})
    clean.update(env)
    return subprocess.run(
        cmd, capture_output=True, text=True, env=clean, timeout=timeout, cwd=tmp_path
    )


BAD = [
    ("foo://x", "configuration error: DATABASE_URL='foo://x' is not a database URL"),
    (
        "sqlite:////nonexistent-folder/x.sqlite3",
        "configuration error: DATABASE_URL: the folder /nonexistent-folder of the SQLite file "
        "does not exist",
    ),
    (
        # Nothing listens on this port of the loopback (the helper's own range): refused at once.
        "postgres://postgres:s3cret@127.0.0.1:18799/timeledger",
        'database error: connection failed: connection to server at "127.0.0.1", port 18799 '
        "failed: Connection refused; check DATABASE_URL",
    ),
]


@pytest.mark.parametrize(("url", "line"), BAD, ids=["scheme", "sqlite-folder", "unreachable"])
@pytest.mark.parametrize("tool", ["cli", "manage"])
def test_a_bad_database_url_is_one_line_and_exit_1(tmp_path, tool, url, line):
    cmd = CLI + ["status", "--user", "a@example.com"] if tool == "cli" else MANAGE + ["migrate"]
    r = _run(cmd, tmp_path, DATABASE_URL=url)
    prog = "timeledger" if tool == "cli" else "manage.py"
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1, r.stderr
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"{prog}: {line}"), lines[0]
    assert "s3cret" not in r.stderr


def test_a_malformed_setting_names_its_variable(tmp_path):
    r = _run(MANAGE + ["check"], tmp_path, DEBUG="maybe")
    assert (r.returncode, r.stderr.strip()) == (
        1,
        "manage.py: configuration error: DEBUG='maybe' is not a boolean (use true or false)",
    )
    r = _run(CLI + ["status"], tmp_path, DB_CONN_MAX_AGE="x", DATABASE_URL="postgres://h/db")
    assert (r.returncode, r.stderr.strip()) == (
        1,
        "timeledger: configuration error: DB_CONN_MAX_AGE='x' is not an integer",
    )


def test_an_empty_database_url_falls_back_to_the_sqlite_default(tmp_path):
    r = _run(MANAGE + ["check"], tmp_path, DATABASE_URL="")
    assert r.returncode == 0, r.stderr
    r = _run(CLI + ["status", "--user", "a@example.com"], tmp_path, DATABASE_URL="")
    assert r.stderr.strip() == (
        "timeledger: database error: no such table: accounts_member; the database has no tables "
        "yet: run manage.py migrate"
    )


def _migrated_database_url(tmp_path) -> str:
    """A migrated database without members for a subprocess, without migrating one (20–30 s):
    the test database itself — on PostgreSQL by its name, on SQLite, which keeps it in memory,
    a copy made with sqlite3's backup."""
    connection.ensure_connection()
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "copy.sqlite3"
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)  # no open transaction: SQLite's backup would wait on it
def test_global_options_are_accepted_after_the_subcommand(tmp_path):
    url = _migrated_database_url(tmp_path)
    r = _run(CLI + ["status", "--user", "nobody@example.com"], tmp_path, DATABASE_URL=url)
    assert r.stderr.strip() == "timeledger: error: no active membership for nobody@example.com"
    cmd = ["invoice", "pdf", "X", "--org", "o", "--user", "nobody@example.com"]
    r = _run(CLI + cmd, tmp_path, DATABASE_URL=url)
    assert "unrecognized arguments" not in r.stderr
    assert r.stderr.strip().endswith(
        "no active membership for nobody@example.com in organisation o"
    )


UNREACHABLE = "postgres://postgres:s3cret@127.0.0.1:18799/timeledger"


@pytest.mark.parametrize("url", ["foo://x", UNREACHABLE], ids=["scheme", "unreachable"])
def test_runserver_with_a_bad_database_url_stops_with_one_line(tmp_path, url):
    # With its autoreloader (as `make run` starts it): before, the unreachable database was a
    # traceback from the serving thread and the server kept waiting for file changes.
    # (A server that does not stop fails the test by its timeout.)
    r = _run(MANAGE + ["runserver", "127.0.0.1:8697"], tmp_path, timeout=180, DATABASE_URL=url)
    lines = r.stderr.strip().splitlines()
    assert (r.returncode, len(lines)) == (1, 1), r.stderr
    assert lines[0].startswith("manage.py: "), lines[0]
    assert "DATABASE_URL" in lines[0] and "s3cret" not in r.stderr


def test_gunicorn_with_an_unreachable_database_stops_with_the_line(tmp_path):
    # Status 3 ("worker failed to boot") stops gunicorn's master; with 1 it booted new workers
    # failing the same way, forever.
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [gunicorn, "timeledger.wsgi", "-b", "127.0.0.1:8698", "-w", "1", "--timeout", "600"]
    r = _run(cmd, tmp_path, timeout=180, DATABASE_URL=UNREACHABLE)
    ours = [line for line in r.stderr.splitlines() if line.startswith("timeledger: ")]
    assert r.returncode == 3, r.stderr
    assert len(ours) == 1 and "check DATABASE_URL" in ours[0], r.stderr
    assert "Traceback" not in r.stderr and "s3cret" not in r.stderr


MALFORMED = [
    ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE='Mars/Olympus' is not a time zone"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD' is not a log level"),
    ("API_THROTTLE_USER", "lots", "API_THROTTLE_USER='lots' is not a rate"),
    ("TIMELEDGER_VAR_DIR", "/proc/no-such/var", "TIMELEDGER_VAR_DIR='/proc/no-such/var': cannot"),
    ("MEDIA_ROOT", "/proc/no-such/media", "MEDIA_ROOT='/proc/no-such/media': cannot create"),
]


@pytest.mark.parametrize(("name", "value", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
@pytest.mark.parametrize("tool", ["cli", "manage"])
def test_every_malformed_setting_is_one_line_naming_it(tmp_path, tool, name, value, message):
    # Before: a ValueError or FileNotFoundError traceback from Django, logging or pathlib (or, for
    # a throttle rate, a 500 on the first API request).
    cmd = CLI + ["status"] if tool == "cli" else MANAGE + ["check"]
    r = _run(cmd, tmp_path, **{name: value})
    prog = "timeledger" if tool == "cli" else "manage.py"
    lines = r.stderr.strip().splitlines()
    assert (r.returncode, len(lines)) == (1, 1), r.stderr
    assert lines[0].startswith(f"{prog}: configuration error: {message}"), lines[0]
    assert f"point {name} at" in lines[0] or "(use " in lines[0]  # and what to do
