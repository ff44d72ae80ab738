"""Approval screens: pending member-weeks, one member-week to approve / reject / reopen, submitting
a week (linked from the week view) and the organisation's lock date.

Each view parses a form, calls one service in ``timesheets.approval``, and shows the service's
field errors next to the field. htmx posts get the page's fragment back; without JavaScript the
same URLs answer with full pages and redirects.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from timeledger.accounts.models import Member, ReminderFrequency
from timeledger.accounts.roles import Cap
from timeledger.approvals import services as approval
from timeledger.core import timeutil
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.core.forms import DateInput, apply_service_errors
from timeledger.projects.models import Project
from timeledger.timesheets.models import EntryStatus


def _member(request) -> Member:
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    return member


def _monday(request, raw: str) -> dt.date:
    """The first day of the organisation's week containing the date ``raw``."""
    try:
        return approval.week_of(dt.date.fromisoformat(raw), request.organisation)
    except ValueError:
        raise Http404("bad week") from None


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def week_view_url(monday: dt.date) -> str:
    try:
        return f"{reverse('week')}?week={monday:%Y-%m-%d}"
    except NoReverseMatch:
        return reverse("approvals")


# --- Pending weeks ------------------------------------------------------------------------------


@login_required
def approvals(request):
    member = _member(request)
    if not approval.is_approver(member):
        raise PermissionDenied(gettext("Only project leads and managers approve time."))
    pending = approval.pending_weeks(member)
    for row in pending:
        row["is_self"] = row["member"].pk == member.pk
    context = {
        "pending": pending,
        "is_manager": member.can(Cap.APPROVE_TIME),
        "can_reports": member.can(Cap.VIEW_REPORTS),
        "can_lock": member.can(Cap.MANAGE_SETTINGS),
    }
    if member.can(Cap.APPROVE_TIME):
        context["approved"] = approval.pending_weeks(member, status=EntryStatus.APPROVED)[-20:]
    return render(request, "approval/list.html", context)


# --- One member-week ----------------------------------------------------------------------------


