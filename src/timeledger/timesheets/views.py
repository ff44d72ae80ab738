"""Time screens: header timer, today and week lists, manual entries, the weekly grid.

Each view parses input, calls one service and renders. htmx requests get fragments; the same URLs
work without JavaScript (full pages and redirects).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import scoped
from timeledger.core import timeutil
from timeledger.core.forms import apply_service_errors, save_with
from timeledger.projects.models import Project, Task
from timeledger.timesheets import selectors, services
from timeledger.timesheets.forms import WORK_ALIASES, EntryForm, TimerForm, work_value
from timeledger.timesheets.models import EntryStatus, TimeEntry

ENTRIES_CHANGED = "entries-changed"


def _member(request):
    if getattr(request, "member", None) is None:
        raise Http404("no organisation")
    return request.member


def _today(member) -> dt.date:
    return timeutil.local_date(timeutil.now(), member.timezone)


def _day_param(request, name: str, default: dt.date) -> dt.date:
    raw = request.GET.get(name) or request.POST.get(name)
    if not raw:
        return default
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404("bad date") from None


# --- Timer ------------------------------------------------------------------------------------


def timer_context(request, form: TimerForm | None = None) -> dict:
    member = request.member
    running = services.running_timer(member) if member.can(Cap.LOG_TIME) else None
    if form is None:
        form = TimerForm(organisation=member.organisation, member=member)
    elapsed = timeutil.duration_seconds(running.start, timeutil.now()) if running else 0
    return {
        "running": running,
        "elapsed": max(elapsed, 0),
        "timer_form": form,
        "can_log": member.can(Cap.LOG_TIME),
        "tz": member.timezone,
    }


def _timer_response(request, form: TimerForm | None = None, *, changed: bool = False):
    if not request.htmx:
        return redirect(request.POST.get("next") or reverse("today"))
    response = render(request, "timesheets/partials/timer_panel.html", timer_context(request, form))
    if changed:
        trigger_client_event(response, ENTRIES_CHANGED)
    return response


@login_required
@require_GET
def timer(request):
    _member(request)
    return render(request, "timesheets/partials/timer_panel.html", timer_context(request))


def _timer_action(request, action):
    member = _member(request)
    form = TimerForm(request.POST, organisation=member.organisation, member=member)

    def save(data):
        project, task = data["work"]
        return action(project, by=member, task=task, description=data["description"])

    if save_with(form, save, WORK_ALIASES) is None:
        if not request.htmx:
            return render(
                request,
                "timesheets/timer_page.html",
                timer_context(request, form),
                status=400,
            )
        return _timer_response(request, form)
    return _timer_response(request, changed=True)


@login_required
@require_POST
def timer_start(request):
    return _timer_action(request, services.start_timer)


@login_required
@require_POST
def timer_switch(request):
    return _timer_action(request, services.switch_timer)


@login_required
@require_POST
def timer_stop(request):
    member = _member(request)
    form = TimerForm(organisation=member.organisation, member=member)
    try:
        services.stop_timer(by=member)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _timer_response(request, form)
    return _timer_response(request, changed=True)


@login_required
@require_POST
def timer_restart(request, pk: int):
    """▶ on an entry: start again on what it was (one click; the running timer stops first)."""
    member = _member(request)
    entry = get_object_or_404(scoped(TimeEntry, request).filter(member=member), pk=pk)
    form = TimerForm(organisation=member.organisation, member=member)
    try:
        services.restart_timer(entry, by=member)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _timer_response(request, form)
    return _timer_response(request, changed=True)


def _instant(raw: str, field: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        raise ValidationError(
            {field: [gettext("Give an ISO 8601 instant with its offset.")]}
        ) from None
    if value.tzinfo is None:
        raise ValidationError({field: [gettext("Give an ISO 8601 instant with its offset.")]})
    return value.replace(microsecond=0)


@login_required
@require_POST
def timer_offline_sync(request):
    """A timer the browser ran offline (app.js keeps it, the service worker keeps the pages):
    POST ``work``, ``description``, ``start``, ``end``; stored once however often it is sent.
    Answers JSON: 201 stored, 200 stored before, 400 in the API's error shape."""
    member = _member(request)
    form = TimerForm(request.POST, organisation=member.organisation, member=member)
    try:
        if not form.is_valid():
            raise ValidationError({field: list(msgs) for field, msgs in form.errors.items()})
        project, task = form.cleaned_data["work"]
        data = services.EntryInput(
            project=project,
            task=task,
            description=form.cleaned_data["description"],
            start=_instant(request.POST.get("start"), "start"),
            end=_instant(request.POST.get("end"), "end"),
        )
        entry, created = services.log_offline_timer(data, by=member)
    except ValidationError as exc:
        fields = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        message = " ".join(m for msgs in fields.values() for m in msgs)
        return JsonResponse({"error": "invalid", "message": message, "fields": fields}, status=400)
    response = JsonResponse({"id": entry.pk, "created": created}, status=201 if created else 200)
    return trigger_client_event(response, ENTRIES_CHANGED)


