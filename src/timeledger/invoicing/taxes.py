"""Tax categories: defaults per client and project, the version in force on a date, seeding.

Versions of one category share its ``code`` and ``name`` and differ by ``effective_from``; a line
points at any version and is moved to the version in force on the invoice date when issued.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.rules import TaxVersion, version_in_force


def default_category(organisation, *, client=None, project=None) -> TaxCategory | None:
    """Project's default, else the client's, else the organisation's default category."""
    return _own_default(client=client, project=project) or _organisation_default(organisation)


def default_categories(organisation, projects) -> dict[int, TaxCategory | None]:
    """``default_category`` of many projects (and their clients) at once, as the billing engine
    taxes a batch of drafts: the organisation's default is read once, and only if needed. Load the
    projects with ``select_related("default_tax_category", "client__default_tax_category")``."""
    out: dict[int, TaxCategory | None] = {}
    fallback: list[TaxCategory | None] = []
    for project in projects:
        category = _own_default(client=project.client, project=project)
        if category is None:
            if not fallback:
                fallback.append(_organisation_default(organisation))
            category = fallback[0]
        out[project.pk] = category
    return out


def _own_default(*, client=None, project=None) -> TaxCategory | None:
    if project is not None and project.default_tax_category_id:
        return project.default_tax_category
    if client is not None and client.default_tax_category_id:
        return client.default_tax_category
    return None


def _organisation_default(organisation) -> TaxCategory | None:
    return (
        TaxCategory.objects.filter(organisation=organisation, is_default=True)
        .order_by("-effective_from", "-id")
        .first()
    )


def versions_of(category: TaxCategory):
    return TaxCategory.objects.filter(
        organisation_id=category.organisation_id, code=category.code, name=category.name
    )


def in_force(category: TaxCategory, on: dt.date) -> TaxCategory | None:
    versions = list(versions_of(category))
    chosen = version_in_force(
        [TaxVersion(v.id, v.code, v.rate, v.effective_from) for v in versions], on
    )
    return next((v for v in versions if chosen and v.id == chosen.id), None)


def save_tax_category(category: TaxCategory | None, data: dict, *, by) -> TaxCategory:
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot manage taxes."))
    rate = data.get("rate", category.rate if category else None)
    code = data.get("code", category.code if category else TaxCategory.Code.STANDARD)
    if rate is not None and (rate < 0 or rate > 100):
        raise ValidationError({"rate": [gettext("A tax rate is between 0 and 100 %.")]})
    if code in ("Z", "E", "AE") and rate not in (None, Decimal(0)):
        raise ValidationError(
            {"rate": [gettext("Category %(code)s carries no tax: its rate is 0.") % {"code": code}]}
        )
    creating = category is None
    with transaction.atomic():
        if creating:
            category = TaxCategory(organisation=by.organisation)
        before = None if creating else snapshot(category)
        for field, value in data.items():
            setattr(category, field, value)
        category.full_clean(exclude=["organisation"])
        if category.is_default:
            TaxCategory.objects.filter(organisation=by.organisation, is_default=True).exclude(
                code=category.code, name=category.name
            ).update(is_default=False)
        category.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if creating else "update",
            obj=category,
            before=before,
            after=snapshot(category),
        )
    return category


# Typical EU categories (rates of the Netherlands); an organisation edits or adds its own.
STANDARD_SET = [
    ("Standard rate", "S", Decimal("21.00"), True, ""),
    ("Reduced rate", "AA", Decimal("9.00"), False, ""),
    ("Zero rated", "Z", Decimal("0.00"), False, ""),
    ("Exempt", "E", Decimal("0.00"), False, ""),
    (
        "Reverse charge",
        "AE",
        Decimal("0.00"),
        False,
        "Reverse charge: VAT to be accounted for by the recipient "
        "(Article 196, Council Directive 2006/112/EC).",
    ),
]


def seed_tax_categories(organisation) -> list[TaxCategory]:
    """Create the typical categories once (idempotent by code and name)."""
    out = []
    for name, code, rate, is_default, note in STANDARD_SET:
        cat, _ = TaxCategory.objects.get_or_create(
            organisation=organisation,
            code=code,
            name=name,
            defaults={"rate": rate, "is_default": is_default, "legal_note": note},
        )
        out.append(cat)
    return out
