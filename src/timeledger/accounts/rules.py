"""Pure checks of an organisation's details: IBAN, BIC, VAT id, working days.

Plain strings in, an error message (or ``None``) out; no ORM. Each returns the reason a bank or a
tax office would give, so the settings page can show it next to the field.
"""

from __future__ import annotations

import re
import string

from django.utils.translation import gettext as _

# IBAN lengths by country (ISO 13616 registry), for the countries this app is used in and their
# neighbours; an unlisted country is checked by the mod-97 rule alone.
IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
    "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
}  # fmt: skip

# VAT identification numbers by country prefix (the formats of the EU's VIES and of HMRC / the
# Swiss UID register). Only the shape is checked; whether the number exists is VIES's to say.
VAT_FORMATS = {
    "AT": r"ATU\d{8}",
    "BE": r"BE[01]\d{9}",
    "CH": r"CHE\d{9}(MWST|TVA|IVA)?",
    "DE": r"DE\d{9}",
    "DK": r"DK\d{8}",
    "ES": r"ES[0-9A-Z]\d{7}[0-9A-Z]",
    "FR": r"FR[0-9A-HJ-NP-Z]{2}\d{9}",
    "GB": r"GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})",
    "IE": r"IE(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])",
    "IT": r"IT\d{11}",
    "LU": r"LU\d{8}",
    "NL": r"NL\d{9}B\d{2}",
    "PL": r"PL\d{10}",
    "SE": r"SE\d{10}01",
}
# Greece's VAT ids start with EL, not its ISO code GR.
VAT_PREFIX = {"GR": "EL"}

_BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")


def compact(value: str) -> str:
    """Upper case without spaces, dots and dashes, as banks and tax offices compare them."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def iban_error(iban: str) -> str | None:
    """ISO 13616: country, two check digits, the account; the whole is 1 modulo 97."""
    value = compact(iban)
    if not value:
        return None
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value):
        return _(
            "An IBAN starts with a country code and two check digits, e.g. NL91ABNA0417164300."
        )
    expected = IBAN_LENGTHS.get(value[:2])
    if expected and len(value) != expected:
        return _("A %(country)s IBAN has %(expected)s characters; this one has %(length)s.") % {
            "country": value[:2],
            "expected": expected,
            "length": len(value),
        }
    rearranged = value[4:] + value[:4]
    digits = "".join(
        str(string.ascii_uppercase.index(c) + 10) if c.isalpha() else c for c in rearranged
    )
    if int(digits) % 97 != 1:
        return _("The IBAN's check digits do not match; check for a typing error.")
    return None


def bic_error(bic: str) -> str | None:
    value = compact(bic)
    if not value:
        return None
    if not _BIC.fullmatch(value):
        return _("A BIC has 8 or 11 letters and digits, e.g. ABNANL2A.")
    return None


def vat_id_error(vat_id: str, country: str) -> str | None:
    """The VAT id's shape for the organisation's country (unknown countries: any 4–16 letters
    and digits)."""
    value = compact(vat_id)
    if not value:
        return None
    country = (country or "").upper()
    pattern = VAT_FORMATS.get(country)
    prefix = VAT_PREFIX.get(country, country)
    if pattern is None:
        if not re.fullmatch(r"[A-Z0-9]{4,16}", value):
            return _("Use letters and digits only.")
        return None
    if not value.startswith(prefix[:2]):
        return _("A VAT id of %(country)s starts with %(prefix)s.") % {
            "country": country,
            "prefix": prefix if country != "CH" else "CHE",
        }
    if not re.fullmatch(pattern, value):
        return _("This is not the shape of a %(country)s VAT id (e.g. %(example)s).") % {
            "country": country,
            "example": VAT_EXAMPLES[country],
        }
    return None


VAT_EXAMPLES = {
    "AT": "ATU12345678",
    "BE": "BE0123456789",
    "CH": "CHE-123.456.789 MWST",
    "DE": "DE123456789",
    "DK": "DK12345678",
    "ES": "ESX1234567X",
    "FR": "FR12345678901",
    "GB": "GB123456789",
    "IE": "IE1234567T",
    "IT": "IT12345678901",
    "LU": "LU12345678",
    "NL": "NL123456789B01",
    "PL": "PL1234567890",
    "SE": "SE123456789001",
}


def working_days_error(days: str) -> str | None:
    if not days or any(c not in "1234567" for c in days) or len(set(days)) != len(days):
        return _("Use ISO weekday digits without repeats, e.g. 12345 (1 = Monday).")
    return None
