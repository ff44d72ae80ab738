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


class _Browser:
    """The launched browser, whose pages let the tests' own scripts run under the app's
    Content-Security-Policy (Playwright's ``wait_for_function`` evaluates a string and the axe
    check injects a script tag; ``script-src 'self'`` refuses both). The app's pages keep no
    inline script: ``core/tests/test_deployment.py`` scans every template for one."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **kwargs):
        kwargs.setdefault("bypass_csp", True)
        return self._browser.new_context(**kwargs)

    def new_page(self, **kwargs):
        kwargs.setdefault("bypass_csp", True)
        return self._browser.new_page(**kwargs)

    def __getattr__(self, name):
        return getattr(self._browser, name)


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
            yield _Browser(browser)
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


# The checkout's var/ (not the tests' temporary var dir), so the pictures outlive the run.
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


class Flow:
    """What a person does in a flow, counted: full page loads of the tab and clicks (a click, a
    choice in a list or a key press that acts). ``shot`` saves the page at 1280 and 390 px under
    var/screenshots/ and checks that nothing is wider than the phone's 390 px."""

    def __init__(self, page, name: str):
        self.page = page
        self.name = name
        self.loads = 0
        self.clicks = 0
        page.on("load", self._loaded)

    def _loaded(self, *_args) -> None:
        self.loads += 1

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def click(self, selector: str, **kw) -> None:
        self.clicks += 1
        self.page.click(selector, **kw)

    def select(self, selector: str, value: str) -> None:
        self.clicks += 1
        self.page.select_option(selector, value)

    def press(self, key: str) -> None:
        self.clicks += 1
        self.page.keyboard.press(key)

    def shot(self, step: str) -> int:
        """Screenshots at 1280 and 390 px; returns the page's width at 390 px (≤ 390 to fit)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{step}-1280.png"), full_page=True)
        self.page.set_viewport_size({"width": 390, "height": 844})
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{step}-390.png"), full_page=True)
        self.page.set_viewport_size(size)
        return width


AXE = Path(__file__).resolve().parent / "vendor"


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (vendored from the npm registry by ``make axe``) on the page and return the
    violations of the given impacts as ``{id, impact, help, targets}``."""
    scripts = sorted(AXE.glob("axe-*.min.js"))
    assert scripts, f"axe-core is missing from {AXE}: run `make axe`"
    page.add_script_tag(path=str(scripts[-1]))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""
    )
    return [v for v in found if v["impact"] in impacts]
