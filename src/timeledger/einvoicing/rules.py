"""Pure rules of e-invoicing: code lists, address parsing, and the checks run before issuing.

The checks are our own, each named after the EN 16931 / Peppol / XRechnung rule it anticipates
so that the message a user sees matches what a receiving validator would say. The official
schematron is the judge in the tests; these make sure an invoice we issue passes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from timeledger.core.money import minor_unit, quantize
from timeledger.einvoicing.document import Document

PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
XRECHNUNG_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"

# Recommendation 20 unit codes for the units invoice lines carry.
UNIT_CODES = {
    "h": "HUR",
    "hr": "HUR",
    "hrs": "HUR",
    "hour": "HUR",
    "hours": "HUR",
    "d": "DAY",
    "day": "DAY",
    "days": "DAY",
    "mo": "MON",
    "month": "MON",
    "wk": "WEE",
    "week": "WEE",
    "min": "MIN",
    "km": "KMT",
}
PIECE = "C62"  # "one": a unit for anything counted

# Invoicing's tax codes to EN 16931 (UNCL 5305): the reduced rate is an S rate in EN 16931.
INVOICING_TO_VAT = {"S": "S", "AA": "S", "Z": "Z", "E": "E", "AE": "AE"}
ZERO_RATED = {"Z", "E", "AE", "K", "G", "O"}
NEEDS_REASON = {"E", "AE", "K", "G", "O"}
DEFAULT_REASONS = {
    "E": ("VATEX-EU-132", "Exempt from VAT (Article 132, Council Directive 2006/112/EC)"),
    "AE": ("VATEX-EU-AE", "Reverse charge"),
    "K": ("VATEX-EU-IC", "Intra-community supply"),
    "G": ("VATEX-EU-G", "Export outside the EU"),
    "O": ("VATEX-EU-O", "Not subject to VAT"),
}
EU_COUNTRIES = set(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
SEPA_CREDIT_TRANSFER = "58"
CREDIT_TRANSFER = "30"

# "1015 BA Amsterdam", "10117 Berlin", "B-1000 Brussels", "123 45 Stockholm": postcode first.
_POSTCODE_CITY = re.compile(
    r"^\s*((?:[A-Z]{1,3}-)?(?:\d{4}\s?[A-Z]{2}(?=\s)|\d{3}\s\d{2}(?=\s)|\d[\d-]{2,9}))\s+(\S.*)$"
)
# "Springfield, IL 62701", "London SW1A 1AA": the postcode after the city.
_CITY_POSTCODE = re.compile(
    r"^\s*(\S.*?),?\s+([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{4,6}(?:-\d{4})?)\s*$"
)


def unit_code(unit: str) -> str:
    """``h`` → ``HUR``; anything unknown is counted (``C62``)."""
    return UNIT_CODES.get(unit.strip().lower().rstrip("."), PIECE)


def vat_code(invoicing_code: str, override: str = "") -> str:
    """The EN 16931 VAT category of a line: a tax category's own e-invoice code wins."""
    return override or INVOICING_TO_VAT.get(invoicing_code, "S")


@dataclass(frozen=True)
class Address:
    street: str = ""
    additional: str = ""
    city: str = ""
    postcode: str = ""


