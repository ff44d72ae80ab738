"""Report screens. The weekly audit report: findings with links to their fix; CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import spreadsheet, timeutil
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.core.forms import DateInput
from timeledger.core.money import format_money
from timeledger.projects.models import Project
from timeledger.reports import audit, charts, exports
from timeledger.reports.filters import FilterForm, Filters, scope_for, today_of
from timeledger.reports.registry import REPORTS, may_open, run, visible_reports
from timeledger.reports.table import MONEY, PERCENT
from timeledger.timesheets.models import EntryStatus, TimeEntry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuditReportForm(forms.Form):
    """The report's filters; every choice is limited to the organisation."""

    week = BoundedDateField(
        label=_("Week"),
        required=False,
        widget=DateInput(),
        help_text=_("Any day of the week."),
    )
    client = forms.ModelChoiceField(
        label=_("Client"), queryset=Client.objects.none(), required=False
    )
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), required=False
    )
    earlier = forms.TypedChoiceField(
        label=_("Earlier weeks"),
        choices=[
            ("true", _("with backlogs of earlier weeks")),
            ("false", _("this week's dates only")),
        ],
        coerce=lambda v: v == "true",
        required=False,
        empty_value=True,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["client"].queryset = Client.objects.filter(organisation=organisation)
        self.fields["project"].queryset = Project.objects.filter(organisation=organisation)
        self.fields["member"].queryset = Member.objects.filter(
            organisation=organisation
        ).select_related("user")

    def filters(self, default_week: dt.date) -> audit.Filters:
        data = self.cleaned_data
        return audit.Filters(
            week=timeutil.week_start(
                data.get("week") or default_week, self.organisation.week_start
            ),
            first_day=self.organisation.week_start,
            client_id=data["client"].pk if data.get("client") else None,
            project_id=data["project"].pk if data.get("project") else None,
            member_id=data["member"].pk if data.get("member") else None,
            earlier=data.get("earlier", True),
        )


def default_week(organisation) -> dt.date:
    """Last week: the one an audit is usually about."""
    today = timeutil.local_date(timeutil.now(), organisation.time_zone)
    return timeutil.week_start(today, organisation.week_start) - dt.timedelta(days=7)


def require_reports(request) -> Member:
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    if not member.can(Cap.VIEW_REPORTS):
        raise PermissionDenied("Your role cannot see reports.")
    return member


def export_response(items, fmt: str, request, f: audit.Filters) -> HttpResponse:
    name = f"audit-{f.monday:%G-W%V}"
    table = audit.rows(items, request.build_absolute_uri)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = spreadsheet.csv_writer(buffer)
        writer.writerow(audit.COLUMNS)
        writer.writerows(table)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        wb = Workbook()
        ws = wb.active
        ws.title = f"Audit {f.monday:%G-W%V}"
        spreadsheet.xlsx_append(ws, audit.COLUMNS)
        for row in table:
            spreadsheet.xlsx_append(ws, row)
            link = ws.cell(row=ws.max_row, column=len(audit.COLUMNS))
            link.hyperlink = link.value
        ws.freeze_panes = "A2"
        for i, width in enumerate([34, 22, 12, 10, 12, 8, 7, 70, 50], start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    else:
        raise Http404("unknown export format")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def audit_report(request, fmt: str | None = None):
    member = require_reports(request)
    org = member.organisation
    form = AuditReportForm(request.GET, organisation=org)
    items: list[audit.Finding] = []
    week = default_week(org)
    f = audit.Filters(week=week, first_day=org.week_start)
    if form.is_valid():
        f = form.filters(week)
        items = audit.findings(org, f)
        if fmt:
            return export_response(items, fmt, request, f)
    context = {
        "form": form,
        "filters": f,
        "items": items,
        "summary": audit.summary(items),
        "query": request.GET.urlencode(),
        "prev_week": f.monday - dt.timedelta(days=7),
        "next_week": f.monday + dt.timedelta(days=7),
        "unbilled_days": org.approved_unbilled_days,
    }
    template = "reports/_audit_findings.html" if request.htmx else "reports/audit.html"
    return render(request, template, context)


# --- the reports: one page per report, its exports, and the entries behind a figure ------------


def report_filters(member, params) -> tuple[FilterForm, Filters | None]:
    """Parse a page's, the API's or the CLI's query into the report's filters."""
    form = FilterForm(params, member=member, today=today_of(member.organisation))
    return form, (form.filters() if form.is_valid() else None)


def target_of(params) -> Decimal | None:
    raw = params.get("target")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 200:
        raise ValidationError({"target": ["Give a percentage between 0 and 200."]})
    return value


def display(value, kind: str, currency: str = "") -> str:
    """A cell as the page shows it (hours as decimal hours, money in its currency)."""
    if value is None or value == "":
        return ""
    if kind == MONEY and isinstance(value, Decimal) and currency:
        return format_money(value, currency, language=translation.get_language())
    if kind == PERCENT:
        return f"{value} %"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def drill_url(f: Filters, drill: dict) -> str:
    """The entries behind a row: the report's filters narrowed by the row's own."""
    if not drill:
        return ""
    query = {**f.query(), **{k: str(v) for k, v in drill.items()}}
    return reverse("report_entries") + "?" + urlencode({k: v for k, v in query.items() if v != ""})


@login_required
def report_page(request, name: str, fmt: str | None = None):
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    spec = REPORTS.get(name)
    if spec is None:
        raise Http404("no such report")
    if not may_open(spec, member):
        raise PermissionDenied("Your role cannot see this report.")
    form, f = report_filters(member, request.GET)
    if f is not None and not request.GET.get("group"):
        f = f.narrowed(group=spec.default_group)
    report = None
    error = ""
    if f is not None:
        try:
            report = run(
                name, member, f, today=today_of(member.organisation), target=target_of(request.GET)
            )
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    if fmt:
        if report is None:
            raise Http404("bad filters")
        body = exports.render(report, fmt, subtitle=_subtitle(f))
        response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.filename(report, fmt, f)}"'
        )
        return response
    context = {
        "spec": spec,
        "reports": visible_reports(member),
        "form": form,
        "filters": f,
        "report": report,
        "error": error,
        "chart": charts.svg(report.chart, title=report.title) if report else "",
        "rows": _page_rows(report, f) if report else [],
        "query": request.GET.urlencode(),
        "subtitle": _subtitle(f) if f else "",
    }
    return render(request, "reports/report.html", context)


