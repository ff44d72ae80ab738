"""A newcomer's first ten minutes (issue 20): logs printed once, one test database per checkout,
pinned development tools, every setting in the README, and API docs that work offline."""

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from django.template.loader import get_template

from timeledger.core.env import test_database_name as checkout_test_db

ROOT = Path(__file__).resolve().parents[4]
SRC = ROOT / "src" / "timeledger"


def _python(code, tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "TIMELEDGER_TEST_DB")
    }
    clean.update(PYTHONPATH=str(ROOT / "src"), TIMELEDGER_VAR_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, timeout=600
    )


# --- logs ---------------------------------------------------------------------------------------


def test_with_debug_on_every_log_line_prints_once(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('marker-django'); "
        "logging.getLogger('django.utils.autoreload').info('marker-info'); "
        "logging.getLogger('django.server').info('marker-request'); "
        "logging.getLogger('timeledger.x').warning('marker-ours')"
    )
    markers = ("marker-django", "marker-info", "marker-request", "marker-ours")
    for debug in ("1", "0"):
        r = _python(code, tmp_path, DEBUG=debug, DJANGO_SETTINGS_MODULE="timeledger.settings")
        assert r.returncode == 0, r.stderr
        assert [r.stderr.count(m) for m in markers] == [1, 1, 1, 1], (debug, r.stderr)


# --- the test database --------------------------------------------------------------------------


def test_the_postgres_test_database_is_one_per_checkout(tmp_path):
    a, b = checkout_test_db(Path("/work/wt-a")), checkout_test_db(Path("/work/wt-b"))
    assert a != b and a.startswith("test_timeledger_") and len(a) <= 40
    assert checkout_test_db(Path("/work/wt-a/")) == a  # the same folder, the same name
    code = "from django.conf import settings; print(settings.DATABASES['default']['TEST']['NAME'])"
    r = _python(
        code,
        tmp_path,
        DATABASE_URL="postgres://u@h/db",
        DJANGO_SETTINGS_MODULE="timeledger.settings",
    )
    assert r.stdout.strip() == checkout_test_db(ROOT), r.stderr
    r = _python(
        code,
        tmp_path,
        DATABASE_URL="postgres://u@h/db",
        TIMELEDGER_TEST_DB="mine",
        DJANGO_SETTINGS_MODULE="timeledger.settings",
    )
    assert r.stdout.strip() == "mine", r.stderr


def test_make_test_uses_the_checkout_s_test_database():
    script = (ROOT / "scripts" / "test.sh").read_text()
    assert "test_timeledger}" not in script  # the shared default is gone
    r = subprocess.run(
        [sys.executable, "-m", "timeledger.core.env", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.stdout.strip() == checkout_test_db(ROOT)
    assert '-m timeledger.core.env "$PWD"' in script


# --- pinned tools -------------------------------------------------------------------------------


def _requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["dependencies"], project["optional-dependencies"]["dev"]


def test_development_tools_are_pinned_to_what_is_installed():
    runtime, dev = _requirements()
    for requirement in dev:
        name, sep, pinned = requirement.partition("==")
        assert sep and re.fullmatch(r"[\w.]+", pinned), f"{requirement}: pin it exactly (==)"
        assert version(name.split("[")[0]) == pinned, f"{name}: .venv has {version(name)}"
    # Runtime dependencies stay ranges (installs get security releases).
    assert not [r for r in runtime if "==" in r]


# --- the README's settings ----------------------------------------------------------------------


def _environment_variables_read_in_settings() -> set[str]:
    tree = ast.parse((SRC / "settings.py").read_text())
    names = {"DATABASE_URL", "SECRET_KEY"}  # read by core.env.database and secret_key
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if called.startswith("env_") or called == "get" and "environ" in ast.unparse(func):
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def _readme_settings_table() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_every_environment_variable_of_settings_is_in_the_readme_table():
    names = _environment_variables_read_in_settings()
    assert {"DB_CONN_MAX_AGE", "SESSION_COOKIE_SECURE", "MEDIA_ROOT", "TIMELEDGER_TEST_DB"} <= names
    table = _readme_settings_table()
    missing = sorted(n for n in names if f"`{n}`" not in table)
    assert not missing, f"not in the README's settings table: {missing}"
    for name in ("TIMELEDGER_WORKLOADS", "TEST_DATABASE_URL", "TEST_WORKERS", "CI"):
        assert f"`{name}`" in table, name


def test_the_readme_says_what_a_machine_needs():
    readme = (ROOT / "README.md").read_text()
    needs = readme.split("## What a machine needs", 1)[1].split("\n## ", 1)[0]
    for words in ("Python 3.11", "venv", "Pango", "sudo", "PostgreSQL", "../shared", "CI=true"):
        assert words in needs, words
    assert "make run HOST=" in readme and "PORT=" in readme


# --- <html lang> and the API docs ---------------------------------------------------------------


def test_every_page_template_names_its_language():
    missing = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text()
        if "<html" in text and not re.search(r"<html[^>]*\blang=", text):
            missing.append(str(path.relative_to(SRC)))
    assert not missing, missing
    assert (
        '<html lang="{{ LANGUAGE_CODE }}">' in get_template("api/swagger_ui.html").template.source
    )


@pytest.mark.django_db
def test_api_docs_load_nothing_from_outside_and_their_files_are_served(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="en', html)
    assert not re.findall(r"(?:https?:)?//[\w.-]+\.\w+/", html), "an external URL"
    assert "<script>" not in html  # no inline script: the CSP's script-src 'self' holds
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'", policy
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert len(scripts) == 3 and any("swagger-ui-bundle" in s for s in scripts), scripts
    for url in assets:
        url = url.replace("&amp;", "&")
        assert url.startswith(("/static/", "/api/docs/")), url
        served = client.get(url)
        assert served.status_code == 200, url
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert len(body) > 100, url
        if url.startswith("/api/docs/"):  # the set-up script, from this page's own URL
            assert served["Content-Type"].startswith("application/javascript")
            assert b"/api/openapi.json" in body


@pytest.mark.browser
def test_swagger_renders_under_the_csp_with_no_internet(live_server, browser):
    page = browser.new_page(bypass_csp=False)  # the app's CSP enforced
    outside, refused = [], []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)

    def only_ours(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=60_000)
    assert page.locator(".swagger-ui .opblock-tag").count() > 0  # the API's sections, rendered
    assert page.locator(".swagger-ui .opblock").count() > 0
    assert page.locator("html").get_attribute("lang") == "en-gb"
    assert (outside, refused) == ([], [])
