"""The weekly grid's redistribution rule: pure, no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.timesheets.rules import redistribute_cell

seconds = st.integers(min_value=0, max_value=86_400)


def test_growth_goes_to_the_newest_adjustable_entry():
    assert redistribute_cell(9000, 0, [3600, 1800]) == ([3600, 5400], 0)


def test_growth_without_adjustable_entries_makes_a_new_one():
    assert redistribute_cell(5400, 3600, []) == ([], 1800)


def test_shrinking_takes_from_the_newest_first():
    assert redistribute_cell(3000, 0, [3600, 1800]) == ([3000, 0], 0)


def test_zero_removes_every_adjustable_entry():
    assert redistribute_cell(1200, 1200, [600, 900]) == ([0, 0], 0)


def test_target_below_fixed_time_is_refused():
    with pytest.raises(ValueError):
        redistribute_cell(1800, 3600, [600])


@given(target=seconds, fixed=seconds, adjustable=st.lists(seconds, max_size=5))
def test_the_cell_always_ends_at_the_target(target, fixed, adjustable):
    if target < fixed:
        with pytest.raises(ValueError):
            redistribute_cell(target, fixed, adjustable)
        return
    new, extra = redistribute_cell(target, fixed, adjustable)
    assert fixed + sum(new) + extra == target
    assert len(new) == len(adjustable)
    assert all(n >= 0 for n in new) and extra >= 0
    # Only one direction of change: grow one entry, or shrink some; never both.
    grown = [n for n, old in zip(new, adjustable, strict=True) if n > old]
    assert len(grown) + (1 if extra else 0) <= 1
    if extra:
        assert not adjustable
