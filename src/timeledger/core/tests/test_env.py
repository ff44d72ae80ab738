import pytest
from django.core.exceptions import ImproperlyConfigured

from timeledger.core import env


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert env.secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path / "var")
    assert len(first) >= 50
    assert env.secret_key(tmp_path / "var") == first
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_malformed_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        env.env_bool("DEBUG", False)


def test_cli_reports_bad_configuration_in_one_line():
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "timeledger.cli", "status"],
        env={**os.environ, "DEBUG": "maybe", "DJANGO_SETTINGS_MODULE": "timeledger.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "timeledger: configuration error: DEBUG='maybe' is not a boolean (use true or false)"
    ]
