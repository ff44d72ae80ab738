"""A seller and buyers set up for e-invoices, and issued invoices in each format."""

from __future__ import annotations

from timeledger.einvoicing.models import ClientEinvoiceSettings, OrganisationEinvoiceSettings
from timeledger.testing import factories as f


def seller(org) -> None:
    """Make ``org`` a complete Dutch seller: address, VAT id, KvK, IBAN, electronic address."""
    org.legal_name = "Acme Consulting B.V."
    org.address = "Herengracht 1\n1015 BA Amsterdam"
    org.country = "NL"
    org.vat_id = "NL123456789B01"
    org.registration_id = "12345678"
    org.email = "billing@acme.example"
    org.iban = "NL91ABNA0417164300"
    org.bic = "ABNANL2A"
    org.save()
    OrganisationEinvoiceSettings.objects.update_or_create(
        organisation=org,
        defaults={
            "endpoint_scheme": "0106",
            "endpoint_id": "12345678",
            "legal_id_scheme": "0106",
            "contact_name": "Eva de Vries",
            "contact_phone": "+31 20 123 4567",
        },
    )


def buyer(org, fmt="peppol", *, country="BE", **kw):
    """A client receiving e-invoices in ``fmt``; Belgian by default (no Dutch buyer rules)."""
    addresses = {
        "BE": ("BE0123456749", "Rue de la Loi 16\n1000 Brussels", "0208", "0123456749"),
        "DE": ("DE123456789", "Friedrichstraße 10\n10117 Berlin", "9930", "DE123456789"),
        "NL": ("NL987654321B01", "Coolsingel 40\n3011 AD Rotterdam", "0106", "87654321"),
        "FR": ("FR40303265045", "1 rue de Rivoli\n75001 Paris", "0009", "30326504500013"),
        "US": ("", "1 Main Street\nSpringfield, IL 62701", "0060", "123456789"),
    }
    vat_id, address, scheme, endpoint = addresses[country]
    settings = {
        "endpoint_scheme": kw.pop("endpoint_scheme", scheme),
        "endpoint_id": kw.pop("endpoint_id", endpoint),
        "buyer_reference": kw.pop("buyer_reference", ""),
        "order_reference": kw.pop("order_reference", ""),
        "contract_reference": kw.pop("contract_reference", ""),
        "requires_order_reference": kw.pop("requires_order_reference", False),
        "legal_id": kw.pop("legal_id", "87654321" if country == "NL" else ""),
    }
    client = f.client(
        org,
        legal_name=kw.pop("legal_name", f"Buyer {country} Ltd"),
        address=address,
        country=country,
        vat_id=kw.pop("vat_id", vat_id),
        invoice_email="ap@buyer.example",
        contact_name="Pat Payable",
        currency=kw.pop("currency", "EUR"),
        **kw,
    )
    ClientEinvoiceSettings.objects.create(organisation=org, client=client, format=fmt, **settings)
    return client
