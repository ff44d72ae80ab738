"""Headless Debian Chromium for browser tests, driven by Playwright (never a downloaded browser).

Use the ``browser`` fixture (root conftest) and ``sign_in``. Chromium comes from the system
package (``make chromium``); a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from timeledger.testing.factories import DEFAULT_PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make chromium`"
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test body are
    # still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            # ORM calls made while Playwright runs use a connection of Playwright's context
            # (asgiref locals follow contextvars); close it, or PostgreSQL cannot drop the test DB.
            connections.close_all()


def sign_in(page, base_url: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/today/")
