"""Each report's figures against the hand-worked fixture of ``fixtures.World``."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from timeledger.reports.dashboard import dashboard
from timeledger.reports.filters import Filters, scope_for
from timeledger.reports.profitability import profitability
from timeledger.reports.registry import run
from timeledger.reports.tests.fixtures import FRIDAY, MONDAY, NOV_1, NOV_30, World, priced
from timeledger.reports.time_report import labels, time_report
from timeledger.reports.utilisation import team_utilisation, utilisation
from timeledger.reports.wip import wip_by_project
from timeledger.testing import factories

OCT_1 = dt.date(2026, 10, 1)


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    return World(org, owner, manager, alice, accountant, client_)


def rows_by(report, key="group"):
    return {r[key]: r for r in report.rows}


def nov(**kw):
    return Filters(date_from=NOV_1, date_to=NOV_30, **kw)


def test_time_by_project(world):
    r = run("time", world.owner, nov(group="project"), today=NOV_30)
    web, ops = rows_by(r)["WEB — Web shop"], rows_by(r)["OPS — Operations"]
    assert (web["hours"], web["billable_hours"], web["non_billable_hours"]) == (
        D("10.00"),
        D("8.00"),
        D("2.00"),
    )
    assert (web["amount"], web["currency"]) == (D("800.00"), "EUR")
    assert (ops["hours"], ops["amount"]) == (D("4.00"), D("360.00"))
    assert len(r.chart.series) == 2


def test_time_by_day_drills_to_that_day(world):
    r = run("time", world.owner, nov(group="day"), today=NOV_30)
    monday = rows_by(r)["2026-11-02"]
    assert monday["hours"] == D("12.00")
    assert monday["drill"] == {"date_from": "2026-11-02", "date_to": "2026-11-02"}


def test_member_sees_only_own_time_and_no_money(world):
    r = run("time", world.alice, nov(group="project"), today=NOV_30)
    assert list(rows_by(r)) == ["WEB — Web shop"]
    assert "amount" not in r.rows[0] and "currency" not in r.rows[0]
    assert all(not c.is_money for c in r.columns)


def test_manager_sees_their_teams_projects_only(world):
    r = run("time", world.manager, nov(group="project"), today=NOV_30)
    assert "WEB — Web shop" in rows_by(r) and "OPS — Operations" not in rows_by(r)


def test_member_may_not_open_money_reports(world):
    for name in ("profitability", "wip", "pipeline", "receivables", "budget"):
        with pytest.raises(PermissionDenied):
            run(name, world.alice, nov(), today=NOV_30)


def test_team_week_missing_days_and_state(world):
    r = run("team-week", world.owner, Filters(date_from=MONDAY, date_to=MONDAY), today=FRIDAY)
    alice = next(x for x in r.rows if x["mon"] == D("8.00"))
    assert (alice["mon"], alice["tue"], alice["total"]) == (D("8.00"), D("2.00"), D("10.00"))
    assert (alice["capacity"], alice["missing_days"], alice["state"]) == (D("40.00"), 4, "approved")
    bob = next(x for x in r.rows if x["mon"] == D("4.00"))
    assert bob["missing_days"] == 5
    assert len(r.rows) == 4  # owner, manager, alice, bob log time; the accountant does not


def test_budget_burn(world):
    r = run("budget", world.owner, nov(), today=NOV_30)
    web = rows_by(r, "project")["WEB — Web shop"]
    assert (web["hours_used"], web["budget_hours"], web["hours_pct"]) == (
        D("11.50"),
        D("12.00"),
        D("95.8"),
    )
    assert web["amount_used"] == D("950.00")
    assert web["burn_rate"] == D("2.33")  # 10 h over 30 days
    assert web["projected_date"] == dt.date(2026, 12, 2)  # 0.5 h left at 2.33 h/week: 1.5 days
    assert web["eac_hours"] is None  # no tasks, no % complete


def test_utilisation_per_member_and_team(world):
    week = Filters(date_from=MONDAY, date_to=MONDAY + dt.timedelta(days=6), group="member")
    r = run("utilisation", world.owner, week, today=FRIDAY)
    values = sorted(x["utilisation"] for x in r.rows[:-1])
    assert values == [D("0.0"), D("0.0"), D("10.0"), D("20.0")]
    team = r.rows[-1]
    assert (team["group"], team["billable_hours"], team["capacity"], team["utilisation"]) == (
        "Team",
        D("12.00"),
        D("160.00"),
        D("7.5"),
    )
    assert r.chart.target == D(75)


def test_wip_valued_per_billing_model(world):
    r = run("wip", world.owner, nov(), today=NOV_30)
    rows = {x["project"].split(" ")[0]: x for x in r.rows}
    assert (rows["WEB"]["0-30"], rows["WEB"]["31-60"], rows["WEB"]["total"]) == (
        D("800.00"),
        D("150.00"),
        D("950.00"),
    )
    assert rows["OPS"]["total"] == D("360.00")
    assert rows["FIX"]["total"] == D("400.00")  # 40 % of 1,000.00, nothing billed
    assert rows["MIL"]["total"] == D("250.00")  # 50 % of 500.00
    assert rows["RET"]["total"] == D("300.00")  # November's fee, not invoiced
    assert [s.name for s in r.chart.series] == ["EUR"]


def test_wip_totals_without_ageing_are_the_aged_totals(world):
    """The dashboard and profitability read WIP without its age buckets (one sum per project):
    the same total per project, to the cent, for every asker and filter."""
    for member in (world.owner, world.manager, world.accountant):
        for f in (nov(), nov(client_id=world.client.pk), Filters(date_from=OCT_1, date_to=OCT_1)):
            scope = scope_for(member)
            aged = wip_by_project(scope, f)
            plain = wip_by_project(scope, f, aged=False)
            assert {p: r["total"] for p, r in plain.items()} == {
                p: r["total"] for p, r in aged.items()
            }
            assert {p: (r["hours"], r["entries"]) for p, r in plain.items()} == {
                p: (r["hours"], r["entries"]) for p, r in aged.items()
            }
    assert sum(r["total"] for r in plain.values()) > 0


def test_team_utilisation_is_the_reports_team_row(world):
    """The dashboard's utilisation (the team row alone) equals the row the utilisation report
    appends under its members and under its weeks, for every asker and filter."""
    for member in (world.owner, world.manager, world.alice):
        for f in (nov(), nov(member_id=world.alice.pk), nov(is_billable=True)):
            scope = scope_for(member)
            team = team_utilisation(scope, f)
            for group in ("member", "week"):
                row = dict(utilisation(scope, f.narrowed(group=group)).rows[-1])
                row.pop("drill")
                assert team == row, (member, f, group)
    assert team_utilisation(scope_for(world.owner), nov())["billable_hours"] > 0


def test_profitability_per_project(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30, group="project")
    rows = {
        x["group"].split(" ")[0]: x for x in run("profitability", world.owner, f, today=NOV_30).rows
    }
    web = rows["WEB"]
    assert (web["invoiced"], web["wip"], web["revenue"]) == (D("300.00"), D("950.00"), D("1250.00"))
    assert (web["cost"], web["margin"], web["margin_pct"]) == (D("460.00"), D("790.00"), D("63.2"))
    assert web["effective_rate"] == D("108.70")  # 1,250.00 ÷ 11.5 h
    assert (rows["OPS"]["margin"], rows["OPS"]["effective_rate"]) == (D("240.00"), D("90.00"))
    assert (rows["FIX"]["revenue"], rows["FIX"]["effective_rate"]) == (D("400.00"), None)


def test_profitability_hours_and_wip_are_the_time_and_wip_reports(world):
    """Profitability's hours equal the time report's and its WIP the WIP report's, per project
    and per client, for every asker and filter."""
    for member in (world.owner, world.manager, world.accountant):
        for f in (
            Filters(date_from=OCT_1, date_to=NOV_30),
            nov(client_id=world.client.pk),
            nov(is_billable=False),
            Filters(date_from=OCT_1, date_to=OCT_1),
        ):
            scope = scope_for(member)
            wip = wip_by_project(scope, f)
            clients = labels("client", [r["client_id"] for r in wip.values()])
            for group in ("project", "client"):
                g = f.narrowed(group=group)
                rows = rows_by(profitability(scope, g))
                hours = {r["group"]: r["hours"] for r in time_report(scope, g).rows}
                assert {k: r["hours"] for k, r in rows.items() if r["hours"]} == {
                    k: h for k, h in hours.items() if h
                }, (member, f, group)
                by_group: dict[str, D] = {}
                for r in wip.values():
                    name = r["project"] if group == "project" else clients[r["client_id"]]
                    by_group[name] = by_group.get(name, D(0)) + r["total"]
                assert {k: r["wip"] for k, r in rows.items() if r["wip"]} == {
                    k: v for k, v in by_group.items() if v
                }, (member, f, group)


def test_profitability_per_member_counts_frozen_amounts(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30, group="member")
    rows = run("profitability", world.owner, f, today=NOV_30).rows
    alice = next(x for x in rows if x["hours"] == D("11.50"))
    assert (alice["revenue"], alice["cost"]) == (D("950.00"), D("460.00"))


def test_pipeline(world):
    r = run("pipeline", world.owner, nov(), today=NOV_30)
    instalment = next(x for x in r.rows if x["source"] == "Instalment")
    assert (instalment["amount"], instalment["horizon"]) == (D("500.00"), "4 weeks")
    assert len(r.chart.series) == 1 and r.chart.categories[0] == "next 4 weeks"
    four, eight, twelve = r.chart.series[0].values
    assert four <= eight <= twelve


def test_estimate_accuracy_factor_per_type(world):
    r = run("estimate-accuracy", world.owner, nov(), today=NOV_30)
    kind = next(x for x in r.rows if x["level"] == "type")
    assert (kind["project_type"], kind["projects"]) == ("web shop", 2)
    assert (kind["lowest"], kind["factor"], kind["highest"]) == (D("0.20"), D("0.68"), D("1.15"))
    web = next(x for x in r.rows if x["level"] == "project" and x["project"] == "WEB")
    assert (web["actual_hours"], web["ratio"]) == (D("11.50"), D("1.15"))


def test_receivables_and_aging(world):
    f = Filters(date_from=OCT_1, date_to=NOV_30)
    r = run("receivables", world.owner, f, today=NOV_30)
    (row,) = r.rows
    assert (row["month"], row["invoiced"], row["paid"], row["outstanding"], row["overdue"]) == (
        "2026-10",
        D("363.00"),
        D("63.00"),
        D("300.00"),
        D("300.00"),
    )
    assert r.extra["aging"]["EUR"]["31-60"] == D("300.00")
    dso = next(s for s in r.summary if s["label"].startswith("DSO"))
    assert dso["value"] == D("50.4")  # 300 ÷ 363 × 61 days


def test_dashboard(world):
    r = run("dashboard", world.owner, nov(), today=NOV_30)
    figures = {(x["figure"], x["currency"]): x["value"] for x in r.rows}
    assert figures[("Billable hours", "")] == D("12.00")
    assert figures[("Unbilled value", "EUR")] == D("2260.00")
    assert figures[("Outstanding", "EUR")] == D("300.00")
    assert figures[("Overdue", "EUR")] == D("300.00")
    assert figures[("Utilisation %", "")] == D("1.8")  # 12 h of 4 × 21 days × 8 h


def test_dashboard_figures_are_the_reports_figures(world):
    """The dashboard sums its entry figures in one scan: each equals the report that shows it in
    full — billable hours the time report's, utilisation the team row, unbilled value WIP's
    totals per currency — for every asker and filter (a filter that narrows the time, one that
    leaves no WIP, a range before any work)."""
    askers = (world.owner, world.manager, world.alice, world.accountant)
    filters = (
        nov(),
        nov(client_id=world.client.pk),
        nov(is_billable=True),
        nov(member_id=world.alice.pk),
        Filters(date_from=OCT_1, date_to=OCT_1),
    )
    for member in askers:
        for f in filters:
            scope = scope_for(member)
            got = {
                (x["figure"], x["currency"]): x["value"]
                for x in dashboard(scope, f, today=NOV_30).rows
            }
            weeks = time_report(scope, f.narrowed(group="week"))
            assert got[("Billable hours", "")] == sum(
                (r["billable_hours"] for r in weeks.rows), D(0)
            ), (member, f)
            assert got[("Utilisation %", "")] == team_utilisation(scope, f)["utilisation"]
            wip: dict[str, D] = {}
            for r in wip_by_project(scope, f).values():
                wip[r["currency"]] = wip.get(r["currency"], D(0)) + r["total"]
            unbilled = {c: v for (name, c), v in got.items() if name == "Unbilled value"}
            assert unbilled == (wip if scope.money else {}), (member, f)
    assert unbilled["EUR"] > 0


def test_every_grouping_keeps_each_currency_apart(world):
    """A USD client beside the EUR one: each row carries its group's currency, whether the group
    fixes it (project, client: looked up for the keys) or not (member, week: joined), and no
    amount is summed across the two."""
    usd = factories.client(world.org, code="US", name="US client", currency="USD")
    app = factories.project(world.org, usd, code="APP", name="App")
    priced(world.alice, app, day=MONDAY, hours="3.00", rate="50.00")  # USD 150.00
    for group in ("project", "client", "member", "week", "task"):
        rows = run("time", world.owner, nov(group=group), today=NOV_30).rows
        by_currency: dict[str, D] = {}
        for r in rows:
            by_currency[r["currency"]] = by_currency.get(r["currency"], D(0)) + r["amount"]
        assert by_currency == {"EUR": D("1160.00"), "USD": D("150.00")}, group
    rows = rows_by(run("time", world.owner, nov(group="project"), today=NOV_30))
    assert (rows["APP — App"]["currency"], rows["WEB — Web shop"]["currency"]) == ("USD", "EUR")
    prof = rows_by(run("profitability", world.owner, nov(group="client"), today=NOV_30))
    assert prof["US — US client"]["currency"] == "USD"
    assert prof["US — US client"]["time_cost"] == D("120.00")  # 3 h × 40.00


def test_time_by_week_and_month_fold_the_days(world):
    """Weeks and months are summed by day and folded: the same figures as the days'."""
    days = run("time", world.owner, nov(group="day"), today=NOV_30).rows
    for group in ("week", "month"):
        rows = run("time", world.owner, nov(group=group), today=NOV_30).rows
        for key in ("hours", "billable_hours", "rounded_hours", "amount"):
            assert sum(r[key] for r in rows) == sum(r[key] for r in days), (group, key)
    weeks = run("time", world.owner, nov(group="week"), today=NOV_30).rows
    assert all(dt.date.fromisoformat(r["drill"]["date_from"]).isoweekday() == 1 for r in weeks)


