"""Rate precedence and effective dating, pure (no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeledger.rates import rules
from timeledger.rates.rules import Candidate, Work

D = dt.date
WORK = Work(
    member_id=1,
    job_role_id=2,
    client_id=3,
    project_id=4,
    task_id=5,
    date=D(2026, 3, 15),
    currency="EUR",
)


JAN1 = D(2026, 1, 1)


def c(level, amount, eff=JAN1, **kw):
    scope = {
        "task": {"task_id": 5},
        "project_member": {"project_id": 4, "member_id": 1},
        "project": {"project_id": 4},
        "client": {"client_id": 3},
        "member": {"member_id": 1},
        "role": {"job_role_id": 2},
        "organisation": {},
    }[level]
    return Candidate(
        level=level,
        amount=Decimal(amount),
        currency=kw.pop("currency", "EUR"),
        effective_from=eff,
        **{**scope, **kw},
    )


def test_task_rate_beats_everything_but_override():
    cands = [
        c("organisation", "90"),
        c("role", "100"),
        c("member", "110"),
        c("client", "120"),
        c("project", "130"),
        c("project_member", "140"),
        c("task", "150", label="Architecture"),
    ]
    r = rules.resolve(cands, WORK)
    assert r.amount == Decimal("150")
    assert r.level == "task"
    assert r.explanation == "task rate 'Architecture' 150.00 EUR, effective 2026-01-01"


def test_override_wins_and_explains_itself():
    work = Work(**{**WORK.__dict__, "override": Decimal("175")})
    r = rules.resolve([c("task", "150")], work)
    assert (r.amount, r.level) == (Decimal("175"), "override")
    assert r.explanation == "entry override 175.00 EUR, set on the entry"


def test_override_does_not_apply_to_cost():
    work = Work(**{**WORK.__dict__, "override": Decimal("175")})
    r = rules.resolve([c("organisation", "40", kind="cost")], work, kind="cost")
    assert (r.amount, r.level) == (Decimal("40"), "organisation")


def test_client_beats_member_and_member_beats_role():
    assert rules.resolve([c("member", "110"), c("client", "120")], WORK).level == "client"
    assert rules.resolve([c("member", "110"), c("role", "100")], WORK).level == "member"


def test_future_version_is_ignored_and_lower_level_applies():
    cands = [c("task", "150", eff=D(2026, 4, 1)), c("project", "130")]
    r = rules.resolve(cands, WORK)
    assert (r.amount, r.level) == (Decimal("130"), "project")


def test_latest_version_in_force_is_chosen():
    cands = [
        c("project", "100", eff=D(2025, 1, 1)),
        c("project", "120", eff=D(2026, 3, 15)),
        c("project", "140", eff=D(2026, 3, 16)),
    ]
    assert rules.resolve(cands, WORK).amount == Decimal("120")


def test_other_scope_and_other_currency_do_not_apply():
    cands = [
        c("task", "150", task_id=99),
        c("project_member", "140", project_id=4, member_id=77),
        c("organisation", "90", currency="USD"),
    ]
    r = rules.resolve(cands, WORK)
    assert not r.found
    assert r.amount is None
    assert r.explanation == "no billing rate in EUR in force on 2026-03-15"


def test_cost_rates_are_separate_from_billing():
    cands = [c("task", "150"), c("member", "60", kind="cost")]
    assert rules.resolve(cands, WORK, kind="cost").amount == Decimal("60")
    assert rules.resolve(cands, WORK).amount == Decimal("150")


def test_explain_lists_every_level_and_marks_the_winner():
    steps = rules.explain([c("project", "130"), c("organisation", "90")], WORK)
    assert [s.level for s in steps] == list(rules.PRECEDENCE)
    assert [s.level for s in steps if s.wins] == ["project"]
    assert steps[-1].text == "organisation default rate 90.00 EUR, effective 2026-01-01"


def test_scope_errors():
    assert rules.scope_errors("task", {"task_id": 1}) == {}
    assert rules.scope_errors("task", {}) == {"task": "A task rate needs a task."}
    assert rules.scope_errors("organisation", {"member_id": 3}) == {
        "member": "A organisation default rate takes no member."
    }
    assert set(rules.scope_errors("project_member", {"project_id": 1})) == {"member"}


def test_overlap_is_same_level_scope_kind_currency_and_date():
    existing = [c("project", "100", rate_id=1)]
    assert rules.overlapping(existing, c("project", "110")) == existing[0]
    assert rules.overlapping(existing, c("project", "110", eff=D(2026, 1, 2))) is None
    assert rules.overlapping(existing, c("project", "110", project_id=8)) is None
    assert rules.overlapping(existing, c("project", "110", kind="cost")) is None
    assert rules.overlapping(existing, c("project", "110", rate_id=1)) is None  # itself


# --- property-based ---------------------------------------------------------------------------

LEVELS = list(rules.SCOPE_FIELDS)
dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))
amounts = st.integers(min_value=0, max_value=100_000).map(lambda n: Decimal(n) / 100)


@st.composite
def candidate_sets(draw):
    out = []
    for i in range(draw(st.integers(0, 14))):
        level = draw(st.sampled_from(LEVELS))
        # Scope ids drawn from {the work's id, another id}: some rows cover the work, some don't.
        scope = {
            f: draw(st.sampled_from([getattr(WORK, f), 999])) for f in rules.SCOPE_FIELDS[level]
        }
        out.append(
            Candidate(
                level=level,
                amount=draw(amounts),
                currency=draw(st.sampled_from(["EUR", "EUR", "USD"])),
                effective_from=draw(dates),
                kind=draw(st.sampled_from(["billing", "billing", "cost"])),
                rate_id=i + 1,
                **scope,
            )
        )
    return out


def oracle(cands, work, kind):
    """An independent statement of the rule: rank every applicable row, take the maximum."""
    rank = {level: len(LEVELS) - i for i, level in enumerate(LEVELS)}  # task highest
    ok = [
        x
        for x in cands
        if x.kind == kind
        and x.currency == work.currency
        and x.effective_from <= work.date
        and all(getattr(x, f) == getattr(work, f) for f in rules.SCOPE_FIELDS[x.level])
    ]
    if kind == "billing" and work.override is not None:
        return work.override, "override"
    if not ok:
        return None, None
    best = max(ok, key=lambda x: (rank[x.level], x.effective_from, x.rate_id))
    return best.amount, best.level


@settings(max_examples=400)
@given(
    cands=candidate_sets(),
    day=dates,
    kind=st.sampled_from(["billing", "cost"]),
    override=st.none() | amounts,
)
def test_resolve_matches_independent_ranking(cands, day, kind, override):
    work = Work(**{**WORK.__dict__, "date": day, "override": override})
    r = rules.resolve(cands, work, kind)
    assert (r.amount, r.level) == oracle(cands, work, kind)


@given(cands=candidate_sets(), day=dates)
def test_adding_a_more_specific_version_in_force_always_takes_over(cands, day):
    work = Work(**{**WORK.__dict__, "date": day})
    task_rate = Candidate(
        level="task",
        amount=Decimal("1234.56"),
        currency="EUR",
        effective_from=day,
        task_id=5,
        rate_id=10_000,
    )
    assert rules.resolve([*cands, task_rate], work).amount == Decimal("1234.56")


@given(cands=candidate_sets(), day=dates, later=st.integers(1, 400))
def test_a_version_dated_after_the_work_never_changes_its_rate(cands, day, later):
    work = Work(**{**WORK.__dict__, "date": day})
    before = rules.resolve(cands, work)
    future = [
        Candidate(
            **{**x.__dict__, "effective_from": day + dt.timedelta(days=later), "rate_id": 5000 + i}
        )
        for i, x in enumerate(cands)
    ]
    assert rules.resolve([*cands, *future], work) == before


@given(cands=candidate_sets(), day=dates)
def test_exactly_one_step_wins_when_a_rate_is_found(cands, day):
    work = Work(**{**WORK.__dict__, "date": day})
    steps = rules.explain(cands, work)
    r = rules.resolve(cands, work)
    assert sum(s.wins for s in steps) == (1 if r.found else 0)


# --- what a resolution carries, and how it reads ---------------------------------------------

OVERRIDDEN = Work(**{**WORK.__dict__, "override": Decimal("175")})


def test_a_resolution_carries_the_version_it_comes_from():
    r = rules.resolve(
        [c("project", "130", rate_id=41, label="Website"), c("organisation", "90", rate_id=7)],
        WORK,
    )
    assert r == rules.Resolution(
        amount=Decimal("130"),
        currency="EUR",
        level="project",
        label="Website",
        effective_from=JAN1,
        explanation="project rate 'Website' 130.00 EUR, effective 2026-01-01",
        kind="billing",
        rate_id=41,
    )
    cost = rules.resolve([c("member", "60", kind="cost", rate_id=9)], WORK, kind="cost")
    assert (cost.kind, cost.rate_id, cost.currency) == ("cost", 9, "EUR")


def test_an_override_resolution_has_no_version_behind_it():
    assert rules.resolve([c("task", "150", rate_id=3)], OVERRIDDEN) == rules.Resolution(
        amount=Decimal("175"),
        currency="EUR",
        level="override",
        label="",
        effective_from=None,
        explanation="entry override 175.00 EUR, set on the entry",
        kind="billing",
        rate_id=None,
    )


def test_no_rate_in_force_says_which_kind_currency_and_date():
    assert rules.resolve([], WORK, kind="cost") == rules.Resolution(
        amount=None,
        currency="EUR",
        level=None,
        label="",
        effective_from=None,
        explanation="no cost rate in EUR in force on 2026-03-15",
        kind="cost",
    )
    assert rules.resolve([], WORK).kind == "billing"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match=r"^kind must be one of \('billing', 'cost'\)$"):
        rules.resolve([], WORK, kind="margin")


def test_rates_read_in_their_currencys_decimals_and_keep_finer_prices():
    kwd = Work(**{**WORK.__dict__, "currency": "KWD"})
    assert (
        rules.resolve([c("task", "12.345", currency="KWD")], kwd).explanation
        == "task rate 12.345 KWD, effective 2026-01-01"
    )
    assert (
        rules.resolve([c("task", "0.125")], WORK).explanation
        == "task rate 0.125 EUR, effective 2026-01-01"
    )
    jpy = Work(**{**WORK.__dict__, "currency": "JPY", "override": Decimal("15000")})
    assert rules.resolve([], jpy).explanation == "entry override 15,000 JPY, set on the entry"
    kwd_override = Work(**{**kwd.__dict__, "override": Decimal("12.345")})
    assert (
        rules.resolve([], kwd_override).explanation == "entry override 12.345 KWD, set on the entry"
    )
    # a currency we do not know still reads, with two decimals
    assert rules.describe("project", "", Decimal("150"), "XXX", JAN1) == (
        "project rate 150.00 XXX, effective 2026-01-01"
    )


def test_a_candidate_of_an_unknown_level_applies_to_nothing():
    assert not rules.applies(
        Candidate(level="override", amount=Decimal(1), currency="EUR", effective_from=JAN1), WORK
    )
    assert not rules.applies(
        Candidate(level="galaxy", amount=Decimal(1), currency="EUR", effective_from=JAN1), WORK
    )


def test_same_date_versions_go_to_the_most_recently_created():
    newer_first = [c("project", "120", rate_id=2), c("project", "110", rate_id=1)]
    assert rules.resolve(newer_first, WORK).amount == Decimal("120")
    older_first = [c("project", "110", rate_id=1), c("project", "120", rate_id=2)]
    assert rules.resolve(older_first, WORK).amount == Decimal("120")
    unsaved_first = [c("project", "100"), c("project", "110", rate_id=1)]
    assert rules.resolve(unsaved_first, WORK).amount == Decimal("110")


def test_an_edit_onto_another_versions_date_is_an_overlap():
    existing = [c("project", "100", rate_id=1), c("project", "120", eff=D(2026, 2, 1), rate_id=2)]
    # rate 2 edited to 1 January collides with rate 1; rate 1 saved again does not collide
    assert rules.overlapping(existing, c("project", "125", rate_id=2)) == existing[0]
    assert rules.overlapping(existing, c("project", "105", rate_id=1)) is None


def test_explain_an_override_shows_every_level_with_the_override_winning():
    steps = rules.explain([c("task", "150", label="Design")], OVERRIDDEN)
    assert steps[0] == rules.Step(
        "override", "entry override", None, "entry override 175.00 EUR, set on the entry", True
    )
    assert steps[1] == rules.Step(
        "task",
        "task",
        c("task", "150", label="Design"),
        "task rate 'Design' 150.00 EUR, effective 2026-01-01",
        False,
    )
    assert steps[2] == rules.Step(
        "project_member", "project-member", None, "no project-member rate in force", False
    )
    plain = rules.explain([], WORK)
    assert plain[0] == rules.Step(
        "override", "entry override", None, "no override on the entry", False
    )


def test_explain_cost_skips_the_override_and_uses_cost_rates():
    cands = [c("task", "150"), c("member", "60", kind="cost"), c("organisation", "40", kind="cost")]
    steps = rules.explain(cands, OVERRIDDEN, kind="cost")
    assert [s.level for s in steps] == list(rules.PRECEDENCE[1:])
    assert [s.level for s in steps if s.wins] == ["member"]
    by_level = {s.level: s for s in steps}
    assert by_level["task"].candidate is None
    assert by_level["member"].text == "member rate 60.00 EUR, effective 2026-01-01"
    assert by_level["organisation"].candidate == c("organisation", "40", kind="cost")


def test_scope_errors_name_the_missing_or_extra_scope_in_words():
    assert rules.scope_errors("galaxy", {}) == {"level": "Unknown level 'galaxy'."}
    assert rules.scope_errors("role", {}) == {"job_role": "A role rate needs a job role."}
    assert rules.scope_errors("client", {"client_id": 3, "job_role_id": 2}) == {
        "job_role": "A client rate takes no job role."
    }
