"""``timeledger bill`` / ``preview`` / ``load-workload``: output, dry run, one-line errors."""

import datetime as dt

from timeledger.billing.tests.helpers import approved
from timeledger.cli import main
from timeledger.invoicing.models import Invoice

D = dt.date


def test_preview_and_dry_run_write_nothing_then_bill(capsys, org, project, alice, accountant):
    approved(alice, project, day=D(2026, 3, 2), hours="2.50", rate="100.00")
    who = ["--user", accountant.user.email]
    assert main([*who, "preview", "--until", "2026-03-31", "--lines"]) == 0
    out = capsys.readouterr().out
    assert "WEB" in out and "250.00" in out and "2.50 h × 100.00 = 250.00" in out
    assert main([*who, "bill", "--dry-run", "--until", "2026-03-31", "--no-progress"]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert Invoice.objects.count() == 0
    assert main([*who, "bill", "--until", "2026-03-31", "--project", "WEB"]) == 0
    assert "1 draft(s), 1 entries" in capsys.readouterr().out
    assert Invoice.objects.get().net_total == 250


def test_errors_are_one_line(capsys, org, project, alice, accountant):
    assert main(["--user", accountant.user.email, "bill", "--project", "NOPE"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "timeledger: error: project: No billable project NOPE." and "\n" not in err
    assert main(["--user", alice.user.email, "bill"]) == 1
    assert "not allowed" in capsys.readouterr().err
    assert main(["load-workload", "/nonexistent.json"]) == 1
    assert capsys.readouterr().err.strip() == "timeledger: error: no such file: /nonexistent.json"
