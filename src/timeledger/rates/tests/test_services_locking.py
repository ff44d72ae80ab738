"""Set-based rate locking agrees with the pure rule, to the cent, on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.accounts.models import JobRole
from timeledger.core.money import amount_for
from timeledger.rates.locking import lock_entries
from timeledger.rates.resolution import resolve_entry
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date


@pytest.fixture
def setup(org, project, alice):
    role = JobRole.objects.create(organisation=org, name="Consultant")
    alice.job_role = role
    alice.save()
    arch = f.task(project, "Architecture")
    return {"role": role, "task": arch}


def test_locks_rate_amount_and_source_from_most_specific_level(org, project, alice, setup):
    f.rate(org, "90.00")
    f.rate(org, "150.00", level="task", task=setup["task"], effective_from=D(2026, 1, 1))
    f.rate(org, "40.00", kind="cost", level="member", member=alice)
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="1.25", t=setup["task"])
    other = f.entry(alice, project, day=D(2026, 2, 2), hours="2")

    result = lock_entries(TimeEntry.objects.filter(pk__in=[e.pk, other.pk]))

    assert result == 2 and result.missing_rate == 0
    e.refresh_from_db()
    other.refresh_from_db()
    assert (e.rate, e.cost_rate, e.currency, e.amount) == (
        Decimal("150.00"),
        Decimal("40.00"),
        "EUR",
        Decimal("187.50"),
    )
    assert e.rate_source == "task rate 'Architecture' 150.00 EUR, effective 2026-01-01"
    assert e.rate_locked_at is not None
    assert (other.rate, other.amount) == (Decimal("90.00"), Decimal("180.00"))
    assert other.rate_source == "organisation default rate 90.00 EUR, effective 2000-01-01"


def test_locked_entry_never_changes_when_rates_change(org, project, alice):
    r = f.rate(org, "100.00")
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="1")
    lock_entries(TimeEntry.objects.filter(pk=e.pk))
    r.amount = Decimal("200.00")
    r.save()
    f.rate(org, "300.00", level="project", project=project)

    again = lock_entries(TimeEntry.objects.filter(pk=e.pk))

    e.refresh_from_db()
    assert again == 0
    assert (e.rate, e.amount) == (Decimal("100.00"), Decimal("100.00"))


def test_billable_entry_without_rate_stays_unlocked_and_is_reported(org, project, alice):
    f.rate(org, "80.00", currency="USD")  # client is billed in EUR: does not apply
    billable = f.entry(alice, project, day=D(2026, 2, 2), hours="1")
    internal = f.entry(alice, project, day=D(2026, 2, 2), hours="1", billable=False)

    result = lock_entries(TimeEntry.objects.filter(organisation=org))

    billable.refresh_from_db()
    internal.refresh_from_db()
    assert (int(result), result.missing_rate) == (1, 1)
    assert billable.rate_locked_at is None and billable.rate is None and billable.amount is None
    assert billable.rate_source == "no billing rate in force"
    assert internal.rate_locked_at is not None and internal.amount == Decimal("0.00")


def test_override_wins_in_sql_too(org, project, alice):
    f.rate(org, "90.00", level="project", project=project)
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="0.5", rate_override=Decimal("175.00"))
    lock_entries(TimeEntry.objects.filter(pk=e.pk))
    e.refresh_from_db()
    assert (e.rate, e.amount) == (Decimal("175.00"), Decimal("87.50"))
    assert e.rate_source == "entry override 175.00 EUR, set on the entry"


def test_date_of_work_selects_version(org, project, alice):
    f.rate(org, "100.00", level="project", project=project, effective_from=D(2026, 1, 1))
    f.rate(org, "120.00", level="project", project=project, effective_from=D(2026, 3, 1))
    feb = f.entry(alice, project, day=D(2026, 2, 28), hours="1")
    mar = f.entry(alice, project, day=D(2026, 3, 1), hours="1")
    dec = f.entry(alice, project, day=D(2025, 12, 31), hours="1")
    result = lock_entries(TimeEntry.objects.filter(organisation=org))
    assert result.missing_rate == 1
    rates = {e.date: e.rate for e in TimeEntry.objects.filter(pk__in=[feb.pk, mar.pk, dec.pk])}
    assert rates == {
        D(2026, 2, 28): Decimal("100.00"),
        D(2026, 3, 1): Decimal("120.00"),
        D(2025, 12, 31): None,
    }


def test_other_organisation_rates_never_apply(org, outsider_org, project, alice):
    f.rate(outsider_org, "999.00")
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="1")
    assert lock_entries(TimeEntry.objects.filter(pk=e.pk)).missing_rate == 1


def test_sliced_queryset_locks_only_its_slice(org, project, alice):
    f.rate(org, "10.00")
    for i in range(3):
        f.entry(alice, project, day=D(2026, 2, 2 + i), hours="1")
    assert lock_entries(TimeEntry.objects.filter(organisation=org).order_by("date")[:2]) == 2
    assert TimeEntry.objects.filter(rate_locked_at__isnull=True).count() == 1


# --- SQL amount == Python amount, property-based -------------------------------------------

_NO_FIXTURE_CHECK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def expected_amount(seconds: int, cents: int, currency: str) -> Decimal:
    """Independent of core.money: exact fraction, half-up by hand, in the currency's minor unit."""
    minor = {"JPY": 0, "ISK": 0}.get(currency, 2)
    exact = Fraction(seconds * cents, 3600 * 100) * 10**minor
    whole = int(exact)
    if exact - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole).scaleb(-minor)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=_NO_FIXTURE_CHECK)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=86_400),  # billable seconds
            st.integers(min_value=0, max_value=99_999_999),  # rate in cents
            st.sampled_from(["EUR", "JPY", "USD", "ISK"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_sql_amount_equals_python_rule(rows):
    with transaction.atomic():
        org = f.organisation()
        m = f.member(org)
        expected = {}
        for seconds, cents, currency in rows:
            client = f.client(org, currency=currency)
            p = f.project(org, client)
            f.rate(org, Decimal(cents) / 100, level="project", project=p, currency=currency)
            e = TimeEntry.objects.create(
                organisation=org,
                member=m,
                project=p,
                client=client,
                date=D(2026, 1, 5),
                seconds=seconds,
                billable_seconds=seconds,
                is_billable=True,
            )
            expected[e.pk] = expected_amount(seconds, cents, currency)
        qs = TimeEntry.objects.filter(organisation=org)

        assert lock_entries(qs) == len(rows)

        for e in qs.select_related("member", "client", "project__client", "organisation"):
            python = resolve_entry(e)
            assert e.rate == python.amount
            assert e.rate_source == python.explanation
            assert e.amount == amount_for(e.billable_seconds, python.amount, e.client.currency)
            assert e.amount == expected[e.pk], (e.billable_seconds, e.rate, e.currency)
        transaction.set_rollback(True)


LEVEL_SCOPES = ["organisation", "role", "member", "client", "project", "project_member", "task"]


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=_NO_FIXTURE_CHECK)
@given(
    rates=st.lists(
        st.tuples(
            st.sampled_from(LEVEL_SCOPES),
            st.integers(0, 1),  # which of two scopes (member / project / task ...)
            st.sampled_from(["billing", "billing", "cost"]),
            st.integers(0, 5),  # effective month offset
            st.integers(0, 50_000),  # cents
        ),
        max_size=14,
        unique_by=lambda t: (t[0], t[1], t[2], t[3]),
    ),
    entries=st.lists(
        st.tuples(
            st.integers(0, 1),  # member
            st.integers(0, 1),  # project
            st.booleans(),  # with task
            st.integers(0, 200),  # day offset
            st.integers(1, 36_000),  # billable seconds
            st.none() | st.integers(0, 30_000),  # override cents
            st.booleans(),  # billable
        ),
        min_size=1,
        max_size=10,
    ),
)
def test_lock_equals_rules_over_all_levels(rates, entries):
    from timeledger.accounts.roles import Role

    with transaction.atomic():
        org = f.organisation()
        roles = [JobRole.objects.create(organisation=org, name=f"R{i}") for i in range(2)]
        members = [f.member(org, Role.MEMBER, job_role=roles[i]) for i in range(2)]
        client = f.client(org, currency="EUR")
        projects = [f.project(org, client) for _ in range(2)]
        tasks = [f.task(p) for p in projects]
        start = D(2026, 1, 1)
        for level, which, kind, month, cents in rates:
            scope = {
                "organisation": {},
                "role": {"job_role": roles[which]},
                "member": {"member": members[which]},
                "client": {"client": client} if which == 0 else None,
                "project": {"project": projects[which]},
                "project_member": {"project": projects[which], "member": members[1 - which]},
                "task": {"task": tasks[which]},
            }[level]
            if scope is None or (level == "organisation" and which == 1):
                continue
            f.rate(
                org,
                Decimal(cents) / 100,
                level=level,
                kind=kind,
                effective_from=D(2026, 1 + month, 1),
                **scope,
            )
        for m, p, with_task, day, secs, override, billable in entries:
            TimeEntry.objects.create(
                organisation=org,
                member=members[m],
                project=projects[p],
                client=client,
                task=tasks[p] if with_task else None,
                date=start + dt.timedelta(days=day),
                seconds=secs,
                billable_seconds=secs,
                is_billable=billable,
                rate_override=None if override is None else Decimal(override) / 100,
            )
        qs = TimeEntry.objects.filter(organisation=org)
        expected = {}
        for e in qs.select_related("member", "client", "project__client", "organisation"):
            bill = resolve_entry(e)
            cost = resolve_entry(e, "cost")
            expected[e.pk] = (bill, cost, e.is_billable)

        result = lock_entries(qs)

        missing = 0
        for e in qs:
            bill, cost, billable = expected[e.pk]
            if billable and not bill.found:
                missing += 1
                assert e.rate_locked_at is None and e.rate is None
                continue
            assert e.rate_locked_at is not None
            assert e.rate == bill.amount
            assert e.cost_rate == cost.amount
            if bill.found:
                assert e.rate_source == bill.explanation
            assert e.amount == (
                amount_for(e.billable_seconds, bill.amount, "EUR") if billable else Decimal("0.00")
            )
        assert result.missing_rate == missing
        assert int(result) == len(entries) - missing
        transaction.set_rollback(True)
