"""``timeledger invoice``: issue, pay, pdf, credit, send; one-line errors; immutability."""

from decimal import Decimal

import pytest
from pypdf import PdfReader

from timeledger.cli import main
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(org):
    return inv.taxes(org)


@pytest.fixture
def run(capsys, accountant):
    def call(*args):
        code = main(["--user", accountant.user.email, "invoice", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_issue_pay_pdf_credit(run, accountant, client_, tax, tmp_path):
    draft = inv.draft(accountant, client_, [("Design", "10", "100", tax["S"])])
    code, out, err = run("issue", str(draft.pk), "--date", "2026-03-02")
    assert code == 0, err
    assert out.startswith("issued INV-2026-00001")
    code, out, err = run("pay", "INV-2026-00001", "--amount", "500", "--date", "2026-03-10")
    assert code == 0, err
    assert "partially paid" in out and "open 710.00" in out
    target = tmp_path / "inv.pdf"
    code, out, err = run("pdf", "INV-2026-00001", "--out", str(target))
    assert code == 0, err
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "INV-2026-00001" in text and "1,210.00" in text
    line = Invoice.objects.get(number="INV-2026-00001").lines.get()
    code, out, err = run(
        "credit", "INV-2026-00001", "--line", f"{line.pk}:2", "--date", "2026-03-11"
    )
    assert code == 0, err
    assert out.startswith("issued CN-2026-00001")
    assert Invoice.objects.get(number="INV-2026-00001").balance_due == Decimal("468.00")


@pytest.mark.parametrize(
    "args, message",
    [
        (("pay", "{draft}", "--amount", "10"), "is a draft; issue it before recording a payment"),
        (("issue", "{empty}"), "no lines"),
        (("credit", "{issued}", "--line", "{line}:5"), "1 invoiced, 1 left to credit"),
        (("credit", "{issued}", "--line", "oops"), "use LINE_ID:QUANTITY"),
        (("pay", "{issued}", "--amount", "abc"), "is not a number"),
        (("void", "{issued}", "--reason", ""), "Give the reason"),
        (("issue", "{issued}"), "cannot be changed"),
        (("show", "INV-9999"), "no invoice"),
        (("send", "{issued}"), "has no invoice e-mail"),
    ],
)
def test_bad_input_gets_one_line_and_exit_1(run, accountant, client_, tax, args, message):
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    empty = inv.draft(accountant, client_, [])
    issued = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    values = {
        "draft": str(draft.pk),
        "empty": str(empty.pk),
        "issued": issued.number,
        "line": str(issued.lines.get().pk),
    }
    code, out, err = run(*[a.format(**values) for a in args])
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeledger: error: "), err
    assert message in lines[0]
    fresh = Invoice.objects.get(pk=issued.pk)
    assert fresh.gross_total == Decimal("121.00") and fresh.status == "issued"


def test_outsider_cannot_reach_our_invoice(capsys, outsider, accountant, client_, tax):
    issued = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    code = main(["--user", outsider.user.email, "invoice", "void", issued.number, "--reason", "x"])
    assert code == 1
    assert "no invoice" in capsys.readouterr().err