def split_address(text: str) -> Address:
    """A free-text address into street / postcode / city: the first line is the street, the last
    line gives postcode and city (``1017 AB Amsterdam``, ``10115 Berlin``, ``Springfield, IL
    62701``, ``London SW1A 1AA``); a last line without a postcode is the city."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    if not lines:
        return Address()
    street, rest = lines[0], lines[1:]
    if not rest:
        return Address(street=street)
    last = rest[-1]
    match = _POSTCODE_CITY.match(last)
    trailing = None if match else _CITY_POSTCODE.match(last)
    if match:
        postcode, city = match.group(1).strip(), match.group(2).strip()
    elif trailing:
        city, postcode = trailing.group(1).strip(), trailing.group(2).strip()
    else:
        postcode, city = "", last
    middle = ", ".join(rest[:-1])
    return Address(street=street, additional=middle, city=city, postcode=postcode)


def tax_subtotals(
    rows: Iterable[tuple[Decimal, str, Decimal]], currency: str
) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """``(net, vat_code, rate)`` rows (allowances negative) → ``(code, rate, taxable, tax)``, tax
    rounded once per code and rate: the same rule as ``invoicing.totals``."""
    groups: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: Decimal(0))
    for net, code, rate in rows:
        groups[(code, rate)] += net
    out = []
    for (code, rate), taxable in sorted(groups.items()):
        rate = Decimal(0) if code in ZERO_RATED else rate
        tax = quantize(taxable * rate / Decimal(100), currency)
        out.append((code, rate, quantize(taxable, currency), tax))
    return out


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    field: str = "non_field_errors"


def _has(value: str) -> bool:
    return bool((value or "").strip())


def check(doc: Document) -> list[Finding]:
    """What would make ``doc`` an invalid e-invoice, each with the rule id and what to fill in."""
    found: list[Finding] = []
    add = found.append
    s, b = doc.seller, doc.buyer
    codes = {t.vat_code for t in doc.taxes}
    ubl = doc.format in ("peppol", "xrechnung")
    if minor_unit(doc.currency) > 2:
        add(
            Finding(
                "BR-DEC-23",
                gettext(
                    "E-invoices carry at most 2 decimals; %(currency)s has %(decimals)s. "
                    "Send this client PDF invoices."
                )
                % {"currency": doc.currency, "decimals": minor_unit(doc.currency)},
            )
        )
    if not _has(s.name):
        add(Finding("BR-06", gettext("Fill in the organisation's legal name in Settings.")))
    if not _has(b.name):
        add(Finding("BR-07", gettext("Fill in the client's legal name.")))
    if not _has(s.country):
        add(Finding("BR-09", gettext("Fill in the organisation's country in Settings.")))
    if not _has(b.country):
        add(Finding("BR-11", gettext("Fill in the client's country.")))
    if ubl and not (_has(s.endpoint_id) and _has(s.endpoint_scheme)):
        add(
            Finding(
                "PEPPOL-EN16931-R020",
                gettext(
                    "The organisation has no electronic address; fill in its scheme and address "
                    "under Settings › E-invoicing."
                ),
            )
        )
    if ubl and not (_has(b.endpoint_id) and _has(b.endpoint_scheme)):
        add(
            Finding(
                "PEPPOL-EN16931-R010",
                gettext(
                    "The client has no electronic address; fill in its scheme (EAS) and address in "
                    "the client's e-invoicing settings."
                ),
            )
        )
    if doc.requires_order_reference and not _has(doc.order_reference):
        add(
            Finding(
                "BT-13",
                gettext(
                    "This client requires a purchase order number on its invoices; fill it in the "
                    "client's e-invoicing settings."
                ),
            )
        )
    has_seller_vat = _has(s.vat_id)
    if codes & {"S", "Z", "E"} and not (has_seller_vat or _has(s.tax_number)):
        code = sorted(codes & {"S", "Z", "E"})[0]
        add(
            Finding(
                f"BR-{code}-02",
                gettext("The organisation has no VAT id; fill it in under Settings."),
            )
        )
    if "AE" in codes and not (has_seller_vat and (_has(b.vat_id) or _has(b.legal_id))):
        add(
            Finding(
                "BR-AE-02",
                gettext(
                    "Reverse charge needs both VAT ids: fill in the organisation's and the client's."
                ),
                "tax_category",
            )
        )
    if "K" in codes:
        if not (has_seller_vat and _has(b.vat_id)):
            add(
                Finding(
                    "BR-IC-02",
                    gettext(
                        "An intra-community supply needs both VAT ids: fill in the organisation's "
                        "and the client's."
                    ),
                    "tax_category",
                )
            )
        if not (doc.period_start or doc.period_end):
            add(
                Finding(
                    "BR-IC-11",
                    gettext(
                        "An intra-community supply needs the invoicing period; set its start and end."
                    ),
                    "period_start",
                )
            )
    if "G" in codes and not has_seller_vat:
        add(
            Finding(
                "BR-G-02",
                gettext("An export invoice needs the organisation's VAT id."),
                "tax_category",
            )
        )
    if "O" in codes and len(codes) > 1:
        add(
            Finding(
                "BR-O-11",
                gettext(
                    "Lines outside the scope of VAT cannot share an invoice with taxed lines; "
                    "invoice them separately."
                ),
                "tax_category",
            )
        )
    if doc.stored_tax != doc.tax_total or doc.stored_net != doc.tax_exclusive:
        add(
            Finding(
                "BR-CO-14",
                gettext(
                    "Two tax categories with the same EN 16931 code and rate round their tax "
                    "differently; give the lines one category."
                ),
                "tax_category",
            )
        )
    if doc.format == "peppol" and s.country == "NL":
        found.extend(_dutch(doc))
    if doc.format == "xrechnung":
        found.extend(_xrechnung(doc))
    return found


def _dutch(doc: Document) -> list[Finding]:
    """Peppol's Dutch country rules (NL-R-00x) for a seller in the Netherlands."""
    s, b = doc.seller, doc.buyer
    out = []
    if not (_has(s.street) and _has(s.city) and _has(s.postcode)):
        out.append(
            Finding(
                "NL-R-002",
                gettext(
                    "A Dutch seller's address needs street, postcode and city (one per line) in "
                    "Settings."
                ),
            )
        )
    if not (_has(s.legal_id) and s.legal_id_scheme in ("0106", "0190")):
        out.append(
            Finding(
                "NL-R-003",
                gettext(
                    "A Dutch seller needs its KvK number (registration id, scheme 0106) in Settings."
                ),
            )
        )
    if doc.is_credit_note and not _has(doc.preceding_number):
        out.append(Finding("NL-R-001", gettext("A credit note must name the invoice it credits.")))
    if b.country == "NL":
        if not (_has(b.street) and _has(b.city) and _has(b.postcode)):
            out.append(
                Finding(
                    "NL-R-004",
                    gettext(
                        "A Dutch client's address needs street, postcode and city (one per line)."
                    ),
                )
            )
        if not (_has(b.legal_id) and b.legal_id_scheme in ("0106", "0190")):
            out.append(
                Finding(
                    "NL-R-005",
                    gettext("A Dutch client needs its KvK number in its e-invoicing settings."),
                )
            )
    return out