def test_a_partial_week_or_month_drills_to_the_days_it_counts(world):
    """A range that starts mid-week (or mid-month): the first row's drill-down starts at the
    range, so the entries behind it add up to the row (Monday's 12 h are outside the range)."""
    tuesday = MONDAY + dt.timedelta(days=1)
    f = Filters(date_from=tuesday, date_to=NOV_30, group="week")
    first = run("time", world.owner, f, today=NOV_30).rows[0]
    assert first["drill"] == {"date_from": "2026-11-03", "date_to": "2026-11-08"}
    assert first["hours"] == D("2.00")
    behind = Filters(
        date_from=dt.date.fromisoformat(first["drill"]["date_from"]),
        date_to=dt.date.fromisoformat(first["drill"]["date_to"]),
        group="project",
    )
    assert sum(r["hours"] for r in run("time", world.owner, behind, today=NOV_30).rows) == D("2.00")

    october = dt.date(2026, 10, 10)
    months = run(
        "time", world.owner, Filters(date_from=october, date_to=MONDAY, group="month"), today=NOV_30
    ).rows
    assert [r["drill"] for r in months] == [
        {"date_from": "2026-10-10", "date_to": "2026-10-31"},
        {"date_from": "2026-11-01", "date_to": "2026-11-02"},
    ]
    weeks = run("utilisation", world.owner, f.narrowed(group="week"), today=NOV_30).rows
    assert weeks[0]["drill"] == {"date_from": "2026-11-03", "date_to": "2026-11-08"}


def test_outsider_sees_nothing(world, outsider):
    r = run("time", outsider, nov(), today=NOV_30)
    assert r.rows == []
    assert run("wip", outsider, nov(), today=NOV_30).rows == []


def test_scope_rules(world):
    assert scope_for(world.alice).member_id == world.alice.pk
    assert scope_for(world.alice).money is False
    assert scope_for(world.accountant).sees_all and scope_for(world.accountant).money
    assert world.web.pk in scope_for(world.manager).project_ids
