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
        (
            "billing/tests/test_rules_billing.py",
            "billing/tests/test_rules_progress.py",
            "billing/tests/test_rules_billing_texts.py",
        ),
    ),
    Target(
        "caps",
        ("contracts/rules.py",),
        ("contracts/tests/test_rules_contracts.py",),
    ),
    Target(
        "invoicing",
        ("invoicing/totals.py", "invoicing/rules.py"),
        ("invoicing/tests/test_rules_invoicing.py", "invoicing/tests/test_rules_patterns.py"),
    ),
    Target(
        "numbering",
        ("invoicing/numbering.py",),
        ("invoicing/tests/test_numbering.py", "invoicing/tests/test_numbering_service.py"),
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


IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "test-media")


def prepare(target: Target, *, again: bool = False) -> Path:
    """The target's scratch folder: a fresh copy of ``src`` and its own mutmut configuration.

    A full run starts from nothing. ``again`` keeps mutmut's results (``mutants/``) and brings
    the current tests into it, so only the named mutants are re-tested (with fresh stats)."""
    folder = WORK / target.name
    src = folder / "src"
    if src.exists():
        shutil.rmtree(src)
    stale_files = [*folder.glob("test.sqlite3*")]
    if again:
        stale_files.append(folder / "mutants" / "mutmut-stats.json")
    else:
        stale_files.append(folder / "mutants")
    for stale in stale_files:
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "src", src, ignore=IGNORE)
    if again and (folder / "mutants" / "src").exists():
        mutated = {f"{PKG}/{m}" for m in target.modules}
        for path in src.rglob("*"):
            rel = path.relative_to(folder)
            if path.is_file() and str(rel) not in mutated:
                dest = folder / "mutants" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
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
        'pytest_add_cli_args = ["-p", "no:xdist", "-q", "-x", "--reuse-db"]',
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


def run(target: Target, *, again: bool = False) -> dict:
    names: list[str] = []
    if again:
        last = json.loads((WORK / "summary.json").read_text()).get(target.name, {})
        names = sorted(last.get("survived", {}))
    folder = prepare(target, again=again and bool(names))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    # SQLite test database in a file, created once by mutmut's first test run and reused by every
    # mutant's run (``--reuse-db``): migrating a fresh database per mutant would take most of it.
    env["TIMELEDGER_TEST_DB"] = str(folder / "test.sqlite3")
    print(f"== {target.name}: {', '.join(target.modules)}", flush=True)
    if names:
        print(f"   re-testing the {len(names)} mutants that survived the last run", flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", "1", *names],
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


def show(names: list[str]) -> int:
    """The diff of each mutant that survived the last run of each target."""
    summary_path = WORK / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for name in names:
        for mutant, status in summary.get(name, {}).get("survived", {}).items():
            diff = subprocess.run(
                [sys.executable, "-m", "mutmut", "show", mutant],
                cwd=WORK / name,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            changed = [
                line
                for line in diff.splitlines()
                if line[:1] in "+-" and not line.startswith(("+++", "---"))
            ]
            print(f"{mutant} ({status})")
            for line in changed:
                print(f"    {line}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets")
    parser.add_argument("--min-score", type=float, default=90.0)
    parser.add_argument(
        "--again",
        action="store_true",
        help="re-test only the last run's surviving mutants against the current tests",
    )
    parser.add_argument(
        "--show", action="store_true", help="print the diffs of the last run's surviving mutants"
    )
    args = parser.parse_args(argv)
    if args.show:
        return show(args.targets or [t.name for t in TARGETS])
    if args.list:
        for t in TARGETS:
            print(f"{t.name}: {' '.join(t.modules)}  <-  {' '.join(t.tests)}")
        return 0
    unknown = [n for n in args.targets if n not in BY_NAME]
    if unknown:
        print(f"unknown target(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 1
    chosen = [BY_NAME[n] for n in args.targets] or TARGETS
    summaries = []
    for target in chosen:
        summaries.append(run(target, again=args.again))
        WORK.mkdir(parents=True, exist_ok=True)
        out = WORK / "summary.json"
        previous = json.loads(out.read_text()) if out.exists() else {}
        previous[target.name] = summaries[-1]
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
