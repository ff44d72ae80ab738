"""Options named the same on every command (issue 20, a newcomer's first ten minutes): the file a
command writes is ``-o``, ``--out`` or ``--output`` everywhere, and ``--user``/``--org`` go
before or after the subcommand."""

import argparse

import pytest

from timeledger.cli import OUTPUT_OPTIONS, build_parser


def _commands(parser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def test_every_output_option_has_all_three_names():
    writers = {}
    for path, sub in _commands(build_parser()):
        for action in sub._actions:
            names = set(action.option_strings)
            if names & set(OUTPUT_OPTIONS):
                assert names == set(OUTPUT_OPTIONS), (" ".join(path), sorted(names))
                writers[" ".join(path)] = action.dest
    # The commands that write a file (before: export -o/--output, invoice pdf --out, report
    # --output/-o, accounting export --out, einvoice get --out).
    assert {"export", "invoice pdf", "report", "accounting export", "einvoice get"} <= set(writers)


@pytest.mark.parametrize("spelling", OUTPUT_OPTIONS)
@pytest.mark.parametrize(
    ("argv", "dest"),
    [
        (["export", "--csv"], "output"),
        (["invoice", "pdf", "INV-1"], "out"),
        (["report", "time"], "output"),
        (
            [
                "accounting",
                "export",
                "--format",
                "datev",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-31",
            ],
            "out",
        ),
        (["einvoice", "get", "INV-1"], "out"),
    ],
    ids=["export", "invoice-pdf", "report", "accounting-export", "einvoice-get"],
)
def test_each_spelling_is_accepted_by_each_command(argv, dest, spelling):
    args = build_parser().parse_args([*argv, spelling, "x.out", "--user", "eva@northwind.example"])
    assert getattr(args, dest) == "x.out"
    assert args.user == "eva@northwind.example"


def test_global_options_before_and_after_the_subcommand_agree():
    parser = build_parser()
    before = parser.parse_args(["--user", "eva@x", "--org", "nw", "status"])
    after = parser.parse_args(["status", "--user", "eva@x", "--org", "nw"])
    assert (before.user, before.org) == (after.user, after.org) == ("eva@x", "nw")