def _xrechnung(doc: Document) -> list[Finding]:
    s, b = doc.seller, doc.buyer
    out = []
    if not _has(doc.buyer_reference):
        out.append(
            Finding(
                "BR-DE-15",
                gettext(
                    "XRechnung needs the buyer reference (the Leitweg-ID); fill it in the client's "
                    "e-invoicing settings."
                ),
            )
        )
    if not (_has(s.contact_name) and _has(s.phone) and _has(s.email)):
        out.append(
            Finding(
                "BR-DE-2",
                gettext(
                    "XRechnung needs a seller contact with name, phone and e-mail; fill them under "
                    "Settings › E-invoicing."
                ),
            )
        )
    if not (_has(s.city) and _has(s.postcode)):
        out.append(
            Finding(
                "BR-DE-3",
                gettext(
                    "XRechnung needs the organisation's postcode and city (last line of the address)."
                ),
            )
        )
    if not (_has(b.city) and _has(b.postcode)):
        out.append(
            Finding(
                "BR-DE-8",
                gettext(
                    "XRechnung needs the client's postcode and city (last line of its address)."
                ),
            )
        )
    if not _has(doc.iban):
        out.append(
            Finding(
                "BR-DE-23",
                gettext("XRechnung needs the payment account; fill in the organisation's IBAN."),
            )
        )
    codes = {t.vat_code for t in doc.taxes}
    # BR-DE-16 names every category but O (which must carry no VAT id, BR-O-02).
    if codes - {"O"} and not (_has(s.vat_id) or _has(s.tax_number)):
        out.append(
            Finding("BR-DE-16", gettext("XRechnung needs the organisation's VAT id or tax number."))
        )
    return out
