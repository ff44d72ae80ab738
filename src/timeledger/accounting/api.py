"""REST API of the accounting hand-off: ``/api/accounting/exports/`` (POST ``format``,
``date_from``, ``date_to``, ``everything``; GET lists them; ``{id}/download/`` the file) and
``/api/accounting/mapping/`` (GET, PATCH)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.response import Response

from timeledger.accounting import services
from timeledger.accounting.models import AccountingExport, AccountMapping, ExportFormat
from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.core.api import is_schema_request
from timeledger.core.serializers import ModelSerializer, SafeDateField

BILLING = capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)


class ExportSerializer(ModelSerializer):
    class Meta:
        model = AccountingExport
        fields = [
            "id",
            "format",
            "date_from",
            "date_to",
            "everything",
            "file_name",
            "documents",
            "sha256",
            "created_at",
        ]
        read_only_fields = fields


class ExportInput(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    date_from = SafeDateField()
    date_to = SafeDateField()
    everything = serializers.BooleanField(default=False)


class ExportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = AccountingExport.objects.none()
    serializer_class = ExportSerializer
    permission_classes = [BILLING]
    filterset_fields = ["format"]

    def get_queryset(self):
        if is_schema_request(self):
            return AccountingExport.objects.none()
        return services.exports(self.request.organisation)

    @extend_schema(request=ExportInput, responses={201: ExportSerializer})
    def create(self, request, *args, **kwargs):
        s = ExportInput(data=request.data)
        s.is_valid(raise_exception=True)
        export = services.export(by=request.member, **s.validated_data)
        return Response(ExportSerializer(export).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: OpenApiResponse(description="The export file")})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        export = self.get_object()
        content, content_type = services.file_of(export)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        return response


class MappingSerializer(ModelSerializer):
    class Meta:
        model = AccountMapping
        fields = services.MAPPING_FIELDS


@extend_schema(methods=["GET"], responses=MappingSerializer, operation_id="accounting_mapping_read")
@extend_schema(
    methods=["PATCH"],
    request=MappingSerializer,
    responses=MappingSerializer,
    operation_id="accounting_mapping_update",
)
@api_view(["GET", "PATCH"])
@permission_classes([BILLING])
def mapping_view(request):
    """Accounts per kind of amount; PATCH ``{"chart": "SKR04"}`` alone loads that chart."""
    if request.method == "PATCH":
        s = MappingSerializer(data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        mapping = services.update_mapping(dict(s.validated_data), by=request.member)
    else:
        mapping = services.mapping_for(request.organisation)
    return Response(MappingSerializer(mapping).data)


def register(router):
    router.register("accounting/exports", ExportViewSet, basename="accounting-export")


extra_urls = [path("accounting/mapping/", mapping_view, name="accounting-mapping")]