class ActionForm(forms.Form):
    # The selection buttons act on the ticked entries only; the whole week is its own action, so
    # an empty selection (a tick lost to an error page) never widens to the whole week.
    ACTIONS = [
        ("approve", "Approve selected"),
        ("reject", "Reject selected"),
        ("reopen", "Undo approval of selected"),
        ("approve_week", "Approve whole week"),
        ("reject_week", "Reject whole week"),
        ("reopen_week", "Undo approval of whole week"),
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    project = forms.ModelChoiceField(queryset=Project.objects.none(), required=False)
    entries = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    comment = forms.CharField(required=False, widget=forms.TextInput)
    reason = forms.CharField(required=False, widget=forms.TextInput)
    include_drafts = forms.BooleanField(required=False, label=_("Also approve unsubmitted drafts"))
    override_reason = forms.CharField(
        required=False, label=_("Lock override reason (admins)"), widget=forms.TextInput
    )

    def __init__(self, *args, organisation, entry_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(organisation=organisation)
        self.fields["entries"].choices = [(i, i) for i in entry_ids]


def _week_context(request, owner: Member, monday: dt.date, form: ActionForm | None = None):
    member = request.member
    entries = list(approval.week_entries_for_approval(member, owner, monday))
    if form is None:
        form = ActionForm(organisation=member.organisation, entry_ids=[e.pk for e in entries])
    may = set(
        approval.week_entries_for_approval(member, owner, monday)
        .filter(approval.approvable_filter(member))
        .values_list("pk", flat=True)
    )
    projects: dict[int, dict] = {}
    for e in entries:
        e.may_act = e.pk in may
        group = projects.setdefault(
            e.project_id,
            {"project": e.project, "entries": [], "seconds": 0, "may_act": False, "submitted": 0},
        )
        group["submitted"] += e.may_act and e.status == EntryStatus.SUBMITTED
        group["entries"].append(e)
        group["seconds"] += e.seconds
        group["may_act"] = group["may_act"] or e.may_act
    lock = member.organisation.lock_date
    ticked = set()
    if form.is_bound:
        ticked = {int(v) for v in form.data.getlist("entries") if str(v).isdigit()}
    for e in entries:
        e.is_ticked = e.pk in ticked
    actionable = [e for e in entries if e.may_act]
    return {
        "owner": owner,
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "prev_week": monday - dt.timedelta(days=7),
        "next_week": monday + dt.timedelta(days=7),
        "groups": list(projects.values()),
        "total": sum(e.seconds for e in entries),
        "form": form,
        "counts": {s: sum(1 for e in entries if e.status == s) for s in EntryStatus.values},
        "is_manager": member.can(Cap.APPROVE_TIME),
        "can_override": member.can(Cap.OVERRIDE_LOCK),
        "locked_days": lock is not None and monday <= lock,
        "lock_date": lock,
        "is_self": owner.pk == member.pk,
        "week_counts": {
            "approve": sum(1 for e in actionable if e.status == EntryStatus.SUBMITTED),
            "reopen": sum(1 for e in actionable if e.status == EntryStatus.APPROVED),
        },
        "next_review": next_to_review(member, owner, monday),
    }


def next_to_review(member: Member, owner: Member, monday: dt.date) -> dict | None:
    """The oldest other member-week waiting for ``member``'s decision (not their own)."""
    for row in approval.pending_weeks(member):
        if row["member"].pk == member.pk or (
            row["member"].pk == owner.pk and row["week"] == monday
        ):
            continue
        return row
    return None


def _owner(request, member_id: int) -> Member:
    return get_object_or_404(
        Member.objects.select_related("user"),
        pk=member_id,
        organisation=_member(request).organisation,
    )


@login_required
def approval_week(request, member_id: int, week: str):
    member = _member(request)
    owner = _owner(request, member_id)
    if owner.pk != member.pk and not approval.is_approver(member):
        raise PermissionDenied(gettext("Only project leads and managers approve time."))
    return render(
        request, "approval/week.html", _week_context(request, owner, _monday(request, week))
    )


@login_required
@require_POST
def approval_action(request, member_id: int, week: str):
    member = _member(request)
    owner = _owner(request, member_id)
    monday = _monday(request, week)
    entry_ids = list(
        approval.week_entries_for_approval(member, owner, monday).values_list("pk", flat=True)
    )
    post = request.POST.copy()
    if post.get("approve_project"):  # the "Approve all of PROJECT" button
        post["action"], post["project"] = "approve", post["approve_project"]
    form = ActionForm(post, organisation=member.organisation, entry_ids=entry_ids)
    if form.is_valid():
        data = form.cleaned_data
        chosen = data["entries"]
        action = data["action"].removesuffix("_week")
        whole_week = data["action"].endswith("_week")
        scope = approval.Scope(
            member=owner,
            week=monday,
            project=None if whole_week else data["project"],
            entry_ids=tuple(chosen) if chosen and not whole_week else None,
        )
        try:
            if not (whole_week or chosen or data["project"]):
                raise ValidationError(
                    {"entries": [gettext("Tick the entries first, or use the whole-week button.")]}
                )
            if action == "approve":
                outcome = approval.approve(
                    scope,
                    by=member,
                    comment=data["comment"],
                    include_drafts=data["include_drafts"],
                    override_reason=data["override_reason"],
                )
            elif action == "reject":
                outcome = approval.reject(
                    scope, by=member, reason=data["reason"], override_reason=data["override_reason"]
                )
            else:
                outcome = approval.reopen(
                    scope, by=member, reason=data["reason"], override_reason=data["override_reason"]
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            done = {
                "approve": ngettext(
                    "Approved %(count)s entry of %(owner)s.",
                    "Approved %(count)s entries of %(owner)s.",
                    outcome.count,
                ),
                "reject": ngettext(
                    "Rejected %(count)s entry of %(owner)s.",
                    "Rejected %(count)s entries of %(owner)s.",
                    outcome.count,
                ),
                "reopen": ngettext(
                    "Reopened %(count)s entry of %(owner)s.",
                    "Reopened %(count)s entries of %(owner)s.",
                    outcome.count,
                ),
            }
            messages.success(request, done[action] % {"count": outcome.count, "owner": owner})
            if outcome.missing_rate:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s approved billable entry has no billing rate in force; add a"
                        " rate before billing (see the weekly audit).",
                        "%(count)s approved billable entries have no billing rate in force; add a"
                        " rate before billing (see the weekly audit).",
                        outcome.missing_rate,
                    )
                    % {"count": outcome.missing_rate},
                )
            if not request.htmx:
                here = reverse("approval_week", args=[owner.pk, f"{monday:%Y-%m-%d}"])
                return redirect(_safe_next(request, here))
            form = None
    context = _week_context(request, owner, monday, form)
    template = "approval/_week_body.html" if request.htmx else "approval/week.html"
    return render(request, template, context)


# --- Submitting a week (linked from the week view) ----------------------------------------------


@login_required
@require_POST
def submit_week(request):
    """POST ``week`` (any day of it), optional ``member`` (managers), ``next``."""
    member = _member(request)
    monday = _monday(request, request.POST.get("week", ""))
    owner = member
    if request.POST.get("member"):
        try:
            owner = _owner(request, int(request.POST["member"]))
        except ValueError:
            raise Http404("bad member") from None
    error = None
    try:
        outcome = approval.submit_week(
            owner, monday, by=member, override_reason=request.POST.get("override_reason", "")
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        # The whole bar again (its counts change at once), and the lists on the page refresh
        # their status tags ("entries-changed", the timesheet screens' event).
        response = render(
            request,
            "approval/_submit_button.html",
            {"error": error, "outcome": None if error else outcome, "monday": monday},
        )
        if not error:
            trigger_client_event(response, "entries-changed")
            trigger_client_event(response, "week-submitted")
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "Submitted %(counter)s entry of the week of %(day)s for approval.",
                "Submitted %(counter)s entries of the week of %(day)s for approval.",
                outcome.count,
            )
            % {"counter": outcome.count, "day": formats.date_format(monday, "j M Y")},
        )
    return redirect(_safe_next(request, week_view_url(monday)))


