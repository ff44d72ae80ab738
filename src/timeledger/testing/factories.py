"""Plain factory functions for tests: real rows in the real database, sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from timeledger.accounts.models import ApiToken, Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.clients.models import Client
from timeledger.projects.models import Phase, Project, Task
from timeledger.rates.models import Rate
from timeledger.timesheets.models import TimeEntry

_seq = itertools.count(1)
DEFAULT_PASSWORD = "pw-Secret-123"


def organisation(name: str | None = None, **kw) -> Organisation:
    n = next(_seq)
    name = name or f"Org {n}"
    return Organisation.objects.create(name=name, slug=kw.pop("slug", f"org-{n}"), **kw)


def user(
    email: str | None = None,
    *,
    tz: str = "Europe/Amsterdam",
    password: str = DEFAULT_PASSWORD,
    **kw,
) -> User:
    n = next(_seq)
    return User.objects.create_user(
        email or f"user{n}@example.com",
        password,
        timezone=tz,
        first_name=kw.pop("first_name", f"User{n}"),
        **kw,
    )


def member(
    org: Organisation, role: str = Role.MEMBER, *, tz: str = "Europe/Amsterdam", **kw
) -> Member:
    email = kw.pop("email", None)
    return Member.objects.create(organisation=org, user=user(email, tz=tz), role=role, **kw)


def token(m: Member) -> str:
    return ApiToken.issue(m, "test")[1]


def client(org: Organisation, **kw) -> Client:
    n = next(_seq)
    kw.setdefault("code", f"C{n}")
    kw.setdefault("name", f"Client {n}")
    return Client.objects.create(organisation=org, **kw)


def project(org: Organisation, cl: Client | None = None, **kw) -> Project:
    n = next(_seq)
    kw.setdefault("code", f"P{n}")
    kw.setdefault("name", f"Project {n}")
    # Open to every member unless a test is about teams (``is_open_to_all=False``): most tests
    # log time and are not about who may.
    kw.setdefault("is_open_to_all", True)
    return Project.objects.create(organisation=org, client=cl or client(org), **kw)


def phase(p: Project, name: str = "Discovery", **kw) -> Phase:
    return Phase.objects.create(organisation=p.organisation, project=p, name=name, **kw)


def task(p: Project, name: str | None = None, *, billable: bool = True, **kw) -> Task:
    return Task.objects.create(
        organisation=p.organisation,
        project=p,
        name=name or f"Task {next(_seq)}",
        is_billable=billable,
        **kw,
    )


def entry(
    m: Member,
    p: Project,
    *,
    day: dt.date,
    hours: str | Decimal = "1.00",
    billable: bool = True,
    t: Task | None = None,
    **kw,
) -> TimeEntry:
    """A duration entry written directly (for read-side tests; writes go through services)."""
    seconds = int(Decimal(hours) * 3600)
    kw.setdefault("billable_seconds", seconds)
    return TimeEntry.objects.create(
        organisation=m.organisation,
        member=m,
        project=p,
        client_id=p.client_id,
        task=t,
        date=day,
        seconds=seconds,
        is_billable=billable,
        **kw,
    )


def rate(org: Organisation, amount: str | Decimal, *, level: str = "organisation", **kw):
    """A rate row (billing unless ``kind="cost"``), effective 2000-01-01 unless told otherwise."""

    kw.setdefault("effective_from", dt.date(2000, 1, 1))
    kw.setdefault("currency", org.currency)
    return Rate.objects.create(organisation=org, level=level, amount=Decimal(amount), **kw)
