"""REST API for rates, the rate-change preview and each entry's rate explanation.

- ``/api/rates/`` list/create/update/delete rate versions (read: view-rates, write: manage-rates);
- ``/api/rates/preview/`` POST the same body as a create (or ``rate`` to preview an edit, plus
  ``delete: true`` for a deletion) → how many unlocked entries and how much money it re-prices;
- ``/api/entries/{id}/rate/`` GET the explanation, PUT/PATCH ``{"rate_override": "175.00"}``
  (managers; ``null`` clears it).
"""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.models import JobRole, Member
from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import (
    AmountField,
    ModelSerializer,
    SafeDateField,
    StrictFieldsMixin,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.projects.models import Project, Task
from timeledger.rates import preview, services
from timeledger.rates.models import Rate, RateKind
from timeledger.rates.resolution import explain_entry, resolution_dict, step_dict
from timeledger.timesheets.models import TimeEntry


class RateSerializer(StrictFieldsMixin, ModelSerializer):
    job_role = TenantRelatedField(JobRole, required=False, allow_null=True)
    member = TenantRelatedField(Member, required=False, allow_null=True)
    client = TenantRelatedField(Client, required=False, allow_null=True)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    task = TenantRelatedField(Task, required=False, allow_null=True)
    # Plain fields: the service gives the finance-friendly messages (negative, unknown currency).
    amount = AmountField(max_digits=13)
    currency = serializers.CharField(max_length=3)
    kind = serializers.CharField(required=False, default=RateKind.BILLING)
    level = serializers.CharField()

    class Meta:
        model = Rate
        fields = [
            "id",
            "kind",
            "level",
            "job_role",
            "member",
            "client",
            "project",
            "task",
            "amount",
            "currency",
            "effective_from",
            "label",
            "source",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["source", "created_at", "updated_at"]


class RatePreviewSerializer(RateSerializer):
    rate = TenantRelatedField(Rate, required=False, allow_null=True)
    delete = serializers.BooleanField(required=False, default=False)
    amount = AmountField(max_digits=13, required=False)
    currency = serializers.CharField(max_length=3, required=False)
    level = serializers.CharField(required=False)
    effective_from = SafeDateField(required=False)

    class Meta(RateSerializer.Meta):
        fields = [*RateSerializer.Meta.fields, "rate", "delete"]


class RatePreviewResultSerializer(serializers.Serializer):
    entries = serializers.IntegerField()
    hours = serializers.CharField()
    totals = serializers.ListField(child=serializers.DictField())
    missing_before = serializers.IntegerField()
    missing_after = serializers.IntegerField()


def run_preview(organisation, data: dict) -> preview.Preview:
    """Validate like a save (same field errors), then preview; shared by API and UI."""
    data = dict(data)
    replacing = data.pop("rate", None)
    deleting = data.pop("delete", False)
    if deleting:
        if replacing is None:
            raise serializers.ValidationError({"rate": [_("Which rate would be deleted?")]})
        return preview.preview_change(organisation, proposal=None, replacing=replacing)
    values = services.clean_rate(data, organisation=organisation, instance=replacing)
    return preview.preview_change(
        organisation, proposal=preview.proposal_from(values), replacing=replacing
    )


class RateViewSet(TenantViewSet):
    """Rate versions. The most specific level wins; the work date picks the version in force."""

    queryset = Rate.objects.select_related("job_role", "member__user", "client", "project", "task")
    serializer_class = RateSerializer
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_RATES)]
    filterset_fields = [
        "kind",
        "level",
        "currency",
        "job_role",
        "member",
        "client",
        "project",
        "task",
    ]
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("kind", "level", "-effective_from", "id")

    def perform_create(self, serializer):
        serializer.instance = services.save_rate(
            None, serializer.validated_data, by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = services.save_rate(
            serializer.instance, serializer.validated_data, by=self.request.member
        )

    def perform_destroy(self, instance):
        services.delete_rate(instance, by=self.request.member)

    @extend_schema(request=RatePreviewSerializer, responses=RatePreviewResultSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request):
        """What a rate change would re-price: unlocked entries, hours and money before → after."""
        serializer = RatePreviewSerializer(
            data=request.data, context={"organisation": request.organisation}
        )
        serializer.is_valid(raise_exception=True)
        return Response(run_preview(request.organisation, serializer.validated_data).as_dict())


class EntryRateOverrideSerializer(StrictSerializer):
    rate_override = AmountField(max_digits=13, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def explanation_body(entry) -> dict:
    info = explain_entry(entry)
    return {
        "entry": entry.pk,
        "date": entry.date,
        "billable_seconds": entry.billable_seconds,
        "seconds": entry.seconds,
        "rate_override": None if entry.rate_override is None else f"{entry.rate_override:.2f}",
        "is_locked": info["is_locked"],
        "locked": {
            k: (f"{v:.2f}" if isinstance(v, Decimal) else v) for k, v in info["locked"].items()
        }
        if info["locked"]
        else None,
        "billing": resolution_dict(info["billing"]),
        "cost": resolution_dict(info["cost"]),
        "billing_steps": [step_dict(s) for s in info["billing_steps"]],
        "cost_steps": [step_dict(s) for s in info["cost_steps"]],
    }


class EntryRateView(APIView):
    """An entry's rate: the frozen snapshot if locked, and what the rule gives, level by level."""

    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_RATES)]

    def _entry(self, request, pk):

        return get_object_or_404(
            TimeEntry.objects.select_related(
                "member", "client", "project__client", "organisation", "task"
            ),
            organisation=request.organisation,
            pk=pk,
        )

    @extend_schema(responses=dict)
    def get(self, request, pk: int):
        return Response(explanation_body(self._entry(request, pk)))

    @extend_schema(request=EntryRateOverrideSerializer, responses=dict)
    def put(self, request, pk: int):
        entry = self._entry(request, pk)
        serializer = EntryRateOverrideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.set_entry_override(
            entry,
            serializer.validated_data["rate_override"],
            by=request.member,
            reason=serializer.validated_data["reason"],
        )
        return Response(explanation_body(self._entry(request, pk)))

    patch = put


def register(router):
    router.register("rates", RateViewSet, basename="rate")


extra_urls = [
    path("entries/<int:pk>/rate/", EntryRateView.as_view(), name="api-entry-rate"),
]
