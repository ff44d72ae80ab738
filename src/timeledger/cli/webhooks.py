"""Webhook commands (owners and admins): ``timeledger webhook add URL [--event TYPE]…``,
``list``, ``rotate ID``, ``enable ID``, ``disable ID``, ``remove ID``, ``deliveries [--endpoint ID]
[--status S]``, ``replay DELIVERY_ID``, ``events`` (the event types)."""

from __future__ import annotations

from timeledger.cli import CliError
from timeledger.core.events import EVENT_TYPES
from timeledger.webhooks import selectors, services
from timeledger.webhooks.models import WebhookDelivery, WebhookEndpoint


def _endpoint(member, pk: int) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.filter(organisation=member.organisation, pk=pk).first()
    if endpoint is None:
        raise CliError(f"no webhook endpoint {pk}")
    return endpoint


def _line(e: WebhookEndpoint) -> str:
    state = "active" if e.is_active else f"disabled ({e.disabled_reason or 'by hand'})"
    return f"{e.pk}\t{e.url}\t{','.join(e.event_types) or 'all events'}\t{state}"


def add(args, ctx) -> int:
    e = services.create_endpoint(
        by=ctx.member, url=args.url, event_types=args.event, description=args.description or ""
    )
    print(_line(e))
    print(f"secret: {e.secret}")
    return 0


def list_endpoints(args, ctx) -> int:
    for e in selectors.endpoints(ctx.member):
        print(_line(e))
    return 0


def rotate(args, ctx) -> int:
    e = services.rotate_secret(_endpoint(ctx.member, args.id), by=ctx.member)
    print(f"new secret: {e.secret} (the old one also signs until {e.previous_secret_expires_at})")
    return 0


def enable(args, ctx) -> int:
    e = services.update_endpoint(_endpoint(ctx.member, args.id), {"is_active": True}, by=ctx.member)
    print(_line(e))
    return 0


def disable(args, ctx) -> int:
    e = services.update_endpoint(
        _endpoint(ctx.member, args.id), {"is_active": False}, by=ctx.member
    )
    print(_line(e))
    return 0


def remove(args, ctx) -> int:
    services.delete_endpoint(_endpoint(ctx.member, args.id), by=ctx.member)
    print(f"removed webhook endpoint {args.id}")
    return 0


def deliveries(args, ctx) -> int:
    rows = selectors.deliveries(ctx.member, endpoint=args.endpoint, status=args.status)
    for d in rows[: args.limit]:
        print(
            f"{d.pk}\t{d.created_at:%Y-%m-%d %H:%M}\t{d.event.event_type}\t{d.event.event_id}\t"
            f"{d.status}\tattempts {d.attempts}\tlast {d.last_status_code or '-'}\t{d.endpoint.url}"
        )
    return 0


def replay(args, ctx) -> int:
    member = ctx.member
    d = WebhookDelivery.objects.filter(organisation=member.organisation, pk=args.id).first()
    if d is None:
        raise CliError(f"no webhook delivery {args.id}")
    services.replay(d, by=member)
    print(f"delivery {d.pk} queued again ({d.event.event_id}); `timeledger tick` sends it")
    return 0


def event_types(args, ctx) -> int:
    for name, text in EVENT_TYPES.items():
        print(f"{name}\t{text}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("webhook", help="webhook endpoints, deliveries and replay")
    sub = parser.add_subparsers(dest="webhook_command", metavar="ACTION", required=True)
    p = sub.add_parser("add", help="register an endpoint (prints its signing secret)")
    p.add_argument("url")
    p.add_argument(
        "--event", action="append", default=[], choices=list(EVENT_TYPES), help="repeatable"
    )
    p.add_argument("--description")
    p.set_defaults(handler=add)
    sub.add_parser("list", help="the endpoints").set_defaults(handler=list_endpoints)
    for name, handler, text in (
        ("rotate", rotate, "new signing secret (the old one signs for 24 h more)"),
        ("enable", enable, "enable again (clears the failure count)"),
        ("disable", disable, "stop sending"),
        ("remove", remove, "delete the endpoint and its log"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("id", type=int)
        p.set_defaults(handler=handler)
    p = sub.add_parser("deliveries", help="the delivery log, newest first")
    p.add_argument("--endpoint", type=int)
    p.add_argument("--status", choices=[s.value for s in WebhookDelivery.Status])
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=deliveries)
    p = sub.add_parser("replay", help="send a delivery again")
    p.add_argument("id", type=int)
    p.set_defaults(handler=replay)
    sub.add_parser("events", help="the event types").set_defaults(handler=event_types)
