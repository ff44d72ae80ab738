"""The ``timeledger`` command line: scripting and bulk work over the same services as the UI.

Each command group is a module in this package with ``register(subparsers)``; each subcommand sets
``handler(args, ctx)`` with its parser. Errors print one line to stderr and exit non-zero.

Identity: ``--user EMAIL`` (or ``TIMELEDGER_USER``) and ``--org SLUG`` (or ``TIMELEDGER_ORG``;
optional when the user belongs to one organisation). Commands that act as no one (``tick``,
``load-workload``) do not need them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import (
    ImproperlyConfigured,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db.utils import OperationalError

from timeledger.startup import explain

COMMAND_MODULES = [
    "timeledger.cli.time",
    "timeledger.cli.rates",
    "timeledger.cli.contracts",
    "timeledger.cli.bill",
    "timeledger.cli.autosend",
    "timeledger.cli.workload",
    "timeledger.cli.tick",
    "timeledger.cli.approval",
    "timeledger.cli.expenses",
    "timeledger.cli.invoice",
    "timeledger.cli.einvoice",
    "timeledger.cli.numbering",
    "timeledger.cli.imports",
    "timeledger.cli.setup",
    "timeledger.cli.report",
    "timeledger.cli.accounting",
    "timeledger.cli.bank",
    "timeledger.cli.webhooks",
    "timeledger.cli.audit",
]


class CliError(Exception):
    """A user-facing error: printed as one line, exit status 1."""


@dataclass
class Context:
    user_email: str | None
    org_slug: str | None
    _member: object | None = None

    @property
    def member(self):
        """The acting member, resolved lazily (only commands that need one ask)."""
        if self._member is None:
            Member = apps.get_model("accounts", "Member")  # noqa: N806 (models load after setup)
            if not self.user_email:
                raise CliError("who are you? pass --user EMAIL or set TIMELEDGER_USER")
            members = Member.objects.select_related("organisation", "user").filter(
                user__email__iexact=self.user_email, is_active=True
            )
            if self.org_slug:
                members = members.filter(organisation__slug=self.org_slug)
            found = list(members[:2])
            if not found:
                raise CliError(
                    f"no active membership for {self.user_email}"
                    + (f" in organisation {self.org_slug}" if self.org_slug else "")
                )
            if len(found) > 1:
                raise CliError(
                    f"{self.user_email} belongs to several organisations; pass --org SLUG"
                )
            self._member = found[0]
        return self._member


class Parser(argparse.ArgumentParser):
    """Usage errors are one line on stderr and exit status 1, like every other error.

    Subcommand parsers inherit this class (``add_subparsers`` uses the parent's type).
    """

    def error(self, message):
        self.exit(1, f"timeledger: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="timeledger", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--user", default=os.environ.get("TIMELEDGER_USER"), help="acting user's e-mail"
    )
    parser.add_argument("--org", default=os.environ.get("TIMELEDGER_ORG"), help="organisation slug")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    _accept_globals_everywhere(parser)
    return parser


def _accept_globals_everywhere(parser: argparse.ArgumentParser) -> None:
    """``--user`` and ``--org`` also after the subcommand (``timeledger status --user …``): every
    subcommand parser takes them too, defaulting to what was given before it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in action.choices.values():
            known = {o for a in sub._actions for o in a.option_strings}
            if "--user" not in known:
                sub.add_argument("--user", default=argparse.SUPPRESS, help="acting user's e-mail")
            if "--org" not in known:
                sub.add_argument("--org", default=argparse.SUPPRESS, help="organisation slug")
            _accept_globals_everywhere(sub)


OUTPUT_OPTIONS = ("-o", "--out", "--output")


def add_output_option(parser: argparse.ArgumentParser, help: str, dest: str = "out") -> None:
    """The option naming the file a command writes: ``-o FILE``, ``--out FILE`` or
    ``--output FILE`` on every command (each command once had one of them)."""
    parser.add_argument(*OUTPUT_OPTIONS, dest=dest, metavar="FILE", help=help)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")
    import django

    django.setup()


def format_errors(exc) -> str:
    """One line out of a Django ValidationError."""
    if hasattr(exc, "message_dict"):
        parts = []
        for field, messages in exc.message_dict.items():
            label = "" if field in ("__all__", "non_field_errors") else f"{field}: "
            parts.append(label + " ".join(messages))
        return "; ".join(parts)
    return " ".join(getattr(exc, "messages", [str(exc)]))


def main(argv: list[str] | None = None) -> int:
    try:
        setup_django()
    except ImproperlyConfigured as exc:
        print(f"timeledger: {explain(exc)}", file=sys.stderr)
        return 1
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (1): return it like any other exit
        return exc.code if isinstance(exc.code, int) else 1
    ctx = Context(user_email=args.user, org_slug=args.org)
    try:
        result = args.handler(args, ctx)
    except CliError as exc:
        print(f"timeledger: error: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"timeledger: error: {format_errors(exc)}", file=sys.stderr)
        return 1
    except PermissionDenied as exc:
        print(f"timeledger: error: not allowed: {exc}", file=sys.stderr)
        return 1
    except ObjectDoesNotExist as exc:
        print(f"timeledger: error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:  # the database is unreachable (or refused the login)
        print(f"timeledger: {explain(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("timeledger: interrupted", file=sys.stderr)
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
