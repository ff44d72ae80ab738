"""``timeledger rates``: set, list, explain, override, preview; one-line errors."""

import datetime as dt

from timeledger.cli import main
from timeledger.testing import factories as f

D = dt.date


def run(capsys, member, *argv):
    code = main(["--user", member.user.email, "--org", member.organisation.slug, "rates", *argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_set_list_and_explain(capsys, manager, project, alice, org):
    arch = f.task(project, "Architecture")
    e = f.entry(alice, project, day=D(2026, 2, 2), t=arch)
    code, out, _ = run(
        capsys,
        manager,
        "set",
        "--level",
        "task",
        "--task",
        "WEB:Architecture",
        "--amount",
        "150",
        "--from",
        "2026-01-01",
    )
    assert code == 0
    assert out.endswith("task rate 'Architecture' 150.00 EUR, effective 2026-01-01")
    code, out, _ = run(capsys, manager, "list")
    assert "\tbilling\ttask rate 'Architecture' 150.00 EUR, effective 2026-01-01" in out
    code, out, _ = run(capsys, manager, "explain", str(e.pk))
    assert code == 0
    assert (
        out.splitlines()[0] == "billing: task rate 'Architecture' 150.00 EUR, effective 2026-01-01"
    )
    assert "  * task rate 'Architecture'" in out


def test_dry_run_previews_without_saving(capsys, manager, project, alice, org):
    f.rate(org, "100")
    f.entry(alice, project, day=D(2026, 2, 2), hours="2")
    code, out, _ = run(
        capsys,
        manager,
        "set",
        "--level",
        "project",
        "--project",
        "WEB",
        "--amount",
        "120",
        "--from",
        "2026-01-01",
        "--dry-run",
    )
    assert code == 0
    assert out == "would re-price 1 unlocked entries (2.00 h): 200.00 → 240.00 EUR (40.00)"
    assert (
        org.__class__.objects.get(pk=org.pk)
        and len(run(capsys, manager, "list")[1].splitlines()) == 1
    )


def test_errors_are_one_line_and_nonzero(capsys, manager, alice, project):
    code, _, err = run(capsys, manager, "set", "--level", "organisation", "--amount", "-4")
    assert code == 1
    assert err == "timeledger: error: amount: A rate cannot be negative."
    code, _, err = run(
        capsys, manager, "set", "--level", "organisation", "--amount", "4", "--currency", "EURO"
    )
    assert code == 1 and err.startswith("timeledger: error: currency: Unknown currency 'EURO'")
    code, _, err = run(capsys, alice, "list")
    assert code == 1 and err == "timeledger: error: your role cannot view rates"
    e = f.entry(alice, project, day=D(2026, 2, 2))
    code, _, err = run(capsys, alice, "override", str(e.pk), "300")
    assert (
        code == 1
        and err == "timeledger: error: not allowed: Only managers may override an entry's rate."
    )
    code, out, _ = run(capsys, manager, "override", str(e.pk), "300")
    assert code == 0 and out == f"entry #{e.pk}: override 300.00"
