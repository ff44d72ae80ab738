"""``timeledger report NAME``: the same figures as the API, files, and one-line errors."""

import csv
import io

import pytest
from openpyxl import load_workbook

from timeledger.cli import main
from timeledger.reports.tests.fixtures import World

RANGE = ["--from", "2026-10-01", "--to", "2026-11-30"]


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    return World(org, owner, manager, alice, accountant, client_)


def test_csv_on_stdout(world, capsys):
    assert (
        main(
            [
                "--user",
                world.owner.user.email,
                "report",
                "time",
                *RANGE,
                "--format",
                "csv",
                "--project",
                "web",
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][:2] == ["WEB — Web shop", "11.50"]


def test_table_and_xlsx_file(world, capsys, tmp_path):
    assert main(["--user", world.owner.user.email, "report", "wip", *RANGE]) == 0
    out = capsys.readouterr().out
    assert "Unbilled value" in out and "950.00" in out
    path = tmp_path / "wip.xlsx"
    assert (
        main(
            [
                "--user",
                world.owner.user.email,
                "report",
                "wip",
                *RANGE,
                "--format",
                "xlsx",
                "-o",
                str(path),
            ]
        )
        == 0
    )
    ws = load_workbook(path).active
    assert ws["A1"].value == "Project"


def test_errors_are_one_line(world, capsys):
    assert main(["--user", world.owner.user.email, "report", "time", "--from", "2026-13-01"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("timeledger: error: --from:") and "\n" not in err
    assert main(["--user", world.owner.user.email, "report", "time", "--project", "NOPE"]) == 1
    assert "no project 'NOPE'" in capsys.readouterr().err
    assert main(["--user", world.alice.user.email, "report", "profitability"]) == 1
    assert "not allowed" in capsys.readouterr().err
    assert main(["--user", world.owner.user.email, "report", "wip", "--format", "pdf"]) == 1
    assert "needs --output" in capsys.readouterr().err
