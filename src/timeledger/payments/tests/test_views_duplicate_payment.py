"""The payments page warns before recording a payment that repeats one (same client, reference,
amount, date); ticking "Record it anyway" records it."""

from timeledger.payments.models import Payment


def post(client, client_, **extra):
    return client.post(
        "/invoices/payments/",
        {
            "client": client_.pk,
            "amount": "250.00",
            "date": "2026-11-10",
            "method": "bank_transfer",
            "reference": "RF18 5390 0754 7034",
            **extra,
        },
    )


def test_a_repeated_payment_warns_before_it_is_recorded(client, accountant, client_):
    client.force_login(accountant.user)
    assert post(client, client_).status_code == 302
    r = post(client, client_)
    assert r.status_code in (200, 400)
    assert "is already recorded" in r.content.decode()
    assert "Record it anyway" in r.content.decode()
    assert Payment.objects.filter(client=client_).count() == 1
    assert post(client, client_, confirm_duplicate="on").status_code == 302
    assert Payment.objects.filter(client=client_).count() == 2


def test_another_reference_is_no_duplicate(client, accountant, client_):
    client.force_login(accountant.user)
    assert post(client, client_).status_code == 302
    assert post(client, client_, reference="other").status_code == 302
    assert Payment.objects.filter(client=client_).count() == 2
