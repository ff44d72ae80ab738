"""Rate pages: the rate card, create/edit with a re-pricing preview, delete, each entry's rate
explanation (with the manager override), and the rounding rules. Thin: one service per action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped, scoped
from timeledger.core.forms import apply_service_errors, handle_form
from timeledger.core.money import quantize
from timeledger.projects.models import Project
from timeledger.rates import explanations, preview, services
from timeledger.rates.api import run_preview
from timeledger.rates.forms import OverrideForm, ProjectRoundingForm, RateForm, RoundingForm
from timeledger.rates.models import Rate, RateKind, RateLevel
from timeledger.rates.resolution import explain_entry
from timeledger.timesheets import rounding_services
from timeledger.timesheets.models import TimeEntry


@login_required
def rate_list(request):
    require(request, Cap.VIEW_RATES)
    rates = scoped(Rate, request).select_related(
        "job_role", "member__user", "client", "project", "task"
    )
    kind = request.GET.get("kind", "")
    level = request.GET.get("level", "")
    if kind in RateKind.values:
        rates = rates.filter(kind=kind)
    if level in RateLevel.values:
        rates = rates.filter(level=level)
    order = {lv: i for i, lv in enumerate(reversed(RateLevel.values))}  # most specific first
    rows = sorted(
        rates, key=lambda r: (r.kind, order[r.level], r.label, -r.effective_from.toordinal())
    )
    unlocked = scoped(TimeEntry, request).filter(rate_locked_at__isnull=True, is_billable=True)
    return render(
        request,
        "rates/list.html",
        {
            "rates": rows,
            "kind": kind,
            "level": level,
            "kinds": RateKind.choices,
            "levels": RateLevel.choices,
            "can_manage": request.member.can(Cap.MANAGE_RATES),
            "unlocked_count": unlocked.count(),
        },
    )


def _rate_page(request, rate: Rate | None):
    require(request, Cap.MANAGE_RATES)
    initial = {}
    if rate is not None:
        initial = {
            "kind": rate.kind,
            "level": rate.level,
            "job_role": rate.job_role_id,
            "member": rate.member_id,
            "client": rate.client_id,
            "project": rate.project_id,
            "task": rate.task_id,
            "amount": str(quantize(rate.amount, rate.currency)),
            "currency": rate.currency,
            "effective_from": rate.effective_from.isoformat(),
            "label": rate.label,
        }
    else:
        for name in ("level", "project", "task", "client", "member", "job_role", "kind"):
            if request.GET.get(name):
                initial[name] = request.GET[name]
    form = RateForm(request.POST or None, initial=initial, organisation=request.organisation)
    title = _("Edit rate") if rate else _("New rate")
    return handle_form(
        request,
        form,
        lambda data: services.save_rate(rate, data, by=request.member),
        template="rates/form.html",
        partial="rates/_form.html",
        context={
            "title": title,
            "rate": rate,
            "cancel_url": reverse("rate_list"),
            "preview_url": reverse("rate_preview") + (f"?rate={rate.pk}" if rate else ""),
        },
        success_url=lambda r: reverse("rate_list") + f"?saved={r.pk}",
    )


@login_required
def rate_new(request):
    return _rate_page(request, None)


@login_required
def rate_edit(request, pk: int):
    return _rate_page(request, get_scoped(Rate, request, pk=pk))


@login_required
@require_POST
def rate_preview(request):
    """htmx fragment: what saving the form as it stands would re-price (nothing is saved)."""
    require(request, Cap.MANAGE_RATES)
    form = RateForm(request.POST, organisation=request.organisation)
    result = None
    if form.is_valid():
        data = form.service_data()
        rate_id = request.GET.get("rate", "")
        if rate_id.isdigit():
            data["rate"] = get_scoped(Rate, request, pk=int(rate_id))
        try:
            result = run_preview(request.organisation, data).as_dict()
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(request, "rates/_preview.html", {"result": result, "form": form})


@login_required
def rate_delete(request, pk: int):
    require(request, Cap.MANAGE_RATES)
    rate = get_scoped(Rate, request, pk=pk)
    # The rate in the page's language (its stored ``source`` is the rule's English).
    text = explanations.describe(
        rate.level, rate.label, rate.amount, rate.currency, rate.effective_from
    )
    if request.method == "POST":
        services.delete_rate(rate, by=request.member)
        messages.success(request, _("Deleted: %(rate)s") % {"rate": text})
        return redirect("rate_list")
    result = preview.preview_change(request.organisation, proposal=None, replacing=rate).as_dict()
    return render(request, "rates/delete.html", {"rate": rate, "rate_text": text, "result": result})


@login_required
def entry_rate(request, pk: int):
    """Why an entry costs what it costs: snapshot if locked, the rule level by level."""
    require(request, Cap.VIEW_RATES)
    entry = get_scoped(TimeEntry, request, pk=pk)
    entry = TimeEntry.objects.select_related(
        "member__user", "client", "project__client", "organisation", "task"
    ).get(pk=entry.pk)
    can_override = request.member.can(Cap.MANAGE_RATES) and entry.rate_locked_at is None
    form = OverrideForm(
        request.POST or None,
        initial={
            "rate_override": "" if entry.rate_override is None else f"{entry.rate_override:.2f}"
        },
    )
    if request.method == "POST":
        if not request.member.can(Cap.MANAGE_RATES):
            raise PermissionDenied(_("Only managers may override an entry's rate."))
        if form.is_valid():
            try:
                services.set_entry_override(
                    entry,
                    form.cleaned_data["rate_override"] or None,
                    by=request.member,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Entry rate updated."))
                return redirect("entry_rate", pk=entry.pk)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    info = explain_entry(entry)
    return render(
        request,
        "rates/entry.html",
        {
            "entry": entry,
            "info": info,
            "form": form,
            "can_override": can_override,
            # The rule's explanations in the page's language (what the entry froze stays as is).
            "billing_text": explanations.resolution_text(info["billing"], entry.date),
            "cost_text": explanations.resolution_text(info["cost"], entry.date),
            "billing_steps": explanations.steps(info["billing_steps"], info["billing"]),
        },
    )


@login_required
def rounding(request):
    """The organisation's rounding rule and each project's override."""
    require(request, Cap.VIEW_RATES)
    org = request.organisation
    can_manage = request.member.can(Cap.MANAGE_RATES) or request.member.can(Cap.MANAGE_SETTINGS)
    form = RoundingForm(
        request.POST or None,
        initial={"rounding_increment": org.rounding_increment, "rounding_mode": org.rounding_mode},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Your role cannot change rounding."))
        if form.is_valid():
            try:
                n = rounding_services.set_organisation_rounding(
                    form.cleaned_data["rounding_increment"],
                    form.cleaned_data["rounding_mode"],
                    by=request.member,
                )
                messages.success(
                    request,
                    ngettext(
                        "Rounding saved; %(count)s unlocked entry re-rounded.",
                        "Rounding saved; %(count)s unlocked entries re-rounded.",
                        n,
                    )
                    % {"count": n},
                )
                return redirect("rounding")
            except ValidationError as exc:
                apply_service_errors(form, exc)
    projects = (
        scoped(Project, request)
        .filter(is_archived=False)
        .select_related("client")
        .annotate(entries_count=Count("entries", filter=Q(entries__rate_locked_at__isnull=True)))
        .order_by("code")
    )
    return render(
        request,
        "rates/rounding.html",
        {"form": form, "projects": projects, "can_manage": can_manage, "org": org},
    )


@login_required
def project_rounding(request, pk: int):
    project = get_scoped(Project, request, pk=pk)
    if not (request.member.can(Cap.MANAGE_PROJECTS) or request.member.can(Cap.MANAGE_RATES)):
        raise PermissionDenied(_("Your role cannot change rounding."))
    form = ProjectRoundingForm(
        request.POST or None,
        initial={
            "rounding_increment": project.rounding_increment,
            "rounding_mode": project.rounding_mode,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            n = rounding_services.set_project_rounding(
                project,
                form.cleaned_data["rounding_increment"],
                form.cleaned_data["rounding_mode"],
                by=request.member,
            )
            messages.success(
                request,
                ngettext(
                    "%(code)s: rounding saved; %(count)s entry re-rounded.",
                    "%(code)s: rounding saved; %(count)s entries re-rounded.",
                    n,
                )
                % {"code": project.code, "count": n},
            )
            return redirect("rounding")
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Rounding of %(code)s") % {"code": project.code},
            "form": form,
            "cancel_url": reverse("rounding"),
            "breadcrumbs": [(reverse("rounding"), _("Rounding"))],
        },
    )
