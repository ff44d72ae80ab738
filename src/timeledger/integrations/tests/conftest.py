"""An organisation in Berlin with the people and the client the test files name, and helpers to
preview and commit the files of ``data/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeledger.accounts.roles import Role
from timeledger.integrations.imports import service
from timeledger.testing import factories as f

DATA = Path(__file__).parent / "data"
# The files hold October 2026; "now" is fixed after it so the future-entry rule never bites.
NOW = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)


def named(org, email, first, last, role=Role.MEMBER):
    m = f.member(org, role, email=email, tz="Europe/Berlin")
    m.user.first_name, m.user.last_name = first, last
    m.user.save(update_fields=["first_name", "last_name"])
    return m


@pytest.fixture
def berlin(db):
    return f.organisation("Northwind", slug="northwind", time_zone="Europe/Berlin")


@pytest.fixture
def boss(berlin):
    return named(berlin, "boss@example.com", "Bo", "Boss", Role.OWNER)


@pytest.fixture
def anna(berlin):
    return named(berlin, "anna@example.com", "Anna", "Schmidt")


@pytest.fixture
def ben(berlin):
    return named(berlin, "ben@example.com", "Ben", "Ott")


@pytest.fixture
def acme(berlin):
    return f.client(berlin, code="ACME", name="Acme Retail", currency="EUR")


@pytest.fixture
def website(berlin, acme):
    return f.project(berlin, acme, code="WEB", name="Website")


@pytest.fixture
def people(anna, ben, website):
    return anna, ben


@pytest.fixture
def imp(boss):
    """``imp(name, **options)`` → a committed batch of ``data/name``, imported by the owner."""

    def run(name, by=None, mapping=None, **options):
        by = by or boss
        with open(DATA / name, "rb") as fh:
            batch = service.create_batch(
                fh,
                by=by,
                options=service.ImportOptions(tz="Europe/Berlin", **options),
                filename=name,
                mapping=mapping,
                now=NOW,
            )
        return service.commit(batch, by=by, now=NOW)

    return run


@pytest.fixture
def look(boss):
    """``look(name, **options)`` → the preview of ``data/name`` (nothing written)."""

    def run(name, by=None, mapping=None, **options):
        with open(DATA / name, "rb") as fh:
            return service.preview(
                fh,
                by=by or boss,
                options=service.ImportOptions(tz="Europe/Berlin", **options),
                mapping=mapping,
                now=NOW,
            )

    return run
