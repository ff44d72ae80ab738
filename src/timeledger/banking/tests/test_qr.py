"""The EPC QR code decodes, with the maintained zxing-cpp reader, to a valid EPC069-12 payload."""

import io
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image

from timeledger.banking import qr, rules

IBAN = "DE89370400440532013000"  # the standard example IBAN


def _decode(png: bytes) -> str:
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    return found.text


def test_code_decodes_to_the_epc_payload():
    payload = qr.epc_payload(
        name="Northwind Digital GmbH",
        iban="DE89 3704 0044 0532 0130 00",
        bic="COBADEFFXXX",
        amount=Decimal("1234.5"),
        currency="EUR",
        number="INV-2026-00042",
    )
    text = _decode(qr.qr_png(payload))
    assert text == payload
    fields = text.split("\n")
    assert fields[:4] == ["BCD", "002", "1", "SCT"]
    assert fields[4:8] == ["COBADEFFXXX", "Northwind Digital GmbH", IBAN, "EUR1234.50"]
    assert fields[9] == rules.rf_reference("INV-2026-00042") and rules.is_valid_rf(fields[9])
    assert fields[10] == ""  # structured reference, so no unstructured text
    assert len(text.encode()) <= 331


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"currency": "USD"}, "EUR"),
        ({"iban": "DE89370400440532013001"}, "check number"),
        ({"amount": Decimal("0")}, "nothing to pay"),
    ],
)
def test_refuses_what_no_bank_app_could_pay(kwargs, message):
    args = {
        "name": "N",
        "iban": IBAN,
        "amount": Decimal("10"),
        "currency": "EUR",
        "number": "INV-1",
        **kwargs,
    }
    with pytest.raises(qr.NotPayable, match=message):
        qr.epc_payload(**args)
