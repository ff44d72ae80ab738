"""The "Budget & billing terms" page of a project: burn and alerts, not-to-exceed cap and the
entries waiting for acceptance, payment schedule, milestone progress, retainer, change orders.
Thin: each POST calls one service from ``projects.contracts``/``budgets``; errors go inline."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django.views.decorators.http import require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped
from timeledger.contracts import budgets, retainers
from timeledger.contracts import rules as contract_rules
from timeledger.contracts import selectors as contract_selectors
from timeledger.contracts import services as contracts
from timeledger.contracts.models import ChangeOrder, PaymentInstalment, Retainer
from timeledger.core.forms import DateInput, apply_service_errors
from timeledger.projects.models import BillingModel, Milestone, Project

DATE = DateInput()

# The labels of the contracts' model choices, marked for the catalogues here (the models keep plain
# strings: their migrations record the choices); the page translates them
# ({% translate co.get_status_display %}).
CHOICE_LABELS = (
    gettext_noop("Requested"),
    gettext_noop("Approved"),
    gettext_noop("Rejected"),
    gettext_noop("Hours"),
    gettext_noop("Money"),
)
SCHEDULE_ROWS = 6


class TermsForm(forms.Form):
    cap_amount = forms.CharField(label=gettext_lazy("Not-to-exceed amount"), required=False)
    cap_hours = forms.CharField(label=gettext_lazy("Not-to-exceed hours"), required=False)
    alert_thresholds = forms.CharField(
        label=gettext_lazy("Budget alerts at (percent)"),
        help_text=gettext_lazy("Comma-separated, e.g. 80,100."),
    )


class RetainerForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[("monthly", gettext_lazy("Monthly")), ("quarterly", gettext_lazy("Quarterly"))],
    )
    starts_on = forms.CharField(label=gettext_lazy("First period starts"), widget=DATE)
    fee = forms.CharField(label=gettext_lazy("Fee per period"))
    included_hours = forms.CharField(label=gettext_lazy("Included hours"))
    overage_rate = forms.CharField(label=gettext_lazy("Overage rate (per hour)"))
    rollover = forms.BooleanField(label=gettext_lazy("Unused hours roll over"), required=False)
    warn_percent = forms.IntegerField(
        label=gettext_lazy("Flag overage at (percent of hours)"), initial=90
    )


class ChangeOrderForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 2})
    )
    hours = forms.CharField(label=gettext_lazy("Hours"), required=False)
    amount = forms.CharField(label=gettext_lazy("Amount"), required=False)


class ScheduleForm(forms.Form):
    """A fixed number of rows (label, due date, percent); empty rows are ignored."""

    def __init__(self, *args, rows: int = SCHEDULE_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            self.fields[f"label_{i}"] = forms.CharField(label=_("Instalment"), required=False)
            self.fields[f"due_{i}"] = forms.CharField(label=_("Due"), required=False, widget=DATE)
            self.fields[f"percent_{i}"] = forms.CharField(label="%", required=False)

    def row_fields(self):
        return [
            (self[f"label_{i}"], self[f"due_{i}"], self[f"percent_{i}"]) for i in range(self.rows)
        ]

    def instalments(self) -> list[dict]:
        out = []
        for i in range(self.rows):
            label = self.cleaned_data.get(f"label_{i}", "")
            if label or self.cleaned_data.get(f"percent_{i}"):
                out.append(
                    {
                        "label": label,
                        "due_date": self.cleaned_data.get(f"due_{i}") or None,
                        "percent": self.cleaned_data.get(f"percent_{i}", ""),
                    }
                )
        return out


def _project(request, pk) -> Project:
    if request.member is None or not request.member.can(Cap.VIEW_PROJECTS):
        raise PermissionDenied(_("Your role cannot see projects."))
    project = get_scoped(Project, request, pk=pk)
    return Project.objects.select_related("client", "lead__user", "organisation").get(pk=project.pk)


def _context(request, project, **forms_) -> dict:
    member = request.member
    terms = contract_selectors.terms_for(project)
    can_manage = member.can(Cap.MANAGE_PROJECTS)
    today = timezone.localdate()
    ctx = {
        "project": project,
        "currency": project.currency,
        "status": budgets.budget_status(project),
        "can_manage": can_manage,
        "can_accept": member.can(Cap.APPROVE_TIME) or can_manage,
        "terms_form": forms_.get("terms_form")
        or TermsForm(
            initial={
                "cap_amount": terms.cap_amount or "",
                "cap_hours": terms.cap_hours or "",
                "alert_thresholds": terms.alert_thresholds,
            }
        ),
        "flagged": project.entries.filter(needs_acceptance=True)
        .select_related("member__user", "task")
        .order_by("date", "id"),
        "change_orders": ChangeOrder.objects.filter(project=project)
        .select_related("requested_by", "decided_by")
        .order_by("-created_at"),
        "co_form": forms_.get("co_form") or ChangeOrderForm(),
        "is_fixed_fee": project.billing_model == BillingModel.FIXED_FEE,
        "has_milestones": project.billing_model in (BillingModel.MILESTONE, BillingModel.HYBRID),
        "is_retainer": project.billing_model == BillingModel.RETAINER,
        "has_cap": project.billing_model in (BillingModel.HOURLY, BillingModel.HYBRID),
    }
    if ctx["is_fixed_fee"]:
        rows = list(PaymentInstalment.objects.filter(project=project).order_by("position"))
        initial = {}
        for i, r in enumerate(rows[:SCHEDULE_ROWS]):
            initial.update(
                {
                    f"label_{i}": r.label,
                    f"due_{i}": r.due_date.isoformat(),
                    f"percent_{i}": r.percent,
                }
            )
        ctx["instalments"] = rows
        ctx["schedule_form"] = forms_.get("schedule_form") or ScheduleForm(initial=initial)
    if ctx["has_milestones"]:
        milestones = list(
            Milestone.objects.filter(project=project)
            .annotate(billed_amount=Sum("releases__amount"))
            .order_by("due_date", "id")
        )
        for m in milestones:
            m.billed_amount = m.billed_amount or Decimal(0)
            m.releasable = contract_rules.milestone_releasable(
                m.value, m.percent_complete, m.billed_amount, project.currency
            )
        ctx["milestones"] = milestones
        ctx["milestone_errors"] = forms_.get("milestone_errors", {})
    if ctx["is_retainer"]:
        retainer = Retainer.objects.filter(project=project).first()
        ctx["retainer"] = retainer
        if retainer and today >= retainer.starts_on:
            ctx["retainer_status"] = retainers.retainer_status(retainer, today)
        initial = {}
        if retainer:
            initial = {
                "period": retainer.period,
                "starts_on": retainer.starts_on.isoformat(),
                "fee": retainer.fee,
                "included_hours": retainer.included_hours,
                "overage_rate": retainer.overage_rate,
                "rollover": retainer.rollover,
                "warn_percent": retainer.warn_percent,
            }
        ctx["retainer_form"] = forms_.get("retainer_form") or RetainerForm(initial=initial)
    return ctx


@login_required
def terms_page(request, pk: int):
    project = _project(request, pk)
    return render(request, "projects/contracts/page.html", _context(request, project))


def _post(request, project, form, save, key: str):
    """Validate ``form``, call ``save(cleaned_data)``; on error re-render with inline messages."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
            return None
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "projects/contracts/page.html",
        _context(request, project, **{key: form}),
        status=400,
    )


