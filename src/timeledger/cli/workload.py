"""``timeledger load-workload PATH [--org SLUG]``: bulk-load a shared benchmark workload."""

from __future__ import annotations

import os
import sys

from timeledger.bench.loader import AlreadyLoaded, load, read
from timeledger.cli import CliError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "load-workload", help="load a shared/workloads JSON file into a new organisation (bulk)"
    )
    p.add_argument("path", help="workload JSON (make_workload.py output)")
    p.add_argument(
        "--org", dest="target_org", help="organisation slug (default: from the file name)"
    )
    p.set_defaults(handler=handle)


def handle(args, ctx) -> int:
    from tqdm import tqdm

    if not os.path.exists(args.path):
        raise CliError(f"no such file: {args.path}")
    slug = (
        args.target_org
        or ctx.org_slug
        or ("workload-" + os.path.splitext(os.path.basename(args.path))[0].replace("_", "-"))
    )
    try:
        data = read(args.path)
    except ValueError as exc:
        raise CliError(f"{args.path} is not a workload JSON file: {exc}") from None
    with tqdm(
        total=len(data.get("entries", [])), unit="entry", desc="loading", file=sys.stderr
    ) as bar:
        try:
            result = load(data, slug=slug, progress=bar.update)
        except AlreadyLoaded as exc:
            raise CliError(str(exc)) from None
        except KeyError as exc:
            raise CliError(f"{args.path} is not a workload file (missing {exc})") from None
    print(
        f"Loaded into {slug}: {result.clients} clients, {result.members} members, "
        f"{result.projects} projects, {result.entries} entries in {result.seconds:.1f} s "
        f"({result.entries_per_second:,.0f} entries/s in the entry phase)."
    )
    return 0
