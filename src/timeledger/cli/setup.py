"""``timeledger init`` (a new organisation and its owner, for scripts and containers) and
``timeledger invite`` (an e-mailed invitation with a role).

Thin shells over ``onboarding.services.sign_up`` and ``accounts.invitations``.
"""

from __future__ import annotations

import os
import secrets
import sys

from timeledger.accounts import invitations
from timeledger.accounts.roles import Role
from timeledger.cli import CliError
from timeledger.clients.models import Client
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


def invite(args, ctx) -> int:
    member = ctx.member
    client = None
    if args.client:
        client = Client.objects.filter(
            organisation=member.organisation, code__iexact=args.client
        ).first()
        if client is None:
            raise CliError(f"no client with code {args.client!r}")
    invitation = invitations.invite(
        args.email, role=args.role, client=client, by=member, base_url=args.base_url or ""
    )
    print(
        f"invited {invitation.email} to {member.organisation.slug} as {invitation.role}; "
        f"the link expires {invitation.expires_at:%Y-%m-%d %H:%M} UTC"
    )
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

    parser = subparsers.add_parser(
        "invite",
        help="invite someone by e-mail with a role (owners and admins)",
        description="Mail an invitation (single use, valid for 7 days). Links start with "
        "--base-url, else $TIMELEDGER_BASE_URL.",
    )
    parser.add_argument("email")
    parser.add_argument("--role", default=Role.MEMBER, choices=Role.values)
    parser.add_argument("--client", metavar="CODE", help="the client of a client viewer")
    parser.add_argument("--base-url", metavar="URL", help="e.g. https://time.example.com")
    parser.set_defaults(handler=invite)
