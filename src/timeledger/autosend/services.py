"""The policy pass, and the policy's settings.

``run_pass(organisation)`` looks at every draft the policy governs whose send time has come:
it applies every check (``rules.CHECKS``) with the draft's row locked, puts a draft that fails
one in the review queue with the reasons, and issues and sends one that passes them all —
through invoicing's own ``issue_invoice`` and ``send_invoice``, as the policy (audited so, with
the checks it passed). A draft is issued by the policy once (the ``Dispatch`` row, made in the
issuing transaction, is the claim) and an invoice is sent by it once (a conditional ``UPDATE``
claims the send; a send that died is never retried by the policy).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from timeledger.accounts.models import Organisation
from timeledger.accounts.roles import Cap
from timeledger.autosend import rules, selectors
from timeledger.autosend.models import Dispatch, InvoicingPolicy, Mode, ReviewItem
from timeledger.core import timeutil
from timeledger.core.audit import delete_audited, record, snapshot
from timeledger.invoicing.delivery import send_invoice
from timeledger.invoicing.issuing import issue_invoice
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice

logger = logging.getLogger(__name__)

POLICY = "invoicing policy"


@dataclass(frozen=True)
class PolicyActor:
    """The policy acting in the services' ``by=``: it may manage billing and nothing else, and
    is no user, so the services' own audit rows carry no actor; the policy's rows
    (``autosend_issue``, ``autosend_send``) say it was the policy."""

    organisation: object
    user: None = None
    pk: None = None
    role: str = "policy"
    is_active: bool = True

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk

    def can(self, capability: str) -> bool:
        return capability == Cap.MANAGE_BILLING


@dataclass
class PassResult:
    sent: list[str] = field(default_factory=list)  # invoice numbers
    queued: list[int] = field(default_factory=list)  # draft ids put (or kept) in review
    would_send: list[int] = field(default_factory=list)  # dry run: draft ids
    not_due: int = 0
    paused: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "sent": len(self.sent),
            "review": len(self.queued),
            "would_send": len(self.would_send),
            "not_due": self.not_due,
            "paused": self.paused,
            "errors": len(self.errors),
        }


# ---------------------------------------------------------------- fix links


def fix_url(code: str, invoice: Invoice) -> str:
    """Where a person fixes what the check ``code`` found."""
    draft = reverse("draft_detail", args=[invoice.pk])
    project = invoice.project_id
    links = {
        "time_approved": reverse("approvals"),
        "nothing_held_back": reverse("project_terms", args=[project]) if project else draft,
        "delivery_complete": reverse("client_edit", args=[invoice.client_id]),
        "einvoice_valid": reverse("client_edit", args=[invoice.client_id]),
        "send_failed": reverse("invoice_detail", args=[invoice.pk]),
        "daily_limit": reverse("autosend_policy"),
        "within_amount_limit": reverse("autosend_policy"),
    }
    return links.get(code, draft)


# The names of the reasons that are not checks (``_reasons`` writes them from their codes),
# marked for the review page, which translates them where it shows them.
OTHER_LABELS = (
    gettext_noop("Daily limit"),
    gettext_noop("Send failed"),
    gettext_noop("Issue refused"),
)


def _reasons(invoice: Invoice, failed) -> list[dict]:
    return [
        {
            "check": code,
            "label": rules.CHECK_LABELS.get(code, code.replace("_", " ").capitalize()),
            "message": message,
            "fix_url": fix_url(code, invoice),
        }
        for code, message in failed
    ]


def flag(invoice: Invoice, failed, *, now: dt.datetime) -> ReviewItem:
    """Put (or keep) ``invoice`` in the review queue with these reasons."""
    reasons = _reasons(invoice, failed)
    item, created = ReviewItem.objects.get_or_create(
        invoice=invoice,
        defaults={
            "organisation_id": invoice.organisation_id,
            "reasons": reasons,
            "first_flagged_at": now,
            "checked_at": now,
        },
    )
    if not created:
        item.reasons, item.checked_at = reasons, now
        if item.resolved_at is not None:  # back in the queue: the age starts again
            item.resolved_at, item.first_flagged_at = None, now
        item.save(update_fields=["reasons", "checked_at", "resolved_at", "first_flagged_at"])
    return item


def _resolve(invoice: Invoice, now: dt.datetime) -> None:
    ReviewItem.objects.filter(invoice=invoice, resolved_at__isnull=True).update(
        resolved_at=now, checked_at=now
    )


def _day_start(organisation, now: dt.datetime) -> dt.datetime:
    start, _ = timeutil.day_bounds(
        timeutil.local_date(now, organisation.time_zone), organisation.time_zone
    )
    return start


def _daily_problem(policy: InvoicingPolicy, invoice: Invoice, gross: Decimal, now) -> str | None:
    org = policy.organisation
    count, totals = selectors.sent_today(org, _day_start(org, now))
    return rules.within_daily_limits(
        sent_count=count,
        sent_total=totals.get(org.currency) or Decimal(0),
        count_limit=policy.daily_count_limit,
        total_limit=policy.daily_total_limit,
        gross=gross,
        same_currency=invoice.currency == org.currency,
    )


# ---------------------------------------------------------------- the pass


def _is_due(invoice: Invoice, eff: selectors.Effective, now: dt.datetime) -> bool:
    tz = invoice.organisation.time_zone
    made = invoice.created_at.astimezone(timeutil.zone(tz))
    return rules.send_due_at(made, eff.send_at) <= now.astimezone(timeutil.zone(tz))


def _issue(draft_id: int, actor: PolicyActor, *, now: dt.datetime, result: PassResult):
    """Re-check and issue one draft with its row locked; returns its ``Dispatch`` or None."""
    with transaction.atomic():
        # The organisation's policy row first, then the draft: every worker locks in this
        # order, so they queue here instead of deadlocking, and the daily limits count what the
        # worker before committed.
        policy = InvoicingPolicy.objects.select_for_update().get(
            pk=selectors.organisation_policy(actor.organisation).pk
        )
        if policy.is_paused:
            result.paused = True
            return None
        invoice = (
            Invoice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("client", "project", "organisation")
            .filter(pk=draft_id, status__in=EDITABLE_STATUSES)
            .first()
        )
        if invoice is None or Dispatch.objects.filter(invoice_id=draft_id).exists():
            return None  # issued meanwhile (by a person or another worker), or deleted
        facts = selectors.facts_for(invoice, by=actor, trailing=policy.trailing_invoices)
        outcome = rules.evaluate(facts, selectors.limits_of(policy))
        if not outcome.ok:
            flag(invoice, outcome.failed, now=now)
            result.queued.append(invoice.pk)
            return None
        problem = _daily_problem(policy, invoice, facts.gross_total, now)
        if problem:
            flag(invoice, [("daily_limit", problem)], now=now)
            result.queued.append(invoice.pk)
            return None
        issued = issue_invoice(invoice, by=actor)
        dispatch = Dispatch.objects.create(
            organisation_id=issued.organisation_id,
            invoice=issued,
            checks=list(outcome.passed),
            period_end=issued.period_end,
            currency=issued.currency,
            gross_total=issued.gross_total,
            issued_at=now,
        )
        _resolve(issued, now)
        record(
            organisation=issued.organisation,
            actor=None,
            action="autosend_issue",
            obj=issued,
            after={"policy": POLICY, "checks_passed": list(outcome.passed)},
            reason=f"Issued by the {POLICY}; checks passed: {', '.join(outcome.passed)}",
        )
    return dispatch


def _send(dispatch: Dispatch, actor: PolicyActor, *, now: dt.datetime, result: PassResult):
    """Send an invoice the policy issued, once: claim, send, mark (never a second time)."""
    claimed = Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.ISSUED).update(
        status=Dispatch.Status.SENDING
    )
    if not claimed:
        return
    invoice = Invoice.objects.select_related("client", "organisation").get(pk=dispatch.invoice_id)
    if invoice.sent_at is not None:  # a person sent it meanwhile: the policy does not again
        Dispatch.objects.filter(pk=dispatch.pk).update(
            status=Dispatch.Status.FAILED, error="sent by a person before the policy"
        )
        return
    try:
        # The client link in the e-mail: absolute when the deployment says where it lives.
        sent = send_invoice(invoice, by=actor, base_url=settings.TIMELEDGER_BASE_URL)
    except (ValidationError, PermissionDenied, OSError) as exc:
        message = (
            " ".join(selectors.messages_of(exc)) if isinstance(exc, ValidationError) else str(exc)
        )
        with transaction.atomic():
            Dispatch.objects.filter(pk=dispatch.pk).update(
                status=Dispatch.Status.FAILED, error=message[:1000]
            )
            flag(
                invoice,
                [("send_failed", f"Issued, but sending failed: {message} Send it by hand.")],
                now=now,
            )
        result.errors.append(f"{invoice.number}: not sent: {message}")
        return
    with transaction.atomic():
        Dispatch.objects.filter(pk=dispatch.pk).update(
            status=Dispatch.Status.SENT, sent_at=sent.sent_at
        )
        record(
            organisation=sent.organisation,
            actor=None,
            action="autosend_send",
            obj=sent,
            after={
                "policy": POLICY,
                "checks_passed": dispatch.checks,
                "to": sent.client.invoice_email,
            },
            reason=f"Sent by the {POLICY} to {sent.client.invoice_email}",
        )
    result.sent.append(sent.number)


def run_pass(organisation, *, now: dt.datetime | None = None, dry_run: bool = False) -> PassResult:
    """One pass of the policy over ``organisation``'s drafts (see the module's docstring).

    ``dry_run`` (or the policy's own dry-run setting) checks and lists what would be issued and
    sent, and writes nothing but the review queue. What a pass stores for people to read (the
    review queue's reasons) is written in English, whoever or whatever starts the pass; the
    review page translates the checks' names where it shows them."""
    with translation.override("en"):
        return _run_pass(organisation, now=now, dry_run=dry_run)


def _run_pass(organisation, *, now: dt.datetime | None, dry_run: bool) -> PassResult:
    now = now or timeutil.now()
    result = PassResult()
    policy = selectors.organisation_policy(organisation)
    actor = PolicyActor(organisation)
    rows = list(selectors.overrides(organisation))
    if policy.pk is None and not rows:
        return result  # no policy at all: drafts wait for a person, as before
    dry = dry_run or policy.dry_run
    # Sends that a pass issued but did not get to (the worker died between): finish them.
    if not dry and not policy.is_paused:
        for dispatch in Dispatch.objects.filter(
            organisation=organisation, status=Dispatch.Status.ISSUED
        ):
            _send(dispatch, actor, now=now, result=result)
    for draft in selectors.policy_drafts(organisation):
        eff = selectors.effective(draft, policy, rows)
        if eff.mode == Mode.OFF:
            continue
        if not _is_due(draft, eff, now):
            result.not_due += 1
            continue
        facts = selectors.facts_for(draft, by=actor, trailing=policy.trailing_invoices)
        outcome = rules.evaluate(facts, selectors.limits_of(policy))
        if eff.mode == Mode.REVIEW:
            failed = [
                ("review_only", f"The policy for this {eff.source} is review only."),
                *outcome.failed,
            ]
            flag(draft, failed, now=now)
            result.queued.append(draft.pk)
            continue
        if not outcome.ok:
            flag(draft, outcome.failed, now=now)
            result.queued.append(draft.pk)
            continue
        if dry:
            result.would_send.append(draft.pk)
            continue
        if policy.is_paused or policy.pk is None:
            result.paused = True
            continue
        try:
            dispatch = _issue(draft.pk, actor, now=now, result=result)
        except (ValidationError, PermissionDenied, IntegrityError) as exc:
            # Issuing refused after all (e.g. the numbering record) or another worker's claim
            # won: nothing was written; the reason goes to the queue, the next pass tries again.
            message = (
                " ".join(selectors.messages_of(exc))
                if isinstance(exc, ValidationError)
                else str(exc)
            )
            if not isinstance(exc, IntegrityError):
                flag(draft, [("issue_refused", message)], now=now)
                result.queued.append(draft.pk)
            result.errors.append(f"draft {draft.pk}: {message}")
            continue
        if dispatch is not None:
            _send(dispatch, actor, now=now, result=result)
    return result


def run_due(now: dt.datetime | None = None) -> dict:
    """Every organisation with a policy: ``timeledger tick`` and the Celery task call this."""
    from_orgs = (
        InvoicingPolicy.objects.values_list("organisation_id", flat=True).distinct().order_by()
    )
    totals: dict[str, int] = {"organisations": 0, "sent": 0, "review": 0, "errors": 0}
    for org in Organisation.objects.filter(pk__in=list(from_orgs)).order_by("id"):
        result = run_pass(org, now=now)
        totals["organisations"] += 1
        totals["sent"] += len(result.sent)
        totals["review"] += len(result.queued)
        totals["errors"] += len(result.errors)
    return totals


# ---------------------------------------------------------------- settings


ORGANISATION_FIELDS = (
    "mode",
    "send_at",
    "is_paused",
    "dry_run",
    "daily_count_limit",
    "daily_total_limit",
    "amount_limit",
    "band_percent",
    "trailing_invoices",
    "allow_first_invoice",
)
OVERRIDE_FIELDS = ("mode", "send_at")


def _require(by) -> None:
    if by is None or not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot change the invoicing policy."))


def update_policy(data: dict, *, by) -> InvoicingPolicy:
    """Change the organisation's policy (only the fields given)."""
    _require(by)
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValidationError({name: [gettext("Unknown field.")] for name in sorted(unknown)})
    if data.get("mode") == Mode.INHERIT:
        raise ValidationError(
            {"mode": [gettext("The organisation's policy needs a mode: off, review or auto.")]}
        )
    with transaction.atomic():
        policy, _ = InvoicingPolicy.objects.select_for_update().get_or_create(
            organisation=by.organisation,
            client=None,
            project=None,
            defaults={"mode": Mode.OFF},
        )
        before = snapshot(policy)
        for name, value in data.items():
            setattr(policy, name, value)
        policy.full_clean(exclude=["organisation", "client", "project"], validate_constraints=False)
        policy.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="update",
            obj=policy,
            before=before,
            after=snapshot(policy),
        )
    return policy


def save_override(
    *, client=None, project=None, mode: str = "", send_at=None, by
) -> InvoicingPolicy:
    """Set the policy of one client or one project (an empty mode or time inherits)."""
    _require(by)
    if (client is None) == (project is None):
        raise ValidationError({"non_field_errors": [gettext("Choose a client or a project.")]})
    target = client or project
    if target.organisation_id != by.organisation.id:
        raise ValidationError({"client" if client else "project": ["Not found."]})
    if mode not in Mode.values:
        raise ValidationError(
            {"mode": [f"Choose one of: {', '.join(m for m in Mode.values if m)}."]}
        )
    with transaction.atomic():
        # The organisation's row holds the limits and the kill switch every override runs under.
        InvoicingPolicy.objects.get_or_create(
            organisation=by.organisation, client=None, project=None, defaults={"mode": Mode.OFF}
        )
        policy, created = InvoicingPolicy.objects.select_for_update().get_or_create(
            organisation=by.organisation,
            client=client if client else None,
            project=project if project else None,
            defaults={"mode": mode, "send_at": send_at},
        )
        before = None if created else snapshot(policy)
        policy.mode, policy.send_at = mode, send_at
        policy.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if created else "update",
            obj=policy,
            before=before,
            after=snapshot(policy),
        )
    return policy


def delete_override(policy: InvoicingPolicy, *, by) -> None:
    _require(by)
    if policy.organisation_id != by.organisation.id or policy.is_organisation_row:
        raise ValidationError({"non_field_errors": [gettext("Not found.")]})
    with transaction.atomic():
        delete_audited(policy, organisation=by.organisation, actor=by.user)