def _subtitle(f: Filters) -> str:
    return f"{f.date_from.isoformat()} – {f.date_to.isoformat()}"


def _page_rows(report, f: Filters) -> list[dict]:
    out = []
    for row in report.rows:
        cur = row.get("currency", "")
        kind_of = row.get("kind")
        cells = [
            display(row.get(c.key), kind_of if c.key == "value" and kind_of else c.kind, cur)
            for c in report.columns
        ]
        link = row.get("link") or ""
        if row.get("report"):
            link = reverse("report_page", args=[row["report"]]) + "?" + urlencode(f.query())
        out.append({"cells": cells, "drill": drill_url(f, row.get("drill") or {}), "link": link})
    return out


@login_required
def reports_home(request):
    return report_page(request, "dashboard")


@login_required
def report_entries(request):
    """The entries behind a figure, in the asker's scope (members: their own)."""
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    if not (member.can(Cap.VIEW_REPORTS) or member.can(Cap.LOG_TIME)):
        raise PermissionDenied("Your role cannot see time entries.")
    form, f = report_filters(member, request.GET)
    scope = scope_for(member)
    items = []
    if f is not None:
        qs = TimeEntry.objects.filter(scope.entries_q()).filter(
            f.entries_q(dates=bool(request.GET.get("date_from")))
        )
        if not request.GET.get("date_from"):
            qs = qs.filter(date__lte=f.date_to)
        for key, field_name in (("task", "task_id"), ("phase", "task__phase_id")):
            raw = request.GET.get(key, "")
            if raw.isdigit():
                qs = qs.filter(**{field_name: int(raw)})
        status = request.GET.get("status", "")
        if status in EntryStatus.values:
            qs = qs.filter(status=status)
        items = list(
            qs.select_related("member__user", "project", "task").order_by("-date", "-id")[:500]
        )
    return render(
        request,
        "reports/entries.html",
        {"form": form, "items": items, "money": scope.money, "reports": visible_reports(member)},
    )
