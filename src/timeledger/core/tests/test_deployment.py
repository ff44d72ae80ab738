"""The deployment baseline: `check --deploy` is clean in a production-like environment, and every
response carries the security headers, a Content-Security-Policy the UI works under."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[4]
SRC = ROOT / "src"

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x9Vq-production-like-secret-key-with-enough-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "time.example.com",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "COOKIES_"))}
    clean.pop("SESSION_COOKIE_SECURE", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this process
    clean.update(DJANGO_SETTINGS_MODULE="timeledger.settings", PYTHONPATH=str(SRC), **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings():
    r = manage("check", "--deploy", **PRODUCTION)
    assert r.returncode == 0, r.stderr
    assert "System check identified no issues" in r.stdout, r.stdout + r.stderr
    assert "WARNING" not in r.stdout + r.stderr


def test_cookies_are_secure_by_default_without_debug_and_can_be_turned_off():
    show = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS)"
    )
    base = {"DEBUG": "false", "SECRET_KEY": PRODUCTION["SECRET_KEY"]}
    assert manage("shell", "-v", "0", "-c", show, **base).stdout.split() == ["True", "True", "DENY"]
    lab = manage("shell", "-v", "0", "-c", show, COOKIES_SECURE="false", **base)
    assert lab.stdout.split()[:2] == ["False", "False"]


def test_pages_carry_csp_and_security_headers(client, owner):
    client.force_login(owner.user)
    r = client.get("/week/")
    assert r.status_code == 200
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and "script-src 'self' 'unsafe-inline'" not in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_the_policy_would_block():
    """script-src 'self' blocks inline handlers and inline <script>: behaviour lives in app.js."""
    offenders = []
    for path in (SRC / "timeledger").rglob("*.html"):
        text = path.read_text()
        if re.search(r"\son[a-z]+\s*=", text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
