"""``timeledger expense``: log with a receipt, list, submit, approve; one-line errors."""

from timeledger.cli import main
from timeledger.expenses.models import Expense, ExpenseStatus
from timeledger.expenses.tests.helpers import PDF, category
from timeledger.testing import factories as f


def test_log_submit_approve(capsys, tmp_path, org, alice, manager):
    f.project(org, code="OPS", lead=manager)
    category(org, "Travel")
    pdf = tmp_path / "train.pdf"
    pdf.write_bytes(PDF)
    me = ["--user", alice.user.email]
    assert (
        main(
            [
                *me,
                "expense",
                "log",
                "OPS",
                "121.00",
                "--category",
                "travel",
                "--vat",
                "21.00",
                "--markup",
                "15",
                "--date",
                "2026-03-03",
                "--receipt",
                str(pdf),
            ]
        )
        == 0
    )
    assert "bills 115.00 EUR" in capsys.readouterr().out
    e = Expense.objects.get()
    assert e.receipt_type == "application/pdf"
    assert main([*me, "expense", "submit", "--week", "2026-03-02"]) == 0
    assert main(["--user", manager.user.email, "expense", "approve", str(e.pk)]) == 0
    e.refresh_from_db()
    assert e.status == ExpenseStatus.APPROVED
    capsys.readouterr()
    assert main([*me, "expense", "list"]) == 0
    assert "OPS\tTravel\t121.00 EUR\tapproved" in capsys.readouterr().out


def test_errors_are_one_line(capsys, tmp_path, org, alice, project):
    category(org, "Travel")
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"MZ not a receipt")
    me = ["--user", alice.user.email, "expense", "log", "WEB"]
    assert main([*me, "12.00", "--category", "Travel", "--receipt", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert (
        err == "timeledger: error: receipt: A receipt is a PDF or an image (JPEG, PNG, WebP, HEIC)."
    )
    assert main([*me, "abc", "--category", "Travel"]) == 1
    assert "not a number" in capsys.readouterr().err
    assert main([*me, "1.00", "--category", "Nope"]) == 1
    assert capsys.readouterr().err.strip() == "timeledger: error: no expense category Nope"
