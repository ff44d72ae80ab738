"""Mutation testing of the money- and rule-critical modules (``make mutate``; not part of ``make test``).

For each target below, mutmut 3.8 mutates only that target's modules and runs only that target's
fast tests (on SQLite), one target at a time and one worker at a time (the machine is shared).
Each target runs in its own scratch folder ``var/mutate/<target>/`` holding a copy of ``src`` and a
``pyproject.toml`` with the target's ``[tool.mutmut]`` section, so a target's results (kept by
mutmut between runs) never mix with another's.

Usage::

    python scripts/mutate.py                # every target
    python scripts/mutate.py money billing  # some targets
    python scripts/mutate.py --list         # the targets and their modules and tests

It prints killed / total per target and writes ``var/mutate/summary.json``. Mutants listed in
``scripts/mutate_equivalent.txt`` (equivalent mutants, each with its reason) are counted apart:
the score is killed / (total - equivalent).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "mutate"
EQUIVALENT = ROOT / "scripts" / "mutate_equivalent.txt"
PKG = "src/timeledger"


@dataclass(frozen=True)
class Target:
    name: str
    modules: tuple[str, ...]  # paths under src/timeledger
    tests: tuple[str, ...]  # test files under src/timeledger


TARGETS = [
    Target(
        "money",
        ("core/money.py", "core/hours.py"),
        (
            "core/tests/test_rules_money.py",
            "core/tests/test_rules_hours.py",
            "core/tests/test_rules_line_shares.py",
        ),
    ),
    Target(
        "rounding",
        ("timesheets/rounding.py",),
        ("timesheets/tests/test_rules_rounding.py",),
    ),
    Target(
        "rates",
        ("rates/rules.py",),
        ("rates/tests/test_rules_precedence.py",),
    ),
    Target(
        "billing",
        ("billing/rules.py",),
        ("billing/tests/test_rules_billing.py", "billing/tests/test_rules_progress.py"),
    ),
    Target(
        "caps",
        ("contracts/rules.py",),
        ("contracts/tests/test_rules_contracts.py",),
    ),
    Target(
        "invoicing",
        ("invoicing/totals.py", "invoicing/rules.py"),
        ("invoicing/tests/test_rules_invoicing.py",),
    ),
    Target(
        "numbering",
        ("invoicing/numbering.py",),
        ("invoicing/tests/test_numbering.py",),
    ),
]
BY_NAME = {t.name: t for t in TARGETS}


def equivalent_mutants() -> set[str]:
    """Mutant names from the skip list (``name  # reason`` per line)."""
    if not EQUIVALENT.exists():
        return set()
    names = set()
    for line in EQUIVALENT.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def prepare(target: Target) -> Path:
    """The target's scratch folder: a fresh copy of ``src`` and its own mutmut configuration."""
    folder = WORK / target.name
    src = folder / "src"
    if src.exists():
        shutil.rmtree(src)
    # mutmut keeps its results in mutants/; a changed source or test is re-run by mutmut itself,
    # but a fresh copy of the tests is needed for it to see new ones.
    mutants = folder / "mutants"
    if mutants.exists():
        shutil.rmtree(mutants)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(
        ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "test-media")
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pytest_ini = project["tool"]["pytest"]["ini_options"]
    lines = ["[tool.pytest.ini_options]"]
    for key, value in pytest_ini.items():
        lines.append(f"{key} = {json.dumps(value)}")
    lines += [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {json.dumps([f'{PKG}/{m}' for m in target.modules])}",
        f"pytest_add_cli_args_test_selection = {json.dumps([f'{PKG}/{t}' for t in target.tests])}",
        # one process, no xdist, SQLite (the hypothesis profile is derandomized: same examples)
        'pytest_add_cli_args = ["-p", "no:xdist", "-q", "-x"]',
        "max_stack_depth = -1",
        "timeout_multiplier = 10.0",
        "",
    ]
    (folder / "pyproject.toml").write_text("\n".join(lines))
    # tests that read ../shared relative to the checkout root
    shared = ROOT.parent / "shared"
    for link in (folder / "shared", folder.parent / "shared"):
        if shared.exists() and not link.exists():
            link.symlink_to(shared)
    return folder


STATUS_RE = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def results(folder: Path, env: dict) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = {}
    for line in out.splitlines():
        m = STATUS_RE.match(line)
        if m and "__mutmut_" in m["name"]:
            found[m["name"]] = m["status"].strip()
    return found


def run(target: Target) -> dict:
    folder = prepare(target)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    print(f"== {target.name}: {', '.join(target.modules)}", flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", "1"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    (folder / "run.log").write_text(proc.stdout + proc.stderr)
    found = results(folder, env)
    skipped = equivalent_mutants()
    counted = {k: v for k, v in found.items() if k not in skipped}
    killed = sorted(
        k for k, v in counted.items() if v in ("killed", "timeout", "caught by type check")
    )
    survived = sorted(k for k, v in counted.items() if k not in killed)
    total = len(counted)
    score = 100.0 * len(killed) / total if total else 0.0
    summary = {
        "target": target.name,
        "modules": list(target.modules),
        "killed": len(killed),
        "total": total,
        "equivalent": len(found) - len(counted),
        "score": round(score, 1),
        "survived": {k: counted[k] for k in survived},
        "exit": proc.returncode,
    }
    print(
        f"   killed {len(killed)} / {total} = {score:.1f} %"
        f" ({summary['equivalent']} equivalent skipped; mutmut exit {proc.returncode})",
        flush=True,
    )
    for name in survived:
        print(f"   {counted[name]:>10}  {name}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets")
    parser.add_argument("--min-score", type=float, default=90.0)
    args = parser.parse_args(argv)
    if args.list:
        for t in TARGETS:
            print(f"{t.name}: {' '.join(t.modules)}  <-  {' '.join(t.tests)}")
        return 0
    unknown = [n for n in args.targets if n not in BY_NAME]
    if unknown:
        print(f"unknown target(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 1
    chosen = [BY_NAME[n] for n in args.targets] or TARGETS
    summaries = [run(t) for t in chosen]
    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / "summary.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous.update({s["target"]: s for s in summaries})
    out.write_text(json.dumps(previous, indent=2))
    print()
    print(f"{'target':<12} {'killed':>7} {'total':>6} {'score':>7}")
    for s in summaries:
        print(f"{s['target']:<12} {s['killed']:>7} {s['total']:>6} {s['score']:>6.1f}%")
    low = [s["target"] for s in summaries if s["score"] < args.min_score]
    if low:
        print(f"below {args.min_score:.0f} %: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
