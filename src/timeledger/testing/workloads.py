"""The shared workload generator and its independent oracle (``../shared/workloads``) for tests:
a small generated workload file and the totals the oracle expects of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

WORKLOADS = Path(__file__).resolve().parents[3].parent / "shared" / "workloads"


def small_workload(folder: Path, *, projects: int, seed: int) -> Path:
    """A generated workload of 2 clients, 4 people, ``projects`` projects and 300 entries.
    Skips when ``../shared`` is absent, except under ``CI=true``, where it always is there."""
    if not (WORKLOADS / "make_workload.py").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{WORKLOADS} is missing")
        pytest.skip("shared/workloads not present")
    path = folder / "custom.json"
    args = ["--clients", "2", "--employees", "4", "--projects", str(projects)]
    args += ["--entries", "300", "--seed", str(seed), "-o", str(path)]
    subprocess.run(
        [sys.executable, str(WORKLOADS / "make_workload.py"), "custom", *args],
        check=True,
        capture_output=True,
    )
    return path


def oracle_totals(path: Path, rule: str) -> dict[str, Decimal]:
    """Net per project code as the oracle computes it under ``rule`` (e.g. ``group_half_up``)."""
    out = subprocess.run(
        [sys.executable, str(WORKLOADS / "oracle.py"), str(path), "--totals", rule],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {k: Decimal(v) for k, v in json.loads(out).items()}
