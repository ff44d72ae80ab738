"""Client writes: defaults that come from the organisation."""

import pytest

from timeledger.clients import services

pytestmark = pytest.mark.django_db


def test_a_new_client_gets_the_organisations_default_payment_terms(org, owner):
    org.default_payment_terms_days = 14
    org.save()
    client = services.save_client(None, {"code": "NEW", "name": "New"}, by=owner)
    assert client.payment_terms_days == 14
    explicit = services.save_client(
        None, {"code": "N2", "name": "N2", "payment_terms_days": 45}, by=owner
    )
    assert explicit.payment_terms_days == 45
