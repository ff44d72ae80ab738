"""``timeledger import``, ``imports`` and ``import-undo``: one-line errors, exit status 1."""

from __future__ import annotations

import pytest
from django.utils import timezone

from timeledger.cli import main
from timeledger.integrations.models import ImportBatch, ImportStatus
from timeledger.integrations.tests.conftest import DATA, NOW
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def run(capsys, boss):
    def invoke(*args, member=None):
        code = main(["--user", (member or boss).user.email, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_dry_run_prints_the_preview_and_writes_nothing(run, people):
    code, out, err = run("import", str(DATA / "toggl_detailed.csv"), "--tz", "Europe/Berlin",
                         "--dry-run")  # fmt: skip
    assert code == 0, err
    assert "Toggl Track detailed CSV: 7 rows." in out
    assert "local times in Europe/Berlin" in out
    assert (
        "ACME — Acme Retail / WEB — Website: 4 entries, 10:15 h (10:15 billable), 1230.00 EUR"
        in out
    )
    assert "[project:acme retail/website]" in out
    assert "Rows: 7 new, 0 already imported, 0 changed in the source, 0 bad." in out
    assert "Dry run: nothing was written." in out
    assert not TimeEntry.objects.exists() and not ImportBatch.objects.exists()


def test_import_then_again_then_undo(run, people):
    path = str(DATA / "harvest_detailed.csv")
    code, out, err = run("import", path, "--format", "harvest", "--no-progress")
    assert code == 0, err
    assert "Imported 6 entries as import #" in out
    assert TimeEntry.objects.count() == 6
    code, out, _ = run("import", path, "--no-progress")
    assert "Rows: 0 new, 6 already imported" in out and TimeEntry.objects.count() == 6
    first = ImportBatch.objects.order_by("pk").first()
    code, out, _ = run("imports")
    assert f"#{first.pk}" in out and "harvest" in out
    code, out, err = run("import-undo", str(first.pk))
    assert code == 0, err
    assert TimeEntry.objects.count() == 0
    first.refresh_from_db()
    assert first.status == ImportStatus.UNDONE


def test_a_remap_on_the_command_line(run, people, berlin, acme):
    shop = f.project(berlin, acme, code="SHOP", name="Web shop")
    code, _, err = run("import", str(DATA / "kimai_export.xlsx"), "--no-progress", "--tz",
                       "Europe/Berlin", "--map", f"project:acme retail/website={shop.pk}")  # fmt: skip
    assert code == 0, err
    assert TimeEntry.objects.filter(project=shop).count() == 4


@pytest.mark.parametrize(
    "args, message",
    [
        (["import", "/nonexistent.csv"], "cannot read /nonexistent.csv"),
        (["import", str(DATA / "make_kimai_xlsx.py")], "Not an export we read"),
        (["import", str(DATA / "toggl_detailed.csv"), "--tz", "Mars/Base"], "not a time zone"),
        (["import", str(DATA / "toggl_detailed.csv"), "--map", "x"], "use KEY=ID or KEY=new"),
        (["import-undo", "999"], "no import #999"),
    ],
)
def test_errors_are_one_line_and_exit_1(run, people, args, message):
    code, out, err = run(*args, *(["--no-progress"] if args[0] == "import" else []))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("timeledger: error: ") and message in err
    assert not TimeEntry.objects.exists()
