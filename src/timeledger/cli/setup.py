"""``timeledger init`` (a new organisation and its owner, for scripts and containers) and
``timeledger invite`` (an e-mailed invitation with a role).

Thin shells over ``onboarding.services.sign_up`` and ``accounts.invitations``.
"""

from __future__ import annotations

import os
import secrets
import sys

from timeledger.cli import CliError
from timeledger.invoicing import vat_presets
from timeledger.onboarding import services

PASSWORD_ENV = "TIMELEDGER_OWNER_PASSWORD"


def _password(args) -> tuple[str, bool]:
    """The owner's password: from stdin, from the environment, else a generated one (printed)."""
    if args.password_stdin:
        text = sys.stdin.readline().rstrip("\n")
        if not text:
            raise CliError("--password-stdin read an empty password")
        return text, False
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV], False
    return secrets.token_urlsafe(15), True


def init(args, ctx) -> int:
    password, generated = _password(args)
    owner = services.sign_up(
        services.SignUp(
            organisation=args.org_name,
            name=args.name or args.owner.split("@")[0],
            email=args.owner,
            password=password,
            country=args.country,
            currency=args.currency or "",
            time_zone=args.timezone or "",
            charges_vat=not args.no_vat,
        )
    )
    org = owner.organisation
    key = vat_presets.preset_key(org.country, charges_vat=not args.no_vat)
    print(
        f"created organisation {org.name} (slug {org.slug}, {org.country}, {org.currency}, "
        f"{org.time_zone}) with owner {owner.user.email}; VAT preset: {vat_presets.PRESETS[key].label}"
    )
    if generated:
        print(f"owner password (shown once): {password}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create an organisation and its owner (works with public sign-up off)",
        description="Create an organisation and its owner. The password comes from "
        f"--password-stdin or ${PASSWORD_ENV}; otherwise one is generated and printed once.",
    )
    parser.add_argument("--org", dest="org_name", required=True, metavar="NAME")
    parser.add_argument("--owner", required=True, metavar="EMAIL", help="the owner's e-mail")
    parser.add_argument(
        "--country", required=True, metavar="CC", help="ISO country code (seeds its VAT rates)"
    )
    parser.add_argument("--name", help="the owner's full name (default: from the e-mail)")
    parser.add_argument("--currency", metavar="CODE", help="default: the country's")
    parser.add_argument("--timezone", metavar="ZONE", help="default: the country's")
    parser.add_argument("--no-vat", action="store_true", help="the organisation charges no VAT")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the owner's password from stdin"
    )
    parser.set_defaults(handler=init)
