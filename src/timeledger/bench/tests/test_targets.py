"""The benches' verdicts on issue 19's targets (``bench/targets.py``)."""

from timeledger.bench import targets


def _endpoint(p99, requests=100):
    return {"requests": requests, "failures": 0, "p50_ms": 5.0, "p95_ms": 10.0, "p99_ms": p99}


def test_api_targets_need_every_write_under_the_p99_and_no_error():
    rows = targets.api_targets(
        {"POST /api/entries/": _endpoint(25.0), "Aggregated": _endpoint(24.0)}, errors=0
    )
    assert [r["met"] for r in rows] == [True, True, True]
    rows = targets.api_targets(
        {"POST /api/timer/stop/": _endpoint(25.5), "Aggregated": _endpoint(20.0)}, errors=1
    )
    assert [r["met"] for r in rows] == [False, True, False]
    assert rows[1]["target"] == "all API writes: p99 ≤ 25 ms"
    # The harness's own floor of the same run is said beside all writes' figure.
    rows = targets.api_targets({"Aggregated": _endpoint(94.0)}, 0, floor_p99=19.0)
    assert rows[0]["value"] == "p99 94 ms (p50 5, p95 10); harness floor p99 19 ms"
    # An endpoint that served nothing has not met anything.
    assert targets.api_targets({"Aggregated": _endpoint(0.0, requests=0)}, 0)[0]["met"] is False


def _run(size, entries, billing_s, approve_s=1.0, claim_floor_s=1.0):
    return {
        "size": size,
        "backend": "postgresql",
        "entries": entries,
        "billing_s": billing_s,
        "approve_s": approve_s,
        "claim_floor_s": claim_floor_s,
        "claim_ratio": round(billing_s / claim_floor_s, 2),
    }


def test_billing_targets_met_not_met_and_not_measured():
    assert [r["met"] for r in targets.billing_targets([])] == [None, None, None]
    medium = _run("medium", 50_000, 0.5, approve_s=0.5)  # 275 s / 1.0 s = 275×
    large = _run("large", 1_000_000, 15.0, claim_floor_s=10.0)  # 1.5×; per entry 1.5× medium
    rows = targets.billing_targets([medium, large])
    assert [r["met"] for r in rows] == [True, False, True]
    assert "1.5×" in rows[0]["value"] and rows[1]["value"] == "1.5×"
    slow = _run("medium", 50_000, 1.0, approve_s=0.2)  # 275 / 1.2 = 229×
    assert targets.billing_targets([slow])[2]["met"] is False
    assert targets.verdict(None) == "not measured"
    assert targets.verdict(True) == "met" and targets.verdict(False) == "not met"


def test_the_claim_row_says_the_buffer_cache_beside_the_table():
    large = _run("large", 1_000_000, 21.0, claim_floor_s=14.0)
    large |= {"shared_buffers": "128MB", "entry_table_mb": 533}
    row = targets.billing_targets([large])[0]
    assert row["value"] == (
        "21.0 s / claim floor 14.0 s = 1.5× (shared_buffers 128MB, entries with their"
        " indexes 533 MB)"
    )


def test_the_tryton_row_takes_tryton_timed_in_the_same_run_when_there_is_one():
    slow = _run("medium", 50_000, 1.0, approve_s=0.2)  # 1.2 s: 275 s / 1.2 = 229×
    (row,) = [r for r in targets.billing_targets([slow]) if "Tryton" in r["target"]]
    assert row["met"] is False and "issue 19's machine" in row["target"]
    (row,) = [r for r in targets.billing_targets([slow], tryton_s=600.0) if "Tryton" in r["target"]]
    assert row["met"] is True  # 600 / 1.2 = 500×
    assert "600 s, measured in this run" in row["target"] and row["value"].endswith("= 500.0×")
