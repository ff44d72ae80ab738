"""Reports over the API: the weekly audit (JSON, or CSV / XLSX with ``?export=``) and every report
of ``reports.registry`` under ``/api/reports/<name>/`` (JSON, or ``?format=csv|xlsx|pdf``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.core.models import Job
from timeledger.core.serializers import SafeDateField
from timeledger.reports import audit, background, exports, tasks
from timeledger.reports.filters import GROUPS
from timeledger.reports.registry import REPORTS
from timeledger.reports.table import plain
from timeledger.reports.views import (
    AuditReportForm,
    default_week,
    drill_url,
    export_response,
)


class FindingSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    message = serializers.CharField()
    member = serializers.CharField()
    member_id = serializers.IntegerField(allow_null=True)
    date = SafeDateField(allow_null=True)
    client = serializers.CharField()
    project = serializers.CharField()
    entry = serializers.IntegerField(source="entry_id", allow_null=True)
    hours = serializers.CharField()
    fix_url = serializers.SerializerMethodField()
    fix_label = serializers.CharField()
    in_week = serializers.SerializerMethodField()

    def get_in_week(self, obj) -> bool:
        return obj.in_week(self.context["monday"])

    def get_fix_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.fix_url)


class AuditReportView(APIView):
    """Findings of one week: filter by ``week`` (any day of it; default last week), ``client``,
    ``project``, ``member`` (ids). ``export=csv`` or ``export=xlsx`` returns a file."""

    permission_classes = [capability(Cap.VIEW_REPORTS, Cap.VIEW_REPORTS)]

    @extend_schema(
        parameters=[
            OpenApiParameter("week", OpenApiTypes.DATE),
            OpenApiParameter("client", OpenApiTypes.INT),
            OpenApiParameter("project", OpenApiTypes.INT),
            OpenApiParameter("member", OpenApiTypes.INT),
            OpenApiParameter(
                "earlier",
                OpenApiTypes.BOOL,
                description="false: only findings dated in the week (no backlogs of earlier weeks)",
            ),
            OpenApiParameter("export", OpenApiTypes.STR, enum=["csv", "xlsx"]),
        ],
        responses={
            200: inline_serializer(
                "AuditReport",
                {
                    "week": SafeDateField(),
                    "summary": inline_serializer(
                        "AuditReportCount",
                        {
                            "kind": serializers.CharField(),
                            "title": serializers.CharField(),
                            "count": serializers.IntegerField(),
                        },
                        many=True,
                    ),
                    "findings": FindingSerializer(many=True),
                },
            ),
            (200, "text/csv"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request):
        org = request.organisation
        form = AuditReportForm(request.query_params, organisation=org)
        if not form.is_valid():
            raise ValidationError(
                {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}
            )
        f = form.filters(default_week(org))
        items = audit.findings(org, f)
        fmt = request.query_params.get("export")
        if fmt:
            if fmt not in ("csv", "xlsx"):
                raise ValidationError({"export": ["Use csv or xlsx."]})
            return export_response(items, fmt, request, f)
        return Response(
            {
                "week": f.monday,
                "summary": [
                    {"kind": k, "title": t, "count": n} for k, t, n in audit.summary(items)
                ],
                "findings": FindingSerializer(
                    items, many=True, context={"request": request, "monday": f.monday}
                ).data,
            }
        )


extra_urls = [
    path("reports/audit/", AuditReportView.as_view(), name="api-report-audit"),
]


# --- the reports: ``/api/reports/<name>/`` (JSON, or ``?format=csv|xlsx|pdf``) -----------------


class _FileRenderer(BaseRenderer):
    """Lets ``?format=csv|xlsx|pdf`` through DRF's content negotiation; the view answers with
    the file itself."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CsvRenderer(_FileRenderer):
    media_type, format = "text/csv", "csv"


class XlsxRenderer(_FileRenderer):
    media_type, format = exports.CONTENT_TYPES["xlsx"], "xlsx"


class PdfRenderer(_FileRenderer):
    media_type, format = "application/pdf", "pdf"


