"""One phase of a benchmark, run in its own process (so peak memory is the phase's own).

``python -m timeledger.bench.phases load WORKLOAD``: migrate a fresh database, load the workload.
``python -m timeledger.bench.phases bill EXPECTED``: approve everything, time the SQL floor, run
billing, run the reports, verify against the oracle.
``python -m timeledger.bench.phases pipeline [--approve]``: time the pipeline report (the billing
engine's dry run) on a loaded database, approving everything first with ``--approve``; nothing
is billed. Each prints one JSON line on stdout.
The database comes from ``DATABASE_URL``.
"""

from __future__ import annotations

import json
import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _setup()
    # Django is set up only now: the measured code imports models at its module level.
    from timeledger.bench.measure import phase_bill, phase_load, phase_pipeline

    if argv[0] == "load":
        result = phase_load(argv[1])
    elif argv[0] == "pipeline":
        result = phase_pipeline("--approve" in argv, int(os.environ.get("BENCH_REPEAT", "2")))
    elif argv[0] == "bill":
        result = phase_bill(argv[1], int(argv[2]) if len(argv) > 2 else 500)
    else:
        raise SystemExit(f"unknown phase {argv[0]}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
