"""Country VAT presets: the dated categories an organisation gets when it picks its country.

Each preset lists its categories (EN 16931 codes: S standard, AA reduced, Z zero, E exempt, AE
reverse charge) with every rate version since about 2000, so an invoice dated in a past period of
a temporary rate (Germany's 16 % in the second half of 2020, Ireland's 21 % from September 2020 to
February 2021, Luxembourg's 16 % in 2023) gets the rate that was in force. Seeding is idempotent:
a version that exists already (same code, name and start date) is left as the organisation edited
it; the rates stay editable and dated (``taxes.save_tax_category``).

Category names carry the country ("Standard rate (DE)") because versions of one category are the
rows that share its code and name: an organisation that moves from the Netherlands to Germany keeps
its Dutch categories for the invoices that used them, and the German ones sit beside them.

The rates are the published national rates; check them against your tax adviser's before relying
on them for a period not listed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from timeledger.core.audit import record
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.rules import DEFAULT_REVERSE_CHARGE_NOTE

NO_VAT = "none"

Version = tuple[dt.date | None, str]


@dataclass(frozen=True)
class PresetCategory:
    name: str
    code: str
    versions: tuple[Version, ...]
    note: str = ""
    is_default: bool = False


@dataclass(frozen=True)
class Preset:
    """What choosing a country brings: its VAT categories, currency and time zone."""

    key: str
    label: str
    currency: str
    time_zone: str
    categories: tuple[PresetCategory, ...]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _eu(
    country: str,
    label: str,
    standard: tuple[Version, ...],
    reduced: tuple[tuple[str, tuple[Version, ...]], ...] = (),
    *,
    currency: str = "EUR",
    time_zone: str,
) -> Preset:
    """An EU member state: standard and reduced rates, zero rate, exempt, reverse charge."""
    categories = [PresetCategory(f"Standard rate ({country})", "S", standard, is_default=True)]
    categories += [
        PresetCategory(f"{name} ({country})", "AA", versions) for name, versions in reduced
    ]
    categories += [
        PresetCategory(
            f"Zero rated ({country})",
            "Z",
            ((None, "0"),),
            "Zero rated supply.",
        ),
        PresetCategory(f"Exempt ({country})", "E", ((None, "0"),)),
        PresetCategory(
            f"Reverse charge ({country})", "AE", ((None, "0"),), DEFAULT_REVERSE_CHARGE_NOTE
        ),
    ]
    return Preset(country, label, currency, time_zone, tuple(categories))


def _v(*pairs: tuple[str | None, str]) -> tuple[Version, ...]:
    return tuple((_d(day) if day else None, rate) for day, rate in pairs)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        _eu(
            "NL",
            "Netherlands",
            _v(("2001-01-01", "19"), ("2012-10-01", "21")),
            (("Reduced rate", _v(("2001-01-01", "6"), ("2019-01-01", "9"))),),
            time_zone="Europe/Amsterdam",
        ),
        _eu(
            "DE",
            "Germany",
            _v(
                ("1998-04-01", "16"),
                ("2007-01-01", "19"),
                ("2020-07-01", "16"),
                ("2021-01-01", "19"),
            ),
            (
                (
                    "Reduced rate",
                    _v(("1983-07-01", "7"), ("2020-07-01", "5"), ("2021-01-01", "7")),
                ),
            ),
            time_zone="Europe/Berlin",
        ),
        _eu(
            "BE",
            "Belgium",
            _v(("1996-01-01", "21")),
            (
                ("Intermediate rate", _v(("1996-01-01", "12"))),
                ("Reduced rate", _v(("1996-01-01", "6"))),
            ),
            time_zone="Europe/Brussels",
        ),
        _eu(
            "FR",
            "France",
            _v(("2000-04-01", "19.6"), ("2014-01-01", "20")),
            (
                ("Intermediate rate", _v(("2012-01-01", "7"), ("2014-01-01", "10"))),
                ("Reduced rate", _v(("2000-01-01", "5.5"))),
                ("Super-reduced rate", _v(("2000-01-01", "2.1"))),
            ),
            time_zone="Europe/Paris",
        ),
        _eu(
            "AT",
            "Austria",
            _v(("1984-01-01", "20")),
            (
                ("Reduced rate", _v(("1984-01-01", "10"))),
                ("Intermediate rate", _v(("2016-01-01", "13"))),
            ),
            time_zone="Europe/Vienna",
        ),
        _eu(
            "ES",
            "Spain",
            _v(("1995-01-01", "16"), ("2010-07-01", "18"), ("2012-09-01", "21")),
            (
                (
                    "Reduced rate",
                    _v(("1995-01-01", "7"), ("2010-07-01", "8"), ("2012-09-01", "10")),
                ),
                ("Super-reduced rate", _v(("1995-01-01", "4"))),
            ),
            time_zone="Europe/Madrid",
        ),
        _eu(
            "IT",
            "Italy",
            _v(("1997-10-01", "20"), ("2011-09-17", "21"), ("2013-10-01", "22")),
            (
                ("Reduced rate", _v(("1995-02-24", "10"))),
                ("Reduced rate 5%", _v(("2016-01-01", "5"))),
                ("Super-reduced rate", _v(("1989-01-01", "4"))),
            ),
            time_zone="Europe/Rome",
        ),
        _eu(
            "IE",
            "Ireland",
            _v(
                ("2010-01-01", "21"),
                ("2012-01-01", "23"),
                ("2020-09-01", "21"),
                ("2021-03-01", "23"),
            ),
            (
                ("Reduced rate", _v(("2003-01-01", "13.5"))),
                ("Second reduced rate", _v(("2011-07-01", "9"))),
            ),
            time_zone="Europe/Dublin",
        ),
        _eu(
            "LU",
            "Luxembourg",
            _v(
                ("1992-01-01", "15"),
                ("2015-01-01", "17"),
                ("2023-01-01", "16"),
                ("2024-01-01", "17"),
            ),
            (
                (
                    "Intermediate rate",
                    _v(
                        ("1992-01-01", "12"),
                        ("2015-01-01", "14"),
                        ("2023-01-01", "13"),
                        ("2024-01-01", "14"),
                    ),
                ),
                (
                    "Reduced rate",
                    _v(
                        ("1992-01-01", "6"),
                        ("2015-01-01", "8"),
                        ("2023-01-01", "7"),
                        ("2024-01-01", "8"),
                    ),
                ),
                ("Super-reduced rate", _v(("1992-01-01", "3"))),
            ),
            time_zone="Europe/Luxembourg",
        ),
        _eu(
            "PL",
            "Poland",
            _v(("1993-07-05", "22"), ("2011-01-01", "23")),
            (
                ("Reduced rate", _v(("2000-01-01", "7"), ("2011-01-01", "8"))),
                ("Reduced rate 5%", _v(("2011-01-01", "5"))),
            ),
            currency="PLN",
            time_zone="Europe/Warsaw",
        ),
        _eu(
            "SE",
            "Sweden",
            _v(("1990-07-01", "25")),
            (
                ("Reduced rate", _v(("1992-01-01", "12"))),
                ("Reduced rate 6%", _v(("1996-01-01", "6"))),
            ),
            currency="SEK",
            time_zone="Europe/Stockholm",
        ),
        _eu(
            "DK", "Denmark", _v(("1992-01-01", "25")), currency="DKK", time_zone="Europe/Copenhagen"
        ),
        Preset(
            "GB",
            "United Kingdom",
            "GBP",
            "Europe/London",
            (
                PresetCategory(
                    "Standard rate (GB)",
                    "S",
                    _v(
                        ("1991-04-01", "17.5"),
                        ("2008-12-01", "15"),
                        ("2010-01-01", "17.5"),
                        ("2011-01-04", "20"),
                    ),
                    is_default=True,
                ),
                PresetCategory("Reduced rate (GB)", "AA", _v(("1997-09-01", "5"))),
                PresetCategory("Zero rated (GB)", "Z", ((None, "0"),), "Zero rated supply."),
                PresetCategory("Exempt (GB)", "E", ((None, "0"),), "Exempt from VAT."),
                PresetCategory(
                    "Reverse charge (GB)",
                    "AE",
                    ((None, "0"),),
                    "Reverse charge: the customer accounts for the VAT (VAT Act 1994, s. 55A).",
                ),
            ),
        ),
        Preset(
            "CH",
            "Switzerland",
            "CHF",
            "Europe/Zurich",
            (
                PresetCategory(
                    "Standard rate (CH)",
                    "S",
                    _v(("2011-01-01", "8.0"), ("2018-01-01", "7.7"), ("2024-01-01", "8.1")),
                    is_default=True,
                ),
                PresetCategory(
                    "Reduced rate (CH)", "AA", _v(("2011-01-01", "2.5"), ("2024-01-01", "2.6"))
                ),
                PresetCategory(
                    "Accommodation rate (CH)",
                    "AA",
                    _v(("2011-01-01", "3.8"), ("2018-01-01", "3.7"), ("2024-01-01", "3.8")),
                ),
                PresetCategory(
                    "Export (CH)", "Z", ((None, "0"),), "Export of services: not subject to VAT."
                ),
                PresetCategory("Exempt (CH)", "E", ((None, "0"),), "Exempt from VAT (MWSTG)."),
                PresetCategory(
                    "Reverse charge (CH)",
                    "AE",
                    ((None, "0"),),
                    "Reverse charge: the recipient accounts for the VAT (Art. 45 MWSTG).",
                ),
            ),
        ),
        Preset(
            NO_VAT,
            "No VAT",
            "EUR",
            "Europe/Amsterdam",
            (
                PresetCategory(
                    "No VAT",
                    "E",
                    ((None, "0"),),
                    "No VAT charged: the supplier is not registered for VAT.",
                    is_default=True,
                ),
            ),
        ),
    )
}

COUNTRIES_WITH_PRESET = tuple(key for key in PRESETS if key != NO_VAT)


def preset_key(country: str, *, charges_vat: bool = True) -> str:
    """The preset for ``country``: its own when it has one and VAT is charged, else no VAT."""
    country = (country or "").upper()
    if charges_vat and country in PRESETS:
        return country
    return NO_VAT


@transaction.atomic
def seed_preset(organisation, key: str, *, actor=None, make_default: bool = True) -> list:
    """Create the preset's categories and rate versions that are missing, and (by default) make
    its default category the organisation's. Returns every version of the preset's categories."""
    preset = PRESETS[key]
    out: list[TaxCategory] = []
    created = 0
    for category in preset.categories:
        for effective_from, rate in category.versions:
            row, made = TaxCategory.objects.get_or_create(
                organisation=organisation,
                code=category.code,
                name=category.name,
                effective_from=effective_from,
                defaults={"rate": Decimal(rate), "legal_note": category.note},
            )
            created += made
            out.append(row)
    if make_default:
        default = next(c for c in preset.categories if c.is_default)
        TaxCategory.objects.filter(organisation=organisation, is_default=True).exclude(
            code=default.code, name=default.name
        ).update(is_default=False)
        TaxCategory.objects.filter(
            organisation=organisation, code=default.code, name=default.name
        ).update(is_default=True)
        for row in out:
            row.is_default = (row.code, row.name) == (default.code, default.name)
    if created:
        record(
            organisation=organisation,
            actor=actor,
            action="vat_preset",
            obj=organisation,
            after={"preset": key, "versions_created": created},
        )
    return out


def current_key(organisation) -> str | None:
    """The preset whose default category is the organisation's default, if any."""
    default = (
        TaxCategory.objects.filter(organisation=organisation, is_default=True)
        .order_by("-effective_from", "-id")
        .first()
    )
    if default is None:
        return None
    for key, preset in PRESETS.items():
        if any((c.code, c.name) == (default.code, default.name) for c in preset.categories):
            return key
    return None


PRESET_CHOICES = [(key, PRESETS[key].label) for key in sorted(COUNTRIES_WITH_PRESET)] + [
    (NO_VAT, PRESETS[NO_VAT].label)
]
