"""``timeledger budget|terms|cap|milestone|change-order`` and the tick job."""

import datetime as dt
from decimal import Decimal

from django.core import mail

from timeledger.cli import main
from timeledger.contracts.models import BudgetAlert
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f

D = dt.date


def run(capsys, member, *argv):
    code = main(["--user", member.user.email, "--org", member.organisation.slug, *argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_budget_terms_and_change_orders(capsys, manager, alice, org, project):
    f.rate(org, "100.00")
    project.budget_hours = Decimal("10")
    project.save()
    f.entry(alice, project, day=D(2026, 3, 2), hours="9")
    code, out, _ = run(capsys, manager, "budget", "WEB")
    assert code == 0
    assert out.splitlines()[0] == "hours: 9.00 h of 10.00 h (90.0%)"
    assert out.splitlines()[1] == "money: 900.00 EUR of no budget"
    code, out, _ = run(capsys, manager, "budget", "WEB", "--check")
    assert out.splitlines()[0] == "new alert: 80% of the hours budget"

    code, out, err = run(capsys, manager, "terms", "WEB", "--cap-amount", "-1")
    assert (code, err) == (1, "timeledger: error: cap_amount: Cannot be negative.")
    code, out, _ = run(capsys, manager, "terms", "WEB", "--cap-amount", "500")
    assert out == "WEB: cap 500.00 EUR / — h; alerts at 80,100%; 1 entries await acceptance"

    code, out, _ = run(
        capsys, alice, "change-order", "request", "WEB", "--description", "More", "--hours", "5"
    )
    co_id = out.split("#")[1]
    code, _, err = run(capsys, alice, "change-order", "approve", co_id)
    assert code == 1 and err.startswith("timeledger: error: not allowed")
    code, out, _ = run(capsys, manager, "change-order", "approve", co_id)
    assert out == f"change order #{co_id} approved"
    code, out, _ = run(capsys, manager, "budget", "WEB")
    assert out.splitlines()[0] == "hours: 9.00 h of 15.00 h (60.0%)"


def test_milestone_progress(capsys, manager, project):
    m = Milestone.objects.create(
        organisation=project.organisation, project=project, name="Beta", value=Decimal("2000")
    )
    code, out, _ = run(capsys, manager, "milestone", "progress", str(m.pk), "25")
    assert out == "Beta: 25% complete; releasable now 500.00 EUR"
    code, _, err = run(capsys, manager, "milestone", "progress", str(m.pk), "-1")
    assert (code, err) == (
        1,
        "timeledger: error: percent_complete: % complete must be between 0 and 100.",
    )


def test_tick_job_alerts_once(
    capsys, manager, alice, org, project, django_capture_on_commit_callbacks
):
    project.budget_hours = Decimal("1")
    project.lead = manager
    project.save()
    f.entry(alice, project, day=D(2026, 3, 2), hours="2")
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["tick", "--only", "budgets"]) == 0
        assert main(["tick", "--only", "budgets"]) == 0
    assert BudgetAlert.objects.count() == 2
    assert len(mail.outbox) == 2  # 80 % and 100 %, each once
