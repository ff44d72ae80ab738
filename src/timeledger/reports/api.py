"""Reports over the API. The weekly audit report: JSON, or CSV / XLSX with ``?export=``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.core.serializers import SafeDateField
from timeledger.reports import audit
from timeledger.reports.views import AuditReportForm, default_week, export_response


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