@require_GET
def service_worker(request):
    """The service worker, from the site's root so its scope is the whole app."""
    response = render(request, "pwa/sw.js", content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def web_manifest(request):
    return render(request, "pwa/manifest.webmanifest", content_type="application/manifest+json")


# --- Today and week ---------------------------------------------------------------------------


def _days_context(member, days: list[dt.date]) -> dict:
    entries = (
        scoped_entries_of(member)
        .filter(date__gte=days[0], date__lte=days[-1])
        .select_related("project", "task", "client")
        .order_by("date", "start", "id")
    )
    by_day = {d: [] for d in days}
    for entry in entries:
        by_day[entry.date].append(entry)
    day_rows = [
        {
            "date": d,
            "entries": by_day[d],
            "total": sum(e.seconds for e in by_day[d] if not e.is_running),
            "billable": sum(e.seconds for e in by_day[d] if e.is_billable and not e.is_running),
        }
        for d in days
    ]
    return {
        "day_rows": day_rows,
        "total": sum(r["total"] for r in day_rows),
        "billable_total": sum(r["billable"] for r in day_rows),
        "tz": member.timezone,
    }


def scoped_entries_of(member):
    """The member's own entries (the timesheet screens show one person's time)."""
    return TimeEntry.objects.filter(organisation=member.organisation, member=member)


def _new_entry_form(member, day: dt.date, after: TimeEntry | None = None) -> EntryForm:
    initial = {"date": day}
    if after is not None:
        # The next entry is usually on the same work: keep the project/task picked.
        initial["work"] = work_value(after.project_id, after.task_id)
    return EntryForm(
        organisation=member.organisation,
        member=member,
        tz_name=member.timezone,
        initial=initial,
    )


def _whose(request):
    """Whose time a list shows: the viewer's own, or (roles that see all time) a colleague's
    chosen with ``?member=``; another organisation's member is a 404."""
    viewer = _member(request)
    raw = request.GET.get("member", "")
    if not raw or raw == str(viewer.pk):
        return viewer
    if not viewer.can(Cap.VIEW_ALL_TIME) or not raw.isdigit():
        raise Http404("not your timesheet")
    return get_object_or_404(
        scoped(Member, request).select_related("user").filter(is_active=True), pk=int(raw)
    )


def _viewer_context(request, shown) -> dict:
    viewer = request.member
    own = shown.pk == viewer.pk
    return {
        "shown_member": shown,
        "is_own": own,
        "can_edit": own or viewer.can(Cap.EDIT_ALL_TIME),
        "team": (
            scoped(Member, request).filter(is_active=True).select_related("user")
            if viewer.can(Cap.VIEW_ALL_TIME)
            else []
        ),
        "member_query": "" if own else f"&member={shown.pk}",
    }


@login_required
@require_GET
def today(request):
    member = _whose(request)
    day = _day_param(request, "date", _today(member))
    context = _days_context(member, [day])
    context.update(
        day=day,
        prev_day=day - dt.timedelta(days=1),
        next_day=day + dt.timedelta(days=1),
        is_today=day == _today(member),
        form=_new_entry_form(request.member, day),
        keep=[("date", day.isoformat())],
        recent=selectors.recent_work(member) if member.pk == request.member.pk else [],
        **_viewer_context(request, member),
    )
    return render(request, "timesheets/today.html", context)


@login_required
@require_GET
def week(request):
    member = _whose(request)
    monday = timeutil.week_start(
        _day_param(request, "week", _today(member)), member.organisation.week_start
    )
    context = _days_context(member, timeutil.week_days(monday))
    context.update(
        monday=monday,
        sunday=monday + dt.timedelta(days=6),
        prev_week=monday - dt.timedelta(days=7),
        next_week=monday + dt.timedelta(days=7),
        this_week=timeutil.week_start(_today(member), member.organisation.week_start),
        form=_new_entry_form(request.member, _today(request.member)),
        keep=[("week", monday.isoformat())],
        **_viewer_context(request, member),
    )
    return render(request, "timesheets/week.html", context)


# --- Manual entries ---------------------------------------------------------------------------


def _editable_entry(request, pk: int) -> TimeEntry:
    """An entry of this organisation the member may change (own, or anyone's with EDIT_ALL_TIME)."""
    member = _member(request)
    qs = scoped(TimeEntry, request).select_related("project", "task", "member__user")
    if not member.can(Cap.EDIT_ALL_TIME):
        qs = qs.filter(member=member)
    return get_object_or_404(qs, pk=pk)


def _week_url(day: dt.date, organisation) -> str:
    first = timeutil.week_start(day, organisation.week_start)
    return f"{reverse('week')}?week={first.isoformat()}"


@login_required
def entry_new(request):
    member = _member(request)
    if request.method != "POST":
        day = _day_param(request, "date", _today(member))
        return render(request, "timesheets/entry_page.html", {"form": _new_entry_form(member, day)})
    form = EntryForm(
        request.POST, organisation=member.organisation, member=member, tz_name=member.timezone
    )
    entry = save_with(
        form, lambda _: services.create_entry(form.to_input(), by=member), WORK_ALIASES
    )
    if entry is None:
        template = (
            "timesheets/partials/entry_form.html" if request.htmx else "timesheets/entry_page.html"
        )
        return render(request, template, {"form": form}, status=200 if request.htmx else 400)
    if not request.htmx:
        return redirect(_week_url(entry.date, request.organisation))
    response = render(
        request,
        "timesheets/partials/entry_form.html",
        {"form": _new_entry_form(member, entry.date, after=entry), "saved": entry},
    )
    return trigger_client_event(response, ENTRIES_CHANGED)


@login_required
def entry_edit(request, pk: int):
    member = _member(request)
    entry = _editable_entry(request, pk)
    tz = entry.member.timezone
    if request.method != "POST":
        form = EntryForm(organisation=member.organisation, tz_name=tz, entry=entry)
        template = (
            "timesheets/partials/entry_form.html" if request.htmx else "timesheets/entry_page.html"
        )
        return render(request, template, {"form": form, "entry": entry})
    form = EntryForm(request.POST, organisation=member.organisation, tz_name=tz, entry=entry)
    saved = save_with(
        form, lambda _: services.update_entry(entry, form.to_input(), by=member), WORK_ALIASES
    )
    if saved is None:
        template = (
            "timesheets/partials/entry_form.html" if request.htmx else "timesheets/entry_page.html"
        )
        return render(
            request, template, {"form": form, "entry": entry}, status=200 if request.htmx else 400
        )
    if not request.htmx:
        return redirect(_week_url(saved.date, request.organisation))
    return trigger_client_event(HttpResponse(""), ENTRIES_CHANGED)


@login_required
@require_POST
def entry_delete(request, pk: int):
    member = _member(request)
    entry = _editable_entry(request, pk)
    try:
        services.delete_entry(entry, by=member)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if request.htmx:
            return HttpResponse(format_html('<p class="error" role="alert">{}</p>', message))
        messages.error(request, message)
        return redirect(_week_url(entry.date, request.organisation))
    if not request.htmx:
        return redirect(_week_url(entry.date, request.organisation))
    return trigger_client_event(HttpResponse(""), ENTRIES_CHANGED)


# --- Weekly grid ------------------------------------------------------------------------------


def _grid_row(member, monday: dt.date, project, task) -> dict:
    days = timeutil.week_days(monday)
    cells = {d: 0 for d in days}
    for entry in scoped_entries_of(member).filter(
        project=project, task=task, date__gte=days[0], date__lte=days[-1]
    ):
        if not entry.is_running:
            cells[entry.date] += entry.seconds
    return {
        "project": project,
        "task": task,
        "cells": cells,
        "total": sum(cells.values()),
        "key": f"{project.pk}-{task.pk if task else 0}",
    }


# The entry states as the week, grid and approvals pages write them (``{% translate status %}``),
# marked here for the catalogues.
STATUS_WORDS = (
    gettext_noop("draft"),
    gettext_noop("submitted"),
    gettext_noop("approved"),
    gettext_noop("invoiced"),
    gettext_noop("rejected"),
    gettext_noop("Draft"),
    gettext_noop("Submitted"),
    gettext_noop("Approved"),
    gettext_noop("Invoiced"),
    gettext_noop("Rejected"),
)


def _frozen_cells(member, monday: dt.date) -> dict:
    """Why a grid cell is read-only, by (project id, task id, day): it holds submitted, approved
    or invoiced time, or its day is on or before the lock date (the services refuse changes
    there; the grid says so instead of letting one type)."""
    days = timeutil.week_days(monday)
    frozen: dict = {}
    for project_id, task_id, day, status in (
        scoped_entries_of(member)
        .filter(date__gte=days[0], date__lte=days[-1])
        .exclude(status__in=(EntryStatus.DRAFT, EntryStatus.REJECTED))
        .values_list("project_id", "task_id", "date", "status")
    ):
        frozen[(project_id, task_id or 0, day)] = gettext(EntryStatus(status).label.lower())
    lock = member.organisation.lock_date
    if lock is not None:
        for day in days:
            if day <= lock:
                frozen[("lock", day)] = gettext("locked up to %(date)s") % {
                    "date": formats.date_format(lock, "d M Y")
                }
    return frozen


def _grid_cells(
    row: dict,
    errors: dict | None = None,
    typed: dict | None = None,
    frozen: dict | None = None,
    notes: dict | None = None,
) -> list[dict]:
    errors, typed, frozen, notes = errors or {}, typed or {}, frozen or {}, notes or {}
    project_id, task_id = row["project"].pk, row["task"].pk if row["task"] else 0
    return [
        {
            "date": d,
            "seconds": s,
            "value": typed.get(d, timeutil.format_hours(s) if s else ""),
            "error": errors.get(d, ""),
            "frozen": frozen.get(("lock", d)) or frozen.get((project_id, task_id, d), ""),
            "note": notes.get((project_id, task_id, d), ""),
        }
        for d, s in row["cells"].items()
    ]


def _grid_totals(member, monday: dt.date) -> dict:
    grid = selectors.week_grid(member, monday)
    return {"days": grid["days"], "day_totals": grid["day_totals"], "total": grid["total"]}


@login_required
@require_GET
def grid(request):
    member = _member(request)
    monday = timeutil.week_start(
        _day_param(request, "week", _today(member)), member.organisation.week_start
    )
    data = selectors.week_grid(member, monday)
    rows = list(data["rows"])
    if request.GET.get("copy") == "previous":
        # Harvest's "copy rows from last week": the rows only, never the hours.
        present = {(r["project"].pk, r["task"].pk if r["task"] else None) for r in rows}
        for prev in selectors.week_grid(member, monday - dt.timedelta(days=7))["rows"]:
            key = (prev["project"].pk, prev["task"].pk if prev["task"] else None)
            if key not in present and prev["project"].is_open_for_time:
                rows.append(_grid_row(member, monday, prev["project"], prev["task"]))
    frozen = _frozen_cells(member, monday)
    notes = selectors.cell_notes(member, monday)
    for row in rows:
        row["key"] = f"{row['project'].pk}-{row['task'].pk if row['task'] else 0}"
        row["cell_list"] = _grid_cells(row, frozen=frozen, notes=notes)
    return render(
        request,
        "timesheets/grid.html",
        {
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "prev_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "this_week": timeutil.week_start(_today(member), member.organisation.week_start),
            "days": data["days"],
            "rows": rows,
            "day_totals": [data["day_totals"][d] for d in data["days"]],
            "total": data["total"],
            "add_form": TimerForm(organisation=member.organisation, member=member),
            "today": _today(member),
        },
    )


def _grid_target(request, project_raw: str, task_raw: str):
    """Project and task of a grid row, scoped to the organisation (404 for anyone else's)."""
    try:
        project_id, task_id = int(project_raw), int(task_raw or "0")
    except ValueError:
        raise Http404("bad row") from None
    project = get_object_or_404(scoped(Project, request).select_related("client"), pk=project_id)
    task = (
        get_object_or_404(scoped(Task, request), pk=task_id, project=project) if task_id else None
    )
    return project, task


@login_required
@require_GET
def grid_row(request):
    """A blank (or current) row for a project/task chosen in the "add row" select."""
    member = _member(request)
    project_id, _, task_id = request.GET.get("work", "").partition(":")
    project, task = _grid_target(request, project_id, task_id)
    monday = timeutil.week_start(
        _day_param(request, "week", _today(member)), member.organisation.week_start
    )
    row = _grid_row(member, monday, project, task)
    row["cell_list"] = _grid_cells(
        row, frozen=_frozen_cells(member, monday), notes=selectors.cell_notes(member, monday)
    )
    return render(request, "timesheets/partials/grid_row.html", {"row": row, "monday": monday})


@login_required
@require_POST
def grid_cell(request):
    """Save one cell: the day's total for that project/task becomes what was typed."""
    member = _member(request)
    project, task = _grid_target(
        request, request.POST.get("project", ""), request.POST.get("task", "")
    )
    day = _day_param(request, "date", _today(member))
    monday = timeutil.week_start(day, member.organisation.week_start)
    raw = request.POST.get("value", "").strip()
    error = ""
    try:
        seconds = timeutil.parse_duration(raw) if raw else 0
        services.set_cell_seconds(project, task, day, seconds, by=member)
    except ValueError as exc:
        error = str(exc)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    row = _grid_row(member, monday, project, task)
    row["cell_list"] = _grid_cells(
        row,
        errors={day: error} if error else None,
        typed={day: raw} if error else None,
        frozen=_frozen_cells(member, monday),
        notes=selectors.cell_notes(member, monday),
    )
    context = {"row": row, "monday": monday, "oob_totals": True}
    context.update(_grid_totals(member, monday))
    context["day_total_list"] = [context["day_totals"][d] for d in context["days"]]
    response = render(request, "timesheets/partials/grid_row.html", context)
    if not error:
        trigger_client_event(response, ENTRIES_CHANGED)
    return response


@login_required
@require_POST
def grid_note(request):
    """Save a cell's note (the description of the cell's entry, see ``set_cell_note``); answers
    the row, as a cell does. Without htmx: back to the grid's week."""
    member = _member(request)
    project, task = _grid_target(
        request, request.POST.get("project", ""), request.POST.get("task", "")
    )
    day = _day_param(request, "date", _today(member))
    monday = timeutil.week_start(day, member.organisation.week_start)
    error = ""
    try:
        services.set_cell_note(project, task, day, request.POST.get("note", ""), by=member)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('grid')}?week={monday.isoformat()}")
    row = _grid_row(member, monday, project, task)
    row["cell_list"] = _grid_cells(
        row,
        errors={day: error} if error else None,
        frozen=_frozen_cells(member, monday),
        notes=selectors.cell_notes(member, monday),
    )
    response = render(request, "timesheets/partials/grid_row.html", {"row": row, "monday": monday})
    if not error:
        trigger_client_event(response, ENTRIES_CHANGED)
    return response