class ReportView(APIView):
    """One report: ``date_from``, ``date_to`` (default this month), ``client``, ``project``,
    ``member``, ``team`` (a project: its team), ``billable``, ``group``, ``project_type``,
    ``target`` (utilisation); ``page`` and ``page_size`` page the rows; ``format=csv|xlsx|pdf``
    returns the same table as a file."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CsvRenderer, XlsxRenderer, PdfRenderer]
    report_name = ""

    @extend_schema(
        parameters=[
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("client", OpenApiTypes.INT),
            OpenApiParameter("project", OpenApiTypes.INT),
            OpenApiParameter("member", OpenApiTypes.INT),
            OpenApiParameter("team", OpenApiTypes.INT),
            OpenApiParameter("billable", OpenApiTypes.BOOL),
            OpenApiParameter("group", OpenApiTypes.STR, enum=list(GROUPS)),
            OpenApiParameter("project_type", OpenApiTypes.STR),
            OpenApiParameter("target", OpenApiTypes.DECIMAL),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(exports.FORMATS)),
        ],
        responses={200: OpenApiTypes.OBJECT, (200, "text/csv"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        member = getattr(request, "member", None)
        if member is None:
            raise PermissionDenied("No organisation.")
        report, f = background.report_for(member, self.report_name, request.query_params)
        fmt = request.query_params.get("format")
        if fmt:
            if fmt not in exports.FORMATS:
                raise ValidationError({"format": ["Use csv, xlsx or pdf."]})
            body = exports.render(report, fmt, subtitle=f"{f.date_from} – {f.date_to}")
            response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
            name = exports.filename(report, fmt, f)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        page, size = _page(request.query_params)
        rows = report.rows[(page - 1) * size : page * size]
        return Response(
            {
                "report": report.name,
                "title": report.title,
                "filters": f.query() | {"group": f.group},
                "columns": [
                    {"key": c.key, "label": c.label, "kind": c.kind} for c in report.columns
                ],
                "count": len(report.rows),
                "page": page,
                "page_size": size,
                "rows": [_row(report, r, f, request) for r in rows],
                "chart": _chart(report),
                "summary": [{k: plain(v) for k, v in s.items()} for s in report.summary],
                "extra": _plain_deep(report.extra),
            }
        )


def _page(params) -> tuple[int, int]:
    errors = {}
    values = []
    for key, default, top in (("page", 1, 10**6), ("page_size", 500, 5000)):
        raw = params.get(key, "")
        if raw == "":
            values.append(default)
        elif not raw.isdigit() or not 1 <= int(raw) <= top:
            errors[key] = [f"Give a whole number from 1 to {top}."]
        else:
            values.append(int(raw))
    if errors:
        raise ValidationError(errors)
    return values[0], values[1]


def _row(report, row: dict, f, request) -> dict:
    out = {c.key: plain(row.get(c.key)) for c in report.columns}
    if row.get("drill"):
        out["entries_url"] = request.build_absolute_uri(drill_url(f, row["drill"]))
    if row.get("link"):  # approve the week, the client's invoices
        out["link"] = request.build_absolute_uri(row["link"])
    return out


def _chart(report) -> dict | None:
    chart = report.chart
    if chart is None:
        return None
    return {
        "kind": chart.kind,
        "unit": chart.unit,
        "categories": chart.categories,
        "series": [{"name": s.name, "values": [plain(v) for v in s.values]} for s in chart.series],
        "target": plain(chart.target),
    }


def _plain_deep(value):
    if isinstance(value, dict):
        return {k: _plain_deep(v) for k, v in value.items()}
    return plain(value)


def _report_view(name: str):
    return type(f"Report{name.title().replace('-', '')}View", (ReportView,), {"report_name": name})


extra_urls += [
    path(f"reports/{name}/", _report_view(name).as_view(), name=f"api-report-{name}")
    for name in REPORTS
]


# --- exports in the background (``reports.background``) ------------------------------------------


class ExportJobSerializer(serializers.ModelSerializer):
    report = serializers.SerializerMethodField()
    format = serializers.SerializerMethodField()
    percent = serializers.IntegerField(read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id", "report", "format", "status", "done", "total", "percent", "message", "error",
            "filename", "file_url", "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_report(self, obj) -> str:
        return obj.params.get("report", "")

    def get_format(self, obj) -> str:
        return obj.params.get("format", "")

    def get_file_url(self, obj) -> str | None:
        if obj.status != Job.Status.DONE or not obj.file:
            return None
        return self.context["request"].build_absolute_uri(f"/api/reports/exports/{obj.pk}/file/")


class ExportRequestSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(exports.FORMATS))
    filters = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="The report's query parameters (date_from, date_to, client, project, …).",
    )


def _member(request):
    member = getattr(request, "member", None)
    if member is None:
        raise PermissionDenied("No organisation.")
    return member


class ReportExportStartView(APIView):
    """Start an export of one report as a file, computed by a worker: answers 202 with the job;
    poll ``/api/reports/exports/<id>/`` until ``status`` is ``done``, then fetch ``file_url``."""

    report_name = ""

    @extend_schema(request=ExportRequestSerializer, responses={202: ExportJobSerializer})
    def post(self, request):
        member = _member(request)
        body = ExportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filters = dict(body.validated_data.get("filters") or {})
        job = background.start_export(
            member, self.report_name, filters, body.validated_data["format"]
        )
        transaction.on_commit(lambda: tasks.export_report.delay(job.pk))
        job.refresh_from_db()  # in-process (no broker) it has run already
        return Response(
            ExportJobSerializer(job, context={"request": request}).data,
            status=http.HTTP_202_ACCEPTED,
        )


def _own_job(request, pk: int) -> Job:
    member = _member(request)
    job = Job.objects.filter(
        pk=pk, organisation=member.organisation, kind=background.KIND, started_by=request.user
    ).first()
    if job is None:
        raise Http404
    return job


class ReportExportView(APIView):
    """An export's progress (``done`` of ``total`` steps, ``percent``) and, once done, its file."""

    @extend_schema(responses={200: ExportJobSerializer})
    def get(self, request, pk: int):
        job = _own_job(request, pk)
        return Response(ExportJobSerializer(job, context={"request": request}).data)


class ReportExportFileView(APIView):
    """The file an export made (404 until it is done)."""

    renderer_classes = [JSONRenderer, CsvRenderer, XlsxRenderer, PdfRenderer]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        job = _own_job(request, pk)
        if job.status != Job.Status.DONE or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=job.content_type,
        )


extra_urls += [
    path(
        f"reports/{name}/export/",
        type(
            f"Report{name.title().replace('-', '')}ExportStartView",
            (ReportExportStartView,),
            {"report_name": name},
        ).as_view(),
        name=f"api-report-{name}-export",
    )
    for name in REPORTS
] + [
    path("reports/exports/<int:pk>/", ReportExportView.as_view(), name="api-report-export"),
    path(
        "reports/exports/<int:pk>/file/",
        ReportExportFileView.as_view(),
        name="api-report-export-file",
    ),
]
