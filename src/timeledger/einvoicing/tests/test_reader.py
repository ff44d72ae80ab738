"""The reader on the official examples: they parse, and their totals add up as they state."""

from decimal import Decimal

import pytest

from timeledger.cli import main
from timeledger.einvoicing import reader
from timeledger.einvoicing.tests.official import SHARED

EXAMPLES = sorted(
    [
        *SHARED.glob("en16931/ubl/examples/*.xml"),
        *SHARED.glob("en16931/cii/examples/*.xml"),
        *SHARED.glob("peppol/examples/*.xml"),
    ]
)


def test_the_official_examples_are_there():
    assert len(EXAMPLES) >= 14


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_official_example_parses_and_its_totals_add_up(path):
    s = reader.read(path.read_bytes())
    assert s.number and s.currency and s.seller.name and s.buyer.name and s.lines
    assert sum((ln.net for ln in s.lines), Decimal(0)) == s.line_total
    assert s.tax_exclusive == s.line_total - s.allowance_total + s.charge_total
    assert s.tax_inclusive == s.tax_exclusive + s.tax_total
    assert s.payable == s.tax_inclusive - s.prepaid + _rounding(path)


def _rounding(path) -> Decimal:
    # BT-114 payable rounding amount, where an example states one.
    s = path.read_text()
    for tag in ("cbc:PayableRoundingAmount", "ram:RoundingAmount"):
        if f"<{tag}" in s:
            return Decimal(s.split(f"<{tag}")[1].split(">", 1)[1].split("<", 1)[0])
    return Decimal(0)


def test_cli_show_prints_parties_lines_and_totals(capsys):
    path = SHARED / "peppol/examples/base-example.xml"
    assert main(["einvoice", "show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Invoice Snippet1 (UBL, type 380)" in out
    assert "Amount due (BT-115):        1656.25" in out


def test_cli_show_refuses_a_file_that_is_no_einvoice(tmp_path, capsys):
    bad = tmp_path / "note.xml"
    bad.write_text("<note>hi</note>")
    assert main(["einvoice", "show", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeledger: error:") and "not a UBL or CII invoice" in err
    assert err.count("\n") == 1
