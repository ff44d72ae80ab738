"""The Tryton baseline's wiring (``bench.__main__.run_tryton``): its totals go through the shared
oracle's own ``--compare``. Tryton itself is not installed here (``make bench-tryton`` does that):
a stand-in interpreter prints the JSON line ``bench.tryton`` prints, with the oracle's totals or
one cent off."""

import json
import sys
from decimal import Decimal

import pytest

from timeledger.bench import __main__ as bench
from timeledger.bench import tryton

pytestmark = pytest.mark.skipif(
    not (bench.WORKLOADS / "oracle.py").exists(), reason="needs ../shared/workloads"
)


def _stand_in(tmp_path, totals: dict) -> str:
    line = json.dumps({"bench": "tryton", "invoice_s": 12.5, "invoice_totals": totals})
    script = tmp_path / "python"
    script.write_text(f"#!{sys.executable}\nprint({line!r})\n")
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def workload(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "OUT", tmp_path)
    path, expected = bench._workload("small")
    return json.loads(expected.read_text())  # group_half_up, which equals half-even on small


def test_totals_equal_to_the_oracle_make_a_valid_baseline(tmp_path, monkeypatch, workload):
    monkeypatch.setattr(bench, "TRYTON_PYTHON", _stand_in(tmp_path, workload))
    result = bench.run_tryton("small")
    assert result["oracle_equal"] is True and result["invoice_s"] == 12.5
    assert "invoice_totals" not in result  # kept in var/bench/tryton_small.json only
    assert json.loads((tmp_path / "tryton_small.json").read_text())["invoice_totals"] == workload


def test_a_cent_off_is_not_a_baseline(tmp_path, monkeypatch, workload):
    code = sorted(workload)[0]
    wrong = workload | {code: str(Decimal(workload[code]) + Decimal("0.01"))}
    monkeypatch.setattr(bench, "TRYTON_PYTHON", _stand_in(tmp_path, wrong))
    result = bench.run_tryton("small")
    assert result["oracle_equal"] is False and result["projects_differing"] == 1


def test_the_baseline_module_imports_without_tryton_and_says_its_usage(capsys):
    assert tryton.main([]) == 2
    assert "usage: python -m timeledger.bench.tryton WORKLOAD.json" in capsys.readouterr().err
