"""Benchmark: what e-invoicing adds to issuing one invoice (budget: 100 ms).

Measured on a 20-line invoice as the median of 15 runs: (a) the two hooks alone — the checks
before the number, then building, writing and storing the XML; (b) a whole issue with a Peppol
client against one with a PDF-only client. Prints the figures (``-s`` shows them).
"""

import statistics
import time

import pytest

from timeledger.einvoicing import selectors, services
from timeledger.einvoicing.tests import factories as ef
from timeledger.invoicing import issuing
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

RUNS = 15
LINES = 20
BUDGET_S = 0.100


def _lines(tax):
    cats = [tax["S"], tax["AA"], tax["Z"]]
    return [(f"Consulting week {i}", f"{7 + i}.25", "137.5", cats[i % 3]) for i in range(LINES)]


def test_einvoice_generation_adds_at_most_100_ms(org, accountant, client_, monkeypatch):
    ef.seller(org)
    tax = inv.taxes(org)
    peppol = ef.buyer(org, "peppol")
    warm = inv.issued(accountant, peppol, _lines(tax))  # imports, first queries
    assert selectors.stored(warm) is not None

    spent: list[float] = []

    def timed(real):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        return run

    # The real hooks, timed where the receivers call them.
    monkeypatch.setattr(services, "check_for_issue", timed(services.check_for_issue))
    monkeypatch.setattr(services, "store_einvoice", timed(services.store_einvoice))

    def issue_time(client):
        times = []
        for _ in range(RUNS):
            draft = inv.draft(accountant, client, _lines(tax))
            start = time.perf_counter()
            issuing.issue_invoice(draft, by=accountant)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    plain = issue_time(client_)
    spent.clear()  # the PDF-only client's checks return at once
    with_einvoice = issue_time(peppol)
    hooks = [spent[i] + spent[i + 1] for i in range(0, len(spent), 2)]
    assert len(hooks) == RUNS
    hook = statistics.median(hooks)
    print(
        f"\ne-invoice hooks (validate + UBL + store), {LINES} lines: median {hook * 1000:.1f} ms, "
        f"max {max(hooks) * 1000:.1f} ms; issue PDF-only {plain * 1000:.1f} ms, "
        f"issue Peppol {with_einvoice * 1000:.1f} ms (+{(with_einvoice - plain) * 1000:.1f} ms)"
    )
    assert hook <= BUDGET_S
