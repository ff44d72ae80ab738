"""The weekly audit keeps to its week: with a project (or not), every finding says whether it is
dated in the week, and ``earlier=false`` leaves out the backlogs of earlier weeks."""

import datetime as dt

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus


def test_findings_of_earlier_weeks_are_marked_and_can_be_left_out(api, org, alice, project):
    for day in (16, 17, 18):
        f.entry(alice, project, day=dt.date(2026, 11, day), hours="1", status=EntryStatus.SUBMITTED)
    in_week = f.entry(
        alice, project, day=dt.date(2026, 11, 24), hours="1", status=EntryStatus.SUBMITTED
    )
    client = api(f.member(org, Role.OWNER))
    url = f"/api/reports/audit/?week=2026-11-23&project={project.pk}"

    body = client.get(url).json()
    dated = {
        (x["date"], x["in_week"]) for x in body["findings"] if x["kind"] == "submitted_unapproved"
    }
    assert dated == {
        ("2026-11-16", False),
        ("2026-11-17", False),
        ("2026-11-18", False),
        ("2026-11-24", True),
    }

    only_week = client.get(url + "&earlier=false").json()["findings"]
    assert only_week and all(x["in_week"] for x in only_week)
    assert {x["date"] for x in only_week} <= {f"2026-11-{d}" for d in range(23, 30)}
    assert in_week.pk in {x["entry"] for x in only_week}


def test_earlier_takes_only_true_or_false(api, org):
    r = api(f.member(org, Role.OWNER)).get("/api/reports/audit/?week=2026-11-23&earlier=maybe")
    assert r.status_code == 400
    assert "earlier" in r.json()["fields"]


def test_the_web_report_tags_findings_of_an_earlier_week(client, org, alice, project):
    f.entry(alice, project, day=dt.date(2026, 11, 16), hours="1", status=EntryStatus.SUBMITTED)
    owner = f.member(org, Role.OWNER)
    client.force_login(owner.user)
    body = client.get(f"/reports/audit/?week=2026-11-23&project={project.pk}").content.decode()
    assert "earlier week" in body
    body = client.get(
        f"/reports/audit/?week=2026-11-23&project={project.pk}&earlier=false"
    ).content.decode()
    assert "earlier week</span>" not in body
