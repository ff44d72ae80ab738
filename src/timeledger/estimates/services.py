"""Writes for estimates: draft (phases and lines), send (number, PDF, e-mail with the client
link), revise (a new version), the client's accept or decline, expiry.

Accepting is the one place an estimate changes a project (``_apply``), through the services that
own each part: ``projects.services`` (the project with budget and estimate, phases, tasks,
milestones), ``contracts.services`` (the not-to-exceed cap, the fixed-fee instalments) and
``invoicing.drafts`` (the deposit draft). It runs in one transaction with the estimate's own
change and its audit row (typed name, time, IP), as the member who sent the estimate; a declined
or expired estimate changes nothing but itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from timeledger.accounts.models import DJANGO_LANGUAGES, Member
from timeledger.accounts.roles import Cap
from timeledger.clients.models import code_validator
from timeledger.contracts import rules as contract_rules
from timeledger.contracts import services as contracts
from timeledger.core import timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import decimals_error, format_money
from timeledger.estimates import documents, rules, selectors
from timeledger.estimates.models import (
    Estimate,
    EstimateLine,
    EstimatePhase,
    EstimateStatus,
    EstimateTerms,
    LineKind,
)
from timeledger.invoicing import drafts
from timeledger.invoicing.models import LineKind as InvoiceLineKind
from timeledger.invoicing.numbering import take_number
from timeledger.projects import services as projects
from timeledger.projects.models import BillingModel, Phase, Project, Task

SERIES = "EST"  # the estimates' own gap-free series in invoicing's numbering


def _require(by: Member) -> None:
    if not by.can(Cap.MANAGE_PROJECTS):
        raise PermissionDenied(_("Only managers and admins make estimates."))


def _decimal(value, name: str) -> Decimal:
    try:
        out = Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        fail(_("Enter a number."), name)
    if not out.is_finite() or out < 0:
        fail(_("Enter a number of zero or more."), name)
    return out


# --- drafting ------------------------------------------------------------------------------------


@dataclass
class LineInput:
    description: str
    kind: str = LineKind.TIME
    hours: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    role: str = ""
    is_optional: bool = False


@dataclass
class PhaseInput:
    name: str
    lines: list[LineInput] = field(default_factory=list)


def _check_phases(phases: list[PhaseInput], currency: str) -> None:
    if not phases:
        fail(_("An estimate has at least one phase."), "phases")
    for i, p in enumerate(phases):
        if not (p.name or "").strip():
            fail(_("Give the phase a name."), f"phases[{i}].name")
        if not p.lines:
            fail(_("A phase has at least one line."), f"phases[{i}].lines")
        for j, ln in enumerate(p.lines):
            where = f"phases[{i}].lines[{j}]"
            if ln.kind not in LineKind.values:
                fail(
                    _("Choose one of %(choices)s.") % {"choices": ", ".join(LineKind.values)},
                    f"{where}.kind",
                )
            if not (ln.description or "").strip():
                fail(_("Describe the line."), f"{where}.description")
            for name in ("hours", "rate", "amount"):
                setattr(ln, name, _decimal(getattr(ln, name), f"{where}.{name}"))
            if ln.hours != ln.hours.quantize(Decimal("0.01")):
                fail(_("At most two decimals."), f"{where}.hours")
            for name in ("rate", "amount"):
                if message := decimals_error(getattr(ln, name), currency):
                    fail(message, f"{where}.{name}")
            if ln.kind == LineKind.TIME and (ln.hours <= 0 or ln.rate <= 0):
                fail(_("A time line has hours and a rate."), f"{where}.hours")
            if ln.kind != LineKind.TIME and ln.amount <= 0:
                fail(_("A fixed item has an amount."), f"{where}.amount")


def _check_terms(data: dict) -> None:
    terms = data.get("billing_terms", EstimateTerms.TIME_AND_MATERIALS)
    if terms not in EstimateTerms.values:
        fail(
            _("Choose one of %(choices)s.") % {"choices": ", ".join(EstimateTerms.values)},
            "billing_terms",
        )
    pct = _decimal(data.get("deposit_percent", 0), "deposit_percent")
    if pct > 100:
        fail(_("At most 100 %."), "deposit_percent")
    data["deposit_percent"] = pct
    if terms == EstimateTerms.FIXED_FEE:
        rows = data.get("instalments") or [{"label": "On acceptance", "percent": "100"}]
        percents = []
        for i, row in enumerate(rows):
            if not str(row.get("label", "")).strip():
                fail(_("Give the instalment a name."), f"instalments[{i}].label")
            percents.append(_decimal(row.get("percent"), f"instalments[{i}].percent"))
            _decimal(row.get("due_days", 0), f"instalments[{i}].due_days")
        from_rules = contract_rules.schedule_errors(percents)
        if from_rules:
            fail(from_rules, "instalments")
        data["instalments"] = [
            {
                "label": str(r["label"]).strip(),
                "percent": str(p),
                "due_days": int(r.get("due_days") or 0),
            }
            for r, p in zip(rows, percents, strict=True)
        ]
    else:
        data["instalments"] = []


def _write_phases(estimate: Estimate, phases: list[PhaseInput]) -> None:
    estimate.phases.all().delete()
    for i, p in enumerate(phases):
        phase = EstimatePhase.objects.create(
            organisation_id=estimate.organisation_id,
            estimate=estimate,
            name=p.name.strip(),
            position=i,
        )
        EstimateLine.objects.bulk_create(
            [
                EstimateLine(
                    organisation_id=estimate.organisation_id,
                    phase=phase,
                    position=j,
                    kind=ln.kind,
                    description=ln.description.strip()[:200],
                    role=(ln.role or "").strip()[:100],
                    hours=ln.hours if ln.kind == LineKind.TIME else Decimal(0),
                    rate=ln.rate if ln.kind == LineKind.TIME else Decimal(0),
                    amount=ln.amount if ln.kind != LineKind.TIME else Decimal(0),
                    is_optional=ln.is_optional,
                )
                for j, ln in enumerate(p.lines)
            ]
        )


HEADER_FIELDS = (
    "title",
    "project_type",
    "valid_until",
    "billing_terms",
    "instalments",
    "deposit_percent",
    "terms",
    "notes",
    "project_code",
)


def save_estimate(
    estimate: Estimate | None,
    data: dict,
    phases: list[PhaseInput] | None,
    *,
    by: Member,
    client=None,
    project: Project | None = None,
) -> Estimate:
    """Create (``estimate`` None, for ``client`` or ``project``) or change a draft estimate."""
    _require(by)
    if estimate is not None:
        if estimate.organisation_id != by.organisation_id:
            fail(_("Not found."))
        if estimate.status != EstimateStatus.DRAFT:
            fail(_("Only a draft changes; revise it for a new version."))
        client = estimate.client
    else:
        if project is not None:
            if project.organisation_id != by.organisation_id:
                fail(_("Not found."), "project")
            client = project.client
        if client is None or client.organisation_id != by.organisation_id:
            fail(_("Choose a client."), "client")
    data = {k: v for k, v in data.items() if k in HEADER_FIELDS}
    merged = {**({f: getattr(estimate, f) for f in HEADER_FIELDS} if estimate else {}), **data}
    if not str(merged.get("title") or "").strip():
        fail(_("Give the estimate a title."), "title")
    if not isinstance(merged.get("valid_until"), dt.date):
        fail(_("Give the date the estimate is valid until."), "valid_until")
    code = str(merged.get("project_code") or "").strip()
    target = project or (estimate.project if estimate else None)
    if target is None:
        if not code:
            fail(_("Give the code of the project accepting creates."), "project_code")
        try:
            code_validator(code)
        except ValidationError as exc:
            fail(" ".join(exc.messages), "project_code")
        if Project.objects.filter(organisation_id=by.organisation_id, code=code).exists():
            fail(_("A project with code %(code)s already exists.") % {"code": code}, "project_code")
    _check_terms(merged)
    if phases is not None:
        _check_phases(phases, client.currency)
    with transaction.atomic():
        before = snapshot(estimate) if estimate else None
        if estimate is None:
            estimate = Estimate(
                organisation_id=by.organisation_id,
                client=client,
                project=target,
                currency=client.currency,
                created_by=by,
            )
        for key in HEADER_FIELDS:
            if key in merged:
                setattr(estimate, key, merged[key])
        estimate.title = estimate.title.strip()
        estimate.project_code = code
        estimate.save()
        if phases is not None:
            _write_phases(estimate, phases)
        elif before is None:
            fail(_("An estimate has at least one phase."), "phases")
        record(
            organisation=by.organisation,
            actor=by.user,
            action="update" if before else "create",
            obj=estimate,
            before=before,
            after=snapshot(estimate),
        )
    return estimate


def _rule_lines(phase: EstimatePhase) -> list[rules.Line]:
    return [
        rules.Line(ln.kind, ln.hours, ln.rate, ln.amount, ln.is_optional, ln.is_chosen)
        for ln in phase.lines.all()
    ]


def figures(estimate: Estimate, *, chosen: set[int] | None = None) -> rules.Figures:
    """The estimate's hours and amount (optional lines: chosen, or the ids in ``chosen``)."""
    phases = []
    for phase in estimate.phases.prefetch_related("lines"):
        lines = []
        for ln in phase.lines.all():
            picked = ln.is_chosen if chosen is None else ln.pk in chosen
            lines.append(rules.Line(ln.kind, ln.hours, ln.rate, ln.amount, ln.is_optional, picked))
        phases.append(lines)
    return rules.estimate_figures(phases, estimate.currency)


