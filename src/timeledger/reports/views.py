"""Report screens. The weekly audit report: findings with links to their fix; CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import spreadsheet, timeutil
from timeledger.core.forms import DateField as BoundedDateField
from timeledger.core.forms import DateInput
from timeledger.projects.models import Project
from timeledger.reports import audit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuditReportForm(forms.Form):
    """The report's filters; every choice is limited to the organisation."""

    week = BoundedDateField(
        required=False,
        widget=DateInput(),
        help_text="Any day of the week.",
    )
    client = forms.ModelChoiceField(queryset=Client.objects.none(), required=False)
    project = forms.ModelChoiceField(queryset=Project.objects.none(), required=False)
    member = forms.ModelChoiceField(queryset=Member.objects.none(), required=False)

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
            week=timeutil.week_start(data.get("week") or default_week),
            client_id=data["client"].pk if data.get("client") else None,
            project_id=data["project"].pk if data.get("project") else None,
            member_id=data["member"].pk if data.get("member") else None,
        )


def default_week(organisation) -> dt.date:
    """Last week: the one an audit is usually about."""
    today = timeutil.local_date(timeutil.now(), organisation.time_zone)
    return timeutil.week_start(today) - dt.timedelta(days=7)


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
    f = audit.Filters(week=week)
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
