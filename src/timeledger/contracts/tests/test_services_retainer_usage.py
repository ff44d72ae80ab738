import datetime as dt
from decimal import Decimal

from timeledger.contracts.models import Retainer
from timeledger.contracts.retainers import retainer_used_hours
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus


def test_rejected_time_does_not_use_up_a_retainer(org, alice, project):
    retainer = Retainer.objects.create(
        organisation=org,
        project=project,
        starts_on=dt.date(2026, 3, 1),
        fee=Decimal("1000"),
        included_hours=Decimal("10"),
        overage_rate=Decimal("120"),
    )
    day = dt.date(2026, 3, 3)
    f.entry(alice, project, day=day, hours="2.00", status=EntryStatus.APPROVED)
    f.entry(alice, project, day=day, hours="1.50", status=EntryStatus.SUBMITTED)
    f.entry(alice, project, day=day, hours="4.00", status=EntryStatus.REJECTED)
    f.entry(alice, project, day=day, hours="3.00", billable=False)
    used = retainer_used_hours(retainer, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert used == Decimal("3.5")