# --- sending and versions ------------------------------------------------------------------------


def public_url(estimate: Estimate, base_url: str = "") -> str:
    path = reverse("estimate_public", args=[estimate.public_token])
    return (base_url.rstrip("/") + path) if base_url else path


def send_estimate(
    estimate: Estimate,
    *,
    by: Member,
    to: list[str] | None = None,
    base_url: str = "",
    today: dt.date | None = None,
) -> Estimate:
    """Number the estimate (first version: the next ``EST`` number, gap-free, in this
    transaction), supersede the version it revises, and e-mail the PDF with the client link once
    the transaction commits."""
    _require(by)
    if estimate.organisation_id != by.organisation_id:
        fail(_("Not found."))
    if estimate.status != EstimateStatus.DRAFT:
        fail(
            _("This estimate is %(status)s.") % {"status": _(estimate.get_status_display()).lower()}
        )
    today = today or timeutil.local_date(timeutil.now(), by.organisation.time_zone)
    if rules.is_expired(estimate.valid_until, today):
        fail(_("The validity date has passed; set a new one before sending."), "valid_until")
    if estimate.deposit_percent and not by.can(Cap.MANAGE_BILLING):
        fail(_("A deposit invoice is made by someone who bills; ask an admin."), "deposit_percent")
    recipients = [r.strip() for r in (to or [estimate.client.invoice_email]) if r and r.strip()]
    if not recipients:
        fail(
            _("Client %(code)s has no e-mail; give an address.") % {"code": estimate.client.code},
            "to",
        )
    for address in recipients:
        try:
            validate_email(address)
        except ValidationError:
            fail(_("%(address)s is not an e-mail address.") % {"address": address}, "to")
    with transaction.atomic():
        estimate = Estimate.objects.select_for_update().select_related("client").get(pk=estimate.pk)
        before = snapshot(estimate)
        if not estimate.number:
            estimate.number = take_number(estimate.organisation, SERIES, today)
        if estimate.revises_id:
            Estimate.objects.filter(pk=estimate.revises_id, status=EstimateStatus.SENT).update(
                status=EstimateStatus.SUPERSEDED, updated_at=timeutil.now()
            )
        estimate.status = EstimateStatus.SENT
        estimate.sent_at = timeutil.now()
        estimate.sent_by = by
        estimate.sent_to = ", ".join(recipients)[:300]
        estimate.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="send",
            obj=estimate,
            before=before,
            after=snapshot(estimate),
            reason=estimate.sent_to,
        )
        pdf = documents.estimate_pdf(estimate)
        org = by.organisation
        total = figures(estimate)
        subject, body = _message(estimate, total.amount, base_url)
        email = EmailMessage(
            subject=subject,
            body=body,
            from_email=org.email or settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        email.attach(f"{estimate.number}-v{estimate.version}.pdf", pdf, "application/pdf")
        transaction.on_commit(email.send)
    return estimate


def _message(estimate: Estimate, amount: Decimal, base_url: str) -> tuple[str, str]:
    """Subject and body of the estimate e-mail in the client's language (its invoices'), one
    catalogue message per line; the amount and the date written as that language writes them."""
    org, client = estimate.organisation, estimate.client
    sender = org.legal_name or org.name
    language = client.document_language
    with translation.override(DJANGO_LANGUAGES.get(language, language)):
        facts = {
            "name": client.contact_name or client.name,
            "number": estimate.number,
            "version": estimate.version,
            "title": estimate.title,
            # English keeps the neutral 1,234.50 it always had; the others their own separators.
            "amount": format_money(
                amount, estimate.currency, language=None if language == "en" else language
            ),
            "currency": estimate.currency,
            "valid": formats.date_format(
                estimate.valid_until, pgettext("e-mail: a date (Django date format)", "d M Y")
            ),
            "link": public_url(estimate, base_url),
            "sender": sender,
        }
        subject = _("Estimate %(number)s from %(sender)s") % facts
        lines = [
            _("Dear %(name)s,"),
            "",
            _(
                "Please find attached our estimate %(number)s (version %(version)s) for"
                " %(title)s: %(amount)s %(currency)s, valid until %(valid)s."
            ),
            _("Accept or decline it here: %(link)s"),
            "",
            _("Kind regards,"),
            "%(sender)s",
        ]
        return subject, "\n".join(lines) % facts


def revise(estimate: Estimate, *, by: Member) -> Estimate:
    """A new draft version of a sent (or declined, or expired) estimate, with its lines copied;
    sending it supersedes the earlier version."""
    _require(by)
    if estimate.organisation_id != by.organisation_id:
        fail(_("Not found."))
    if estimate.status not in (
        EstimateStatus.SENT,
        EstimateStatus.DECLINED,
        EstimateStatus.EXPIRED,
    ):
        fail(_("Revise a sent, declined or expired estimate."))
    if Estimate.objects.filter(revises=estimate).exists():
        fail(_("This version was revised already."))
    with transaction.atomic():
        phases = [
            PhaseInput(
                p.name,
                [
                    LineInput(
                        ln.description,
                        ln.kind,
                        ln.hours,
                        ln.rate,
                        ln.amount,
                        ln.role,
                        ln.is_optional,
                    )
                    for ln in p.lines.all()
                ],
            )
            for p in estimate.phases.prefetch_related("lines")
        ]
        new = Estimate.objects.create(
            organisation_id=estimate.organisation_id,
            client=estimate.client,
            project=estimate.project,
            project_code=estimate.project_code,
            project_type=estimate.project_type,
            # the copied hours carry the factor already: it is not offered twice
            applied_factor=estimate.applied_factor,
            applied_factor_sample=estimate.applied_factor_sample,
            title=estimate.title,
            currency=estimate.currency,
            number=estimate.number,
            version=estimate.version + 1,
            revises=estimate,
            valid_until=estimate.valid_until,
            billing_terms=estimate.billing_terms,
            instalments=estimate.instalments,
            deposit_percent=estimate.deposit_percent,
            terms=estimate.terms,
            notes=estimate.notes,
            created_by=by,
        )
        _write_phases(new, phases)
        record(
            organisation=by.organisation,
            actor=by.user,
            action="revise",
            obj=new,
            after=snapshot(new),
            reason=f"revises version {estimate.version}",
        )
    return new


# --- the client's decision -----------------------------------------------------------------------


def _open_for_decision(token: str, today: dt.date | None) -> Estimate:
    estimate = (
        Estimate.objects.select_for_update(of=("self",))
        .select_related("organisation", "client", "sent_by__user", "sent_by__organisation")
        .filter(public_token=token)
        .first()
    )
    if estimate is None:
        fail(_("No such estimate."))
    today = today or timeutil.local_date(timeutil.now(), estimate.organisation.time_zone)
    if estimate.status == EstimateStatus.SENT and rules.is_expired(estimate.valid_until, today):
        raise _Expired(estimate)
    if estimate.status != EstimateStatus.SENT:
        fail(
            _("This estimate is %(status)s.") % {"status": _(estimate.get_status_display()).lower()}
        )
    return estimate


class _Expired(Exception):
    def __init__(self, estimate):
        self.estimate = estimate


def _expired_error(exc: _Expired):
    """Record the expiry (its own transaction: the decision's rolled back) and say so."""
    estimate = exc.estimate
    with transaction.atomic():
        if Estimate.objects.filter(pk=estimate.pk, status=EstimateStatus.SENT).update(
            status=EstimateStatus.EXPIRED, updated_at=timeutil.now()
        ):
            record(
                organisation=estimate.organisation,
                actor=None,
                action="expire",
                obj=estimate,
                after={"status": EstimateStatus.EXPIRED},
            )
    return ValidationError(
        {
            "non_field_errors": [
                _("This estimate expired on %(day)s.")
                % {"day": date_format(exc.estimate.valid_until, "j M Y")}
            ]
        }
    )


def accept(
    token: str,
    *,
    name: str,
    ip: str | None,
    chosen: list[int] | tuple = (),
    today: dt.date | None = None,
) -> Estimate:
    """The client accepts (typed name, audited with the time and IP): the estimate's project gets
    its budget, phases, tasks and terms, and the deposit draft is made (``_apply``)."""
    name = (name or "").strip()
    if not name:
        fail(_("Type your name to accept."), "name")
    try:
        with transaction.atomic():
            estimate = _open_for_decision(token, today)
            optional = set(
                EstimateLine.objects.filter(phase__estimate=estimate, is_optional=True).values_list(
                    "pk", flat=True
                )
            )
            picked = {int(i) for i in chosen if str(i).isdigit() and int(i) in optional}
            EstimateLine.objects.filter(phase__estimate=estimate, is_optional=True).update(
                is_chosen=False
            )
            EstimateLine.objects.filter(pk__in=picked).update(is_chosen=True)
            before = snapshot(estimate)
            estimate.status = EstimateStatus.ACCEPTED
            estimate.decided_at = timeutil.now()
            estimate.decided_name = name[:200]
            estimate.decided_ip = ip or None
            estimate.save()
            _apply(estimate)
            record(
                organisation=estimate.organisation,
                actor=None,
                action="accept",
                obj=estimate,
                before=before,
                after=snapshot(estimate),
                reason=f"accepted by {name} from {ip or 'unknown address'} at "
                f"{estimate.decided_at:%Y-%m-%d %H:%M:%S} UTC",
            )
    except _Expired as exc:
        raise _expired_error(exc) from None
    return estimate


def decline(
    token: str, *, comment: str, ip: str | None, name: str = "", today: dt.date | None = None
) -> Estimate:
    comment = (comment or "").strip()
    if not comment:
        fail(_("Tell us why, so we can revise it."), "comment")
    try:
        with transaction.atomic():
            estimate = _open_for_decision(token, today)
            before = snapshot(estimate)
            estimate.status = EstimateStatus.DECLINED
            estimate.decided_at = timeutil.now()
            estimate.decided_name = (name or "").strip()[:200]
            estimate.decided_ip = ip or None
            estimate.decision_comment = comment
            estimate.save()
            record(
                organisation=estimate.organisation,
                actor=None,
                action="decline",
                obj=estimate,
                before=before,
                after=snapshot(estimate),
                reason=comment[:500],
            )
    except _Expired as exc:
        raise _expired_error(exc) from None
    return estimate


def expire_due(organisation, today: dt.date) -> int:
    """Mark sent estimates past their validity expired (the accept path checks it itself)."""
    ids = list(
        Estimate.objects.filter(
            organisation=organisation, status=EstimateStatus.SENT, valid_until__lt=today
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Estimate.objects.filter(pk__in=ids, status=EstimateStatus.SENT).update(
            status=EstimateStatus.EXPIRED, updated_at=timeutil.now()
        )
        for e in Estimate.objects.filter(pk__in=ids):
            record(
                organisation=organisation,
                actor=None,
                action="expire",
                obj=e,
                after={"status": e.status},
            )
    return len(ids)


# --- accepted: the project -----------------------------------------------------------------------

_MODEL = {
    EstimateTerms.TIME_AND_MATERIALS: BillingModel.HOURLY,
    EstimateTerms.FIXED_FEE: BillingModel.FIXED_FEE,
    EstimateTerms.MILESTONES: BillingModel.MILESTONE,
}


def _apply(estimate: Estimate) -> Project:
    """Create or update the project as the estimate states (see the module docstring)."""
    by = estimate.sent_by
    if by is None or not by.is_active or not by.can(Cap.MANAGE_PROJECTS):
        fail(_("This estimate can no longer be accepted online; contact us."))
    total = figures(estimate)
    phases = list(estimate.phases.prefetch_related("lines"))
    data = {
        "billing_model": _MODEL[estimate.billing_terms],
        "budget_hours": total.hours,
        "budget_amount": total.amount,
        "estimate_hours": total.hours,
        "estimate_amount": total.amount,
        "fixed_fee": total.amount if estimate.billing_terms == EstimateTerms.FIXED_FEE else None,
    }
    project = estimate.project
    if project is None:
        project = projects.save_project(
            None,
            {
                "client": estimate.client,
                "code": estimate.project_code,
                "project_type": estimate.project_type,
                "name": estimate.title[:200],
                "lead": by,
                "start_date": estimate.decided_at.date(),
                **data,
            },
            by=by,
        )
        estimate.project = project
        estimate.save(update_fields=["project", "updated_at"])
    else:
        project = projects.save_project(project, data, by=by)
    for position, ep in enumerate(phases):
        lines = [ln for ln in ep.lines.all() if not ln.is_optional or ln.is_chosen]
        pf = rules.phase_figures(
            [
                rules.Line(ln.kind, ln.hours, ln.rate, ln.amount, ln.is_optional, ln.is_chosen)
                for ln in lines
            ],
            estimate.currency,
        )
        phase = Phase.objects.filter(project=project, name=ep.name).first()
        phase = projects.save_phase(
            phase,
            {"project": project, "name": ep.name, "position": position, "estimate_hours": pf.hours},
            by=by,
        )
        ep.project_phase = phase
        ep.save(update_fields=["project_phase", "updated_at"])
        for ln in lines:
            if ln.kind != LineKind.TIME:
                continue
            task = Task.objects.filter(project=project, phase=phase, name=ln.description).first()
            projects.save_task(
                task,
                {
                    "project": project,
                    "phase": phase,
                    "name": ln.description,
                    "estimate_hours": ln.hours,
                    "is_billable": True,
                },
                by=by,
            )
        if estimate.billing_terms == EstimateTerms.MILESTONES:
            projects.save_milestone(
                None,
                {"project": project, "phase": phase, "name": ep.name, "value": pf.amount},
                by=by,
            )
    if estimate.billing_terms == EstimateTerms.TIME_AND_MATERIALS:
        contracts.save_terms(project, {"cap_amount": str(total.amount)}, by=by)
    elif estimate.billing_terms == EstimateTerms.FIXED_FEE:
        start = estimate.decided_at.date()
        contracts.save_instalments(
            project,
            [
                {
                    "label": row["label"],
                    "percent": row["percent"],
                    "due_date": start + dt.timedelta(days=int(row.get("due_days") or 0)),
                }
                for row in estimate.instalments
            ],
            by=by,
        )
    if estimate.deposit_percent:
        amount = rules.deposit_amount(total.amount, estimate.deposit_percent, estimate.currency)
        invoice = drafts.create_draft(
            estimate.client,
            by=by,
            project=project,
            notes=f"Deposit on estimate {estimate.number} (version {estimate.version}).",
            lines=[
                drafts.LineInput(
                    description=f"Deposit {estimate.deposit_percent.normalize()} % of estimate "
                    f"{estimate.number}",
                    quantity=Decimal(1),
                    unit_price=amount,
                    unit="ea",
                    kind=InvoiceLineKind.MANUAL,
                )
            ],
        )
        estimate.deposit_invoice = invoice
        estimate.save(update_fields=["deposit_invoice", "updated_at"])
    return project


# --- the measured factor -------------------------------------------------------------------------


def apply_measured_factor(estimate: Estimate, *, by: Member, expected: Decimal) -> Estimate:
    """Multiply a draft's hours lines by the measured factor of its project type, once, when
    the user accepts the factor they were shown (``expected``; a factor that changed meanwhile
    is refused, so what is applied is what was seen). Rates and fixed items stay; audited."""
    _require(by)
    if estimate.organisation_id != by.organisation_id:
        fail(_("Not found."))
    with transaction.atomic():
        estimate = Estimate.objects.select_for_update(of=("self",)).get(pk=estimate.pk)
        if estimate.status != EstimateStatus.DRAFT:
            fail(_("Only a draft changes; revise it for a new version."))
        if estimate.applied_factor is not None:
            fail(
                _("The measured factor %(factor)s is applied already.")
                % {"factor": estimate.applied_factor},
                "factor",
            )
        measured = selectors.measured_factor(estimate)
        if measured is None:
            fail(_("No completed project of this type to measure a factor on."), "factor")
        if measured.factor != expected:
            fail(
                f"The measured factor is now {measured.factor} (from {measured.sample} "
                "projects); check it and apply again.",
                "factor",
            )
        before = snapshot(estimate)
        lines = list(
            EstimateLine.objects.filter(phase__estimate=estimate, kind=LineKind.TIME).order_by("pk")
        )
        old = {ln.pk: ln.hours for ln in lines}
        for ln in lines:
            ln.hours = rules.factored_hours(ln.hours, measured.factor)
        now = timeutil.now()
        for ln in lines:
            ln.updated_at = now
        EstimateLine.objects.bulk_update(lines, ["hours", "updated_at"])
        estimate.applied_factor = measured.factor
        estimate.applied_factor_sample = measured.sample
        estimate.save(update_fields=["applied_factor", "applied_factor_sample", "updated_at"])
        record(
            organisation=estimate.organisation,
            actor=by.user,
            action="apply_factor",
            obj=estimate,
            before=before,
            after={
                **snapshot(estimate),
                "hours": {str(ln.pk): [str(old[ln.pk]), str(ln.hours)] for ln in lines},
            },
        )
    return estimate
