"""The measured factor for a new estimate: actual ÷ estimate of the completed projects of its
type (the median, with its sample), shown on the draft and applied to the hours only when the
user accepts it — once, and only the factor that was shown."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client

from timeledger.core.models import AuditLog
from timeledger.estimates import rules, selectors, services
from timeledger.estimates.models import EstimateLine
from timeledger.estimates.tests.helpers import draft
from timeledger.projects.models import ProjectStatus
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 12)


def _done(org, client, member, kind, estimate, logged, *, status=ProjectStatus.CLOSED):
    p = f.project(org, client, project_type=kind, estimate_hours=D(estimate), status=status)
    left, n = D(logged), 0
    while left > 0:  # days of at most 8 h
        f.entry(member, p, day=DAY + dt.timedelta(days=n), hours=min(left, D(8)))
        left, n = left - min(left, D(8)), n + 1
    return p


@pytest.fixture
def history(org, client_, alice, outsider):
    # web shop, closed: 12/10 = 1.20, 15/10 = 1.50, 9/10 = 0.90 → median 1.20 over 3
    _done(org, client_, alice, "web shop", "10", "12.00")
    _done(org, client_, alice, "web shop", "10", "15.00")
    _done(org, client_, alice, "web shop", "10", "9.00")
    # not counted: still active, and closed without an estimate
    _done(org, client_, alice, "web shop", "10", "30.00", status=ProjectStatus.ACTIVE)
    f.project(org, client_, project_type="web shop", status=ProjectStatus.CLOSED)
    _done(org, client_, alice, "migration", "20", "40.00")  # 2.00 over 1
    # another organisation's projects never count
    other = f.client(outsider.organisation, code="X")
    _done(outsider.organisation, other, outsider, "web shop", "10", "50.00")


def test_rule_worked_by_hand():
    assert rules.factor([D("1.20"), D("1.50"), D("0.90")]) == D("1.20")
    assert rules.factor([D("1.00"), D("1.25")]) == D("1.13")  # 1.125 half-up
    assert rules.ratio(int(D("12.5") * 3600), D("10")) == D("1.25")
    assert rules.factored_hours(D("7.5"), D("1.20")) == D("9.00")
    assert rules.factored_hours(D("0.25"), D("1.13")) == D("0.28")  # 0.2825


def test_factors_per_type_from_completed_projects(org, history):
    found = selectors.measured_factors(org)
    web = found["web shop"]
    assert (web.factor, web.sample, web.lowest, web.highest) == (D("1.20"), 3, D("0.90"), D("1.50"))
    assert (found["migration"].factor, found["migration"].sample) == (D("2.00"), 1)


def test_shown_on_the_draft_and_applied_only_when_accepted(manager, client_, history):
    estimate = draft(manager, client_, project_type="web shop")
    c = Client()
    c.force_login(manager.user)
    page = c.get(f"/estimates/{estimate.pk}/").content.decode()
    assert "1.20×" in page and 'id="factor-sample">3<' in page
    assert "web shop" in c.get("/estimates/new/").content.decode()
    before = sorted(EstimateLine.objects.filter(kind="time").values_list("hours", flat=True))
    assert before == [D("7.50"), D("8.00"), D("12.00"), D("40.00")]  # nothing applied yet

    # a factor other than the measured one (e.g. a stale page) is refused and changes nothing
    r = c.post(f"/estimates/{estimate.pk}/apply-factor/", {"factor": "1.10"}, follow=True)
    assert "The measured factor is now 1.20 (from 3 projects)" in r.content.decode()
    assert sorted(EstimateLine.objects.filter(kind="time").values_list("hours", flat=True)) == (
        before
    )

    r = c.post(f"/estimates/{estimate.pk}/apply-factor/", {"factor": "1.20"}, follow=True)
    assert "Hours multiplied by the measured factor 1.20." in r.content.decode()
    hours = dict(EstimateLine.objects.filter(kind="time").values_list("description", "hours"))
    assert hours == {
        "Workshops": D("14.40"),
        "Shop front": D("48.00"),
        "Payments": D("9.00"),
        "Reports": D("9.60"),
    }
    assert services.figures(estimate).hours == D("71.40")  # optional Reports not counted
    estimate.refresh_from_db()
    assert (estimate.applied_factor, estimate.applied_factor_sample) == (D("1.20"), 3)
    assert AuditLog.objects.filter(action="apply_factor").count() == 1
    assert "include the measured factor" in c.get(f"/estimates/{estimate.pk}/").content.decode()
    with pytest.raises(Exception, match="applied already"):
        services.apply_measured_factor(estimate, by=manager, expected=D("1.20"))


def test_no_type_or_no_history_offers_nothing(manager, client_, history):
    untyped = draft(manager, client_, code="U1")
    assert selectors.measured_factor(untyped) is None
    new_kind = draft(manager, client_, code="U2", project_type="support")
    with pytest.raises(Exception, match="No completed project of this type"):
        services.apply_measured_factor(new_kind, by=manager, expected=D("1.00"))


def test_api_reads_and_applies(api, manager, client_, history, outsider):
    estimate = draft(manager, client_, project_type="web shop")
    c = api(manager)
    got = c.get(f"/api/estimates/{estimate.pk}/measured-factor/").json()
    assert got == {
        "project_type": "web shop",
        "factor": "1.20",
        "sample": 3,
        "lowest": "0.90",
        "highest": "1.50",
        "applied": None,
    }
    bad = c.post(f"/api/estimates/{estimate.pk}/apply-factor/", {"factor": "2"}, format="json")
    assert bad.status_code == 400 and "factor" in bad.json()["fields"]
    ok = c.post(f"/api/estimates/{estimate.pk}/apply-factor/", {"factor": "1.20"}, format="json")
    assert ok.status_code == 200 and ok.json()["applied_factor"] == "1.20"
    assert api(outsider).get(f"/api/estimates/{estimate.pk}/measured-factor/").status_code == 404