# --- Lock date ----------------------------------------------------------------------------------


class LockDateForm(forms.Form):
    lock_date = BoundedDateField(
        label=_("Lock date"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Entries on or before this date cannot be created, changed or deleted. Empty: no lock."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.TextInput,
        help_text=_("Needed when moving the date back or clearing it; kept in the audit log."),
    )


class SettingsForm(forms.Form):
    reminder_frequency = forms.ChoiceField(
        label=_("Reminder frequency"),
        choices=ReminderFrequency.choices,
        help_text=_("Missing-time reminders to members and pending-approval reminders to leads."),
    )
    approved_unbilled_days = forms.IntegerField(
        min_value=1,
        max_value=365,
        label=_("Flag approved, unbilled time after (days)"),
        help_text=_("Used by the weekly audit report."),
    )


@login_required
def lock_date(request):
    member = _member(request)
    if not member.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(gettext("Only an admin can set the lock date."))
    org = member.organisation
    settings_form = SettingsForm(
        initial={
            "reminder_frequency": org.reminder_frequency,
            "approved_unbilled_days": org.approved_unbilled_days,
        }
    )
    form = LockDateForm(initial={"lock_date": org.lock_date})
    if request.method == "POST" and request.POST.get("form") == "settings":
        settings_form = SettingsForm(request.POST)
        if settings_form.is_valid():
            try:
                approval.set_approval_settings(by=member, **settings_form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(settings_form, exc)
            else:
                messages.success(request, gettext("Settings saved."))
                return redirect("lock_date")
    elif request.method == "POST":
        form = LockDateForm(request.POST)
        if form.is_valid():
            try:
                unapproved = approval.set_lock_date(
                    form.cleaned_data["lock_date"], by=member, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                day = form.cleaned_data["lock_date"]
                if day is None:
                    messages.success(request, gettext("Lock date cleared: every period is open."))
                else:
                    messages.success(
                        request,
                        gettext("Locked up to %(day)s.")
                        % {"day": formats.date_format(day, "d M Y")},
                    )
                if unapproved:
                    messages.warning(
                        request,
                        ngettext(
                            "%(count)s entry on or before the lock date is not approved yet; it"
                            " can no longer change.",
                            "%(count)s entries on or before the lock date are not approved yet;"
                            " they can no longer change.",
                            unapproved,
                        )
                        % {"count": unapproved},
                    )
                return redirect("lock_date")
    today = timeutil.local_date(timeutil.now(), org.time_zone)
    return render(
        request,
        "approval/lock_date.html",
        {"form": form, "settings_form": settings_form, "current": org.lock_date, "today": today},
    )
