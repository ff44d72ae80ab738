"""Estimates built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from timeledger.estimates import services
from timeledger.estimates.services import LineInput, PhaseInput

D = dt.date
VALID = D(2026, 3, 31)
TODAY = D(2026, 3, 2)


def standard_phases() -> list[PhaseInput]:
    """Discovery: 12 h × 150.00 = 1,800.00 + travel allowance 400.00; Build: 40 h × 120.00 =
    4,800.00 + 7.5 h × 99.99 = 749.925 → 749.93, and an optional 8 h × 120.00 = 960.00."""
    return [
        PhaseInput(
            "Discovery",
            [
                LineInput("Workshops", hours=Decimal("12"), rate=Decimal("150.00")),
                LineInput("Travel", kind="expenses", amount=Decimal("400.00")),
            ],
        ),
        PhaseInput(
            "Build",
            [
                LineInput("Shop front", hours=Decimal("40"), rate=Decimal("120.00")),
                LineInput("Payments", hours=Decimal("7.5"), rate=Decimal("99.99")),
                LineInput("Reports", hours=Decimal("8"), rate=Decimal("120.00"), is_optional=True),
            ],
        ),
    ]


def draft(by, client, *, terms="hourly", code="SHOP", **header):
    data = {
        "title": "New web shop",
        "valid_until": VALID,
        "billing_terms": terms,
        "project_code": code,
        **header,
    }
    return services.save_estimate(None, data, standard_phases(), by=by, client=client)


def sent(by, client, **kw):
    e = draft(by, client, **kw)
    return services.send_estimate(e, by=by, to=["buyer@acme.example"], today=TODAY)