@login_required
@require_POST
def save_terms(request, pk: int):
    project = _project(request, pk)
    failed = _post(
        request,
        project,
        TermsForm(request.POST),
        lambda d: contracts.save_terms(project, d, by=request.member),
        "terms_form",
    )
    if failed:
        return failed
    messages.success(request, _("Billing terms saved."))
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def accept_overruns(request, pk: int):
    project = _project(request, pk)
    ids = [int(x) for x in request.POST.getlist("entries") if x.isdigit()]
    ids = list(project.entries.filter(pk__in=ids).values_list("pk", flat=True))
    if not ids:
        messages.error(request, _("Tick the entries to accept."))
    else:
        try:
            n = contracts.accept_overruns(ids, by=request.member, note=request.POST.get("note", ""))
            messages.success(
                request,
                ngettext(
                    "%(count)s entry accepted for billing.",
                    "%(count)s entries accepted for billing.",
                    n,
                )
                % {"count": n},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def check_alerts(request, pk: int):
    project = _project(request, pk)
    require(request, Cap.MANAGE_PROJECTS)
    created = budgets.check_budget_alerts(project)
    messages.success(
        request,
        ngettext("%(count)s new alert.", "%(count)s new alerts.", len(created))
        % {"count": len(created)}
        if created
        else _("No new threshold crossed."),
    )
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def save_schedule(request, pk: int):
    project = _project(request, pk)
    form = ScheduleForm(request.POST)
    failed = _post(
        request,
        project,
        form,
        lambda d: contracts.save_instalments(project, form.instalments(), by=request.member),
        "schedule_form",
    )
    if failed:
        return failed
    messages.success(request, _("Payment schedule saved."))
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def save_retainer(request, pk: int):
    project = _project(request, pk)
    failed = _post(
        request,
        project,
        RetainerForm(request.POST),
        lambda d: contracts.save_retainer(project, d, by=request.member),
        "retainer_form",
    )
    if failed:
        return failed
    messages.success(request, _("Retainer saved."))
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def milestone_progress(request, pk: int, milestone_pk: int):
    project = _project(request, pk)
    milestone = get_scoped(Milestone, request, pk=milestone_pk, project=project)
    try:
        contracts.set_milestone_progress(
            milestone, request.POST.get("percent_complete", ""), by=request.member
        )
    except ValidationError as exc:
        ctx = _context(request, project, milestone_errors={milestone.pk: " ".join(exc.messages)})
        return render(request, "projects/contracts/page.html", ctx, status=400)
    messages.success(request, _("%(name)s: progress saved.") % {"name": milestone.name})
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def request_change_order(request, pk: int):
    project = _project(request, pk)
    failed = _post(
        request,
        project,
        ChangeOrderForm(request.POST),
        lambda d: contracts.request_change_order(project, d, by=request.member),
        "co_form",
    )
    if failed:
        return failed
    messages.success(request, _("Change order requested."))
    return redirect("project_terms", pk=project.pk)


@login_required
@require_POST
def decide_change_order(request, pk: int, co_pk: int, decision: str):
    project = _project(request, pk)
    co = get_scoped(ChangeOrder, request, pk=co_pk, project=project)
    try:
        contracts.decide_change_order(
            co, approve=decision == "approve", by=request.member, note=request.POST.get("note", "")
        )
        messages.success(
            request,
            _("Change order approved.") if decision == "approve" else _("Change order rejected."),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("project_terms", pk=project.pk)
