import gc

import pytest

from timeledger.core.memory import without_cycle_collection


def test_the_collector_is_paused_inside_and_back_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), without_cycle_collection():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused_and_it_works_as_a_decorator():
    @without_cycle_collection()
    def inside():
        return gc.isenabled()

    assert inside() is False and gc.isenabled()
    gc.disable()
    try:
        assert inside() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
