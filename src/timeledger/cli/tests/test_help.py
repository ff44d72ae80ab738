"""``--help`` of every command and subcommand: argparse formats help lazily, so a stray ``%`` in a
help text only crashes when someone asks for help. Walk the real parser, never a hand-kept list."""

from __future__ import annotations

import argparse

import pytest

from timeledger.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path (``("milestone", "progress")``) below ``parser``, each parser once."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        seen: set[int] = set()
        for name, sub in action.choices.items():
            if id(sub) in seen:  # an alias of a command already walked
                continue
            seen.add(id(sub))
            yield (*path, name)
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(build_parser()))


def test_the_parser_walk_finds_nested_subcommands():
    assert ("milestone", "progress") in COMMANDS
    assert ("tick",) in COMMANDS
    assert len(COMMANDS) > 30


def test_top_level_help_exits_zero_with_output(capsys):
    # given the command line; when asked for help; then it prints usage and exits 0
    assert main(["--help"]) == 0
    assert "usage: timeledger" in capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_subcommand_help_exits_zero_with_output(command, capsys):
    # given any (nested) subcommand; when asked for --help
    code = main([*command, "--help"])
    # then it exits 0 and prints its usage, nothing on stderr
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip().startswith(f"usage: timeledger {' '.join(command)}")
    assert err == ""
