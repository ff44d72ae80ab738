"""Run totals are per currency everywhere they are summed: result, BillingRun, API, CLI, UI."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.cli import main
from timeledger.testing import factories as f

D = dt.date
UNTIL = D(2026, 3, 31)


@pytest.fixture
def two_currencies(org, alice):
    eur = f.project(org, f.client(org, code="EU", currency="EUR"), code="EUP")
    usd = f.project(org, f.client(org, code="US", currency="USD"), code="USP")
    approved(alice, eur, day=D(2026, 3, 2), hours="2.00", rate="100.00")
    approved(alice, usd, day=D(2026, 3, 2), hours="3.00", rate="50.00")
    return eur, usd


def test_run_stores_its_totals_per_currency(org, two_currencies):
    result = run_billing(org, up_to=UNTIL)
    assert result.totals_by_currency() == {"EUR": Decimal("200.00"), "USD": Decimal("150.00")}
    result.run.refresh_from_db()
    assert result.run.totals == {"EUR": "200.00", "USD": "150.00"}  # never 350.00 of anything
    assert result.run.kind == "normal"


def test_api_cli_and_page_show_totals_per_currency(capsys, api, org, accountant, two_currencies):
    client = api(accountant)
    body = client.post("/api/billing/runs/", {"up_to": "2026-03-31"}, format="json").json()
    assert body["totals"] == {"EUR": "200.00", "USD": "150.00"}
    runs = client.get("/api/billing/runs/").json()
    rows = runs["results"] if isinstance(runs, dict) else runs
    assert rows[0]["totals"] == {"EUR": "200.00", "USD": "150.00"} and "net_total" not in rows[0]

    eur, _usd = two_currencies
    approved(accountant, eur, day=D(2026, 3, 3), hours="1.00", rate="100.00")
    assert main(["--user", accountant.user.email, "bill", "--until", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "net 100.00 EUR" in out and "USD" not in out.split("Billing run")[1]

    c = Client()
    c.force_login(accountant.user)
    page = c.get("/billing/").content.decode()
    assert "200.00 EUR" in page and "150.00 USD" in page
