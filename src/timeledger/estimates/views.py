"""Estimate screens: the list, a new estimate (phases and lines as text), one estimate (send,
revise, PDF, estimate vs actual), and the client's link (``/q/<token>/``: read, accept with a
typed name, or decline with a comment)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from timeledger.accounts.roles import Cap
from timeledger.core.forms import apply_service_errors
from timeledger.estimates import documents, selectors, services
from timeledger.estimates.forms import ApplyFactorForm, DecisionForm, EstimateForm
from timeledger.estimates.models import Estimate, EstimateStatus


def _member(request):
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    if not member.can(Cap.MANAGE_PROJECTS):
        raise PermissionDenied(_("Only managers and admins make estimates."))
    return member


def _estimate(request, pk) -> Estimate:
    return get_object_or_404(
        Estimate.objects.select_related("client", "project", "organisation"),
        organisation=request.member.organisation,
        pk=pk,
    )


@login_required
def estimate_list(request):
    member = _member(request)
    rows = [
        (e, services.figures(e))
        for e in Estimate.objects.filter(organisation=member.organisation).select_related("client")[
            :200
        ]
    ]
    return render(request, "estimates/list.html", {"rows": rows})


@login_required
def estimate_new(request):
    member = _member(request)
    form = EstimateForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            estimate = services.save_estimate(
                None,
                form.header(),
                form.phases(),
                by=member,
                client=d["client"],
                project=d.get("project"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, {"phases": "lines"})
        else:
            return redirect("estimate_detail", estimate.pk)
    return render(
        request,
        "estimates/new.html",
        {"form": form, "factors": selectors.measured_factors(member.organisation).values()},
    )


@login_required
def estimate_detail(request, pk: int):
    member = _member(request)
    estimate = _estimate(request, pk)
    return render(
        request,
        "estimates/detail.html",
        {
            "estimate": estimate,
            "figures": services.figures(estimate),
            "document": documents.estimate_html(estimate),
            "comparison": selectors.estimate_vs_actual(estimate),
            "project_type": selectors.estimate_type(estimate),
            "measured": (
                selectors.measured_factor(estimate)
                if estimate.status == EstimateStatus.DRAFT and estimate.applied_factor is None
                else None
            ),
            "link": request.build_absolute_uri(services.public_url(estimate)),
            "can_send": estimate.status == EstimateStatus.DRAFT,
            "can_revise": estimate.status
            in (EstimateStatus.SENT, EstimateStatus.DECLINED, EstimateStatus.EXPIRED),
            "member": member,
        },
    )


@login_required
@require_POST
def estimate_send(request, pk: int):
    member = _member(request)
    estimate = _estimate(request, pk)
    to = [a for a in request.POST.get("to", "").replace(";", ",").split(",") if a.strip()]
    try:
        estimate = services.send_estimate(
            estimate, by=member, to=to or None, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Estimate %(number)s sent to %(to)s.")
            % {"number": estimate.number, "to": estimate.sent_to},
        )
    return redirect("estimate_detail", estimate.pk)


@login_required
@require_POST
def estimate_apply_factor(request, pk: int):
    """Apply the measured factor the user was shown (and accepted) to the draft's hours."""
    member = _member(request)
    estimate = _estimate(request, pk)
    form = ApplyFactorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The factor to apply is missing; reload the estimate."))
        return redirect("estimate_detail", pk)
    try:
        estimate = services.apply_measured_factor(
            estimate, by=member, expected=form.cleaned_data["factor"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Hours multiplied by the measured factor %(factor)s.")
            % {"factor": estimate.applied_factor},
        )
    return redirect("estimate_detail", pk)


@login_required
@require_POST
def estimate_revise(request, pk: int):
    member = _member(request)
    try:
        new = services.revise(_estimate(request, pk), by=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("estimate_detail", pk)
    messages.success(request, _("Version %(version)s drafted.") % {"version": new.version})
    return redirect("estimate_detail", new.pk)


@login_required
def estimate_pdf(request, pk: int):
    _member(request)
    estimate = _estimate(request, pk)
    return _pdf(estimate)


def _pdf(estimate: Estimate) -> HttpResponse:
    response = HttpResponse(documents.estimate_pdf(estimate), content_type="application/pdf")
    name = f"{estimate.number or 'estimate'}-v{estimate.version}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def _public(token: str) -> Estimate:
    estimate = (
        Estimate.objects.select_related("organisation", "client", "project")
        .filter(public_token=token)
        .exclude(status=EstimateStatus.DRAFT)
        .first()
    )
    if estimate is None:
        raise Http404("No such estimate.")
    return estimate


def _ip(request) -> str | None:
    # The address the connection came from; behind a proxy, Django's deployment sets REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR") or None


def estimate_public(request, token: str):
    """The client's page: the document, and (while open) accept or decline."""
    estimate = _public(token)
    form = DecisionForm(request.POST or None, estimate=estimate)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("decision") == "decline":
                services.decline(
                    token, comment=d.get("comment", ""), ip=_ip(request), name=d.get("name", "")
                )
            else:
                services.accept(
                    token,
                    name=d.get("name", ""),
                    ip=_ip(request),
                    chosen=[int(i) for i in d.get("optional") or []],
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("estimate_public", token)
        estimate.refresh_from_db()
    return render(
        request,
        "estimates/public.html",
        {
            "estimate": estimate,
            "figures": services.figures(estimate),
            "document": documents.estimate_html(estimate),
            "form": form,
            "is_open": estimate.status == EstimateStatus.SENT,
            "token": token,
        },
    )


def estimate_public_pdf(request, token: str):
    return _pdf(_public(token))
