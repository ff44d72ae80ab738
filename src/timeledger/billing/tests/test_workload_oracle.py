"""The shared workload through the loader, approval and a billing run equals the independent
oracle (``shared/workloads/oracle.py --totals group_half_up``) to the cent."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from timeledger.bench.loader import AlreadyLoaded, load
from timeledger.billing.engine import run_billing
from timeledger.invoicing.models import Invoice
from timeledger.rates.locking import lock_entries
from timeledger.testing.workloads import oracle_totals, small_workload
from timeledger.timesheets.models import EntryStatus, TimeEntry


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    path = small_workload(tmp_path_factory.mktemp("wl"), projects=5, seed=7)
    return path, oracle_totals(path, "group_half_up")


def test_loaded_workload_bills_to_the_oracle_totals(db, workload):
    path, expected = workload
    result = load(str(path), slug="wl")
    org = result.organisation
    assert (result.clients, result.members, result.projects, result.entries) == (2, 4, 5, 300)
    with pytest.raises(AlreadyLoaded):
        load(str(path), slug="wl")

    TimeEntry.objects.filter(organisation=org).update(
        status=EntryStatus.APPROVED, updated_at=timezone.now()
    )
    lock_entries(TimeEntry.objects.filter(organisation=org))
    run_billing(org, up_to=timezone.datetime(2025, 12, 31).date())

    actual = dict(
        Invoice.objects.filter(organisation=org)
        .values_list("project__code")
        .annotate(s=Sum("net_total"))
        .order_by()
    )
    assert {code: actual.get(code, Decimal("0.00")) for code in expected} == expected
    assert not TimeEntry.objects.filter(
        organisation=org, is_billable=True, invoice_line__isnull=True
    ).exists()
    assert not TimeEntry.objects.filter(
        organisation=org, is_billable=False, invoice_line__isnull=False
    ).exists()
