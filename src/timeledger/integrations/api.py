"""REST API of imports: upload and preview, remap, commit (large files in the background), undo.

``POST /api/imports/`` (multipart: ``file`` and options) answers the preview — format, time zone,
mapping, totals per client and project, every bad row — and writes no entry; ``commit=true``
commits at once. ``POST /api/imports/{id}/preview/`` re-previews with a changed ``mapping``,
``…/commit/`` commits (202 and a background commit above ``tasks.BACKGROUND_ROWS`` rows),
``…/undo/`` undoes.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import IsOrganisationMember
from timeledger.clients.models import Client
from timeledger.core.api import is_schema_request
from timeledger.core.parsers import JSONParser
from timeledger.core.serializers import TenantRelatedField
from timeledger.integrations import tasks
from timeledger.integrations.imports import service
from timeledger.integrations.imports.formats import PARSERS
from timeledger.integrations.imports.reading import MAX_FILE_BYTES
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import ImportBatch, ImportStatus


class MappingField(serializers.DictField):
    """Entity key (as the preview lists it) → an id of this organisation, or ``"new"``."""

    child = serializers.CharField()

    def get_value(self, dictionary):
        # In a multipart upload the mapping comes as one JSON text field.
        value = dictionary.get(self.field_name, serializers.empty)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(_('A JSON object: {"key": "id or new"}.'))
        mapping = super().to_internal_value(data)
        for key, value in mapping.items():
            if not (value.isdigit() or value == "new"):
                raise serializers.ValidationError(_('%(key)s: use an id or "new".') % {"key": key})
        return mapping


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=sorted(PARSERS), required=False, allow_blank=True)
    tz = serializers.CharField(required=False, allow_blank=True, help_text="e.g. Europe/Berlin")
    decimal = serializers.ChoiceField(choices=[".", ","], required=False)
    date_order = serializers.ChoiceField(choices=["ymd", "dmy", "mdy"], required=False)
    rates_as_overrides = serializers.BooleanField(default=False)
    invoiced_as_billed = serializers.BooleanField(default=True)
    member = TenantRelatedField(Member, required=False, allow_null=True)
    client = TenantRelatedField(Client, required=False, allow_null=True)
    mapping = MappingField(required=False)
    commit = serializers.BooleanField(default=False)

    def validate_file(self, upload):
        if upload.size > MAX_FILE_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload

    def options(self) -> service.ImportOptions:
        d = self.validated_data
        return service.ImportOptions(
            fmt=d.get("format") or None,
            tz=d.get("tz") or None,
            decimal=d.get("decimal"),
            date_order=d.get("date_order"),
            rates_as_overrides=d["rates_as_overrides"],
            invoiced_as_billed=d["invoiced_as_billed"],
            member_id=d["member"].pk if d.get("member") else None,
            client_id=d["client"].pk if d.get("client") else None,
        )


class MappingSerializer(serializers.Serializer):
    mapping = MappingField(required=False, default=dict)


class JobProgressSerializer(serializers.Serializer):
    status = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    message = serializers.CharField()
    error = serializers.CharField()


class BatchSerializer(serializers.ModelSerializer):
    preview = serializers.JSONField(read_only=True)
    progress = serializers.SerializerMethodField(
        help_text="The background commit's progress (rows read of rows_total); null if none."
    )

    @extend_schema_field(JobProgressSerializer(allow_null=True))
    def get_progress(self, obj):
        job = tasks.job_of(obj)
        return JobProgressSerializer(job).data if job is not None else None

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "status",
            "format",
            "filename",
            "time_zone",
            "options",
            "mapping",
            "rows_total",
            "rows_created",
            "rows_duplicate",
            "rows_changed",
            "rows_invalid",
            "created_at",
            "committed_at",
            "undone_at",
            "error",
            "preview",
            "progress",
        ]
        read_only_fields = fields


def _file_error(exc: ImportFileError):
    return serializers.ValidationError({"file": [str(exc)]})


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Imports of time from other tools (Toggl Track, Harvest, Clockify, Kimai, Watson)."""

    queryset = ImportBatch.objects.all()
    serializer_class = BatchSerializer
    permission_classes = [IsOrganisationMember]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["status", "format"]

    def get_queryset(self):
        if is_schema_request(self):
            return ImportBatch.objects.none()
        return ImportBatch.objects.filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.request.organisation}

    @extend_schema(request=UploadSerializer, responses={201: BatchSerializer})
    def create(self, request):
        data = UploadSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            batch = service.create_batch(
                upload,
                by=request.member,
                options=data.options(),
                filename=upload.name,
                mapping=data.validated_data.get("mapping"),
            )
        except ImportFileError as exc:
            raise _file_error(exc) from None
        if data.validated_data["commit"]:
            return self._commit(batch, {})
        return Response(BatchSerializer(batch).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MappingSerializer, responses={200: BatchSerializer})
    @action(detail=True, methods=["post"])
    def preview(self, request, pk=None):
        body = MappingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            batch = service.repreview(
                self.get_object(), by=request.member, mapping=body.validated_data["mapping"]
            )
        except ImportFileError as exc:
            raise _file_error(exc) from None
        return Response(BatchSerializer(batch).data)

    @extend_schema(
        request=MappingSerializer, responses={200: BatchSerializer, 202: BatchSerializer}
    )
    @action(detail=True, methods=["post"])
    def commit(self, request, pk=None):
        body = MappingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._commit(self.get_object(), body.validated_data["mapping"])

    def _commit(self, batch: ImportBatch, mapping: dict) -> Response:
        member = self.request.member
        if batch.rows_total > tasks.BACKGROUND_ROWS:
            batch = service.queue(batch, by=member, mapping=mapping)
            transaction.on_commit(lambda: tasks.commit_import.delay(batch.pk, member.pk))
            batch.refresh_from_db()
            code = status.HTTP_202_ACCEPTED if batch.status == ImportStatus.QUEUED else 200
            return Response(BatchSerializer(batch).data, status=code)
        try:
            batch = service.commit(batch, by=member, mapping=mapping)
        except ImportFileError as exc:
            raise _file_error(exc) from None
        return Response(BatchSerializer(batch).data)

    @extend_schema(request=None, responses={200: BatchSerializer})
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        batch = service.undo(self.get_object(), by=request.member)
        return Response(BatchSerializer(batch).data)


def register(router) -> None:
    router.register("imports", ImportViewSet, basename="import")
