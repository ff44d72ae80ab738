"""REST API of estimates (managers and admins). Thin: parse, call one service, render.

- ``/api/estimates/``                  list, create ``{"client"|"project", "title", "valid_until",
  "billing_terms", "project_code", "instalments", "deposit_percent", "terms", "notes",
  "phases": [{"name", "lines": [{"description", "kind", "hours", "rate", "amount",
  "is_optional"}]}]}``; ``PATCH`` a draft (header, or ``phases`` replaced whole)
- ``POST /api/estimates/{id}/send/``   ``{"to": ["a@b.example"]}``: number, PDF, e-mail
- ``POST /api/estimates/{id}/revise/`` a new draft version
- ``GET /api/estimates/{id}/pdf/``     the document
- ``GET /api/estimates/{id}/vs-actual/`` estimate vs actual per phase (accepted ones)
The client's accept and decline are on the client link (``/q/<token>/``), not the API.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import ModelSerializer, SafeDateField, TenantRelatedField
from timeledger.estimates import documents, selectors, services
from timeledger.estimates.models import Estimate, EstimateTerms, LineKind
from timeledger.projects.models import Project


class EstimateLineSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=LineKind.choices, default=LineKind.TIME)
    role = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    hours = serializers.DecimalField(max_digits=10, decimal_places=2, default=0)
    rate = serializers.DecimalField(max_digits=13, decimal_places=3, default=0)
    amount = serializers.DecimalField(max_digits=15, decimal_places=3, default=0)
    is_optional = serializers.BooleanField(default=False)


class EstimatePhaseSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    lines = EstimateLineSerializer(many=True)


class EstimateInstalmentSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    percent = serializers.DecimalField(max_digits=6, decimal_places=2)
    due_days = serializers.IntegerField(min_value=0, max_value=3650, default=0)


class EstimateSerializer(ModelSerializer):
    client = TenantRelatedField(Client, required=False)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    billing_terms = serializers.ChoiceField(choices=EstimateTerms.choices, required=False)
    valid_until = SafeDateField()
    instalments = EstimateInstalmentSerializer(many=True, required=False)
    phases = EstimatePhaseSerializer(many=True, required=False, write_only=True)
    hours = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField()
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Estimate
        fields = [
            "id",
            "client",
            "project",
            "project_code",
            "project_type",
            "applied_factor",
            "applied_factor_sample",
            "title",
            "currency",
            "number",
            "version",
            "revises",
            "status",
            "valid_until",
            "billing_terms",
            "instalments",
            "deposit_percent",
            "terms",
            "notes",
            "phases",
            "lines",
            "hours",
            "amount",
            "sent_at",
            "sent_to",
            "decided_at",
            "decided_name",
            "decided_ip",
            "decision_comment",
            "deposit_invoice",
        ]
        read_only_fields = [
            "applied_factor",
            "applied_factor_sample",
            "currency",
            "number",
            "version",
            "revises",
            "status",
            "sent_at",
            "sent_to",
            "decided_at",
            "decided_name",
            "decided_ip",
            "decision_comment",
            "deposit_invoice",
        ]

    def get_hours(self, obj) -> str:
        return str(services.figures(obj).hours)

    def get_amount(self, obj) -> str:
        return str(services.figures(obj).amount)

    def get_lines(self, obj) -> list[dict]:
        return [
            {
                "id": ln.pk,
                "phase": phase.name,
                "description": ln.description,
                "kind": ln.kind,
                "hours": str(ln.hours),
                "rate": str(ln.rate),
                "amount": str(ln.amount),
                "is_optional": ln.is_optional,
                "is_chosen": ln.is_chosen,
            }
            for phase in obj.phases.prefetch_related("lines")
            for ln in phase.lines.all()
        ]

    def save_with(self, instance, by) -> Estimate:
        d = dict(self.validated_data)
        phases = d.pop("phases", None)
        if "instalments" in d:
            d["instalments"] = [
                {"label": r["label"], "percent": str(r["percent"]), "due_days": r["due_days"]}
                for r in d["instalments"]
            ]
        parsed = (
            [
                services.PhaseInput(p["name"], [services.LineInput(**ln) for ln in p["lines"]])
                for p in phases
            ]
            if phases is not None
            else None
        )
        return services.save_estimate(
            instance, d, parsed, by=by, client=d.get("client"), project=d.get("project")
        )


class EstimateSendSerializer(serializers.Serializer):
    to = serializers.ListField(child=serializers.EmailField(), required=False)


class MeasuredFactorSerializer(serializers.Serializer):
    project_type = serializers.CharField()
    factor = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    sample = serializers.IntegerField()
    lowest = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    highest = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    applied = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class ApplyFactorSerializer(serializers.Serializer):
    factor = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=0, help_text="The factor you were shown."
    )


class EstimateViewSet(TenantViewSet):
    queryset = Estimate.objects.select_related("client", "project")
    serializer_class = EstimateSerializer
    permission_classes = [capability(Cap.MANAGE_PROJECTS, Cap.MANAGE_PROJECTS)]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = serializer.save_with(None, self.request.member)

    def perform_update(self, serializer):
        serializer.instance = serializer.save_with(serializer.instance, self.request.member)

    @extend_schema(request=EstimateSendSerializer, responses=EstimateSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        s = EstimateSendSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        estimate = services.send_estimate(
            self.get_object(),
            by=request.member,
            to=s.validated_data.get("to") or None,
            base_url=request.build_absolute_uri("/"),
        )
        return Response(EstimateSerializer(estimate, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=EstimateSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        new = services.revise(self.get_object(), by=request.member)
        return Response(
            EstimateSerializer(new, context=self.get_serializer_context()).data, status=201
        )

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        estimate = self.get_object()
        return HttpResponse(documents.estimate_pdf(estimate), content_type="application/pdf")

    @extend_schema(responses=MeasuredFactorSerializer)
    @action(detail=True, methods=["get"], url_path="measured-factor")
    def measured_factor(self, request, pk=None):
        """The factor measured on completed projects of the estimate's type, with its sample."""
        estimate = self.get_object()
        m = selectors.measured_factor(estimate)
        return Response(
            MeasuredFactorSerializer(
                {
                    "project_type": selectors.estimate_type(estimate),
                    "factor": m and m.factor,
                    "sample": m.sample if m else 0,
                    "lowest": m and m.lowest,
                    "highest": m and m.highest,
                    "applied": estimate.applied_factor,
                }
            ).data
        )

    @extend_schema(request=ApplyFactorSerializer, responses=EstimateSerializer)
    @action(detail=True, methods=["post"], url_path="apply-factor")
    def apply_factor(self, request, pk=None):
        """Apply the measured factor (the one given, which must still be the measured one)."""
        s = ApplyFactorSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        estimate = services.apply_measured_factor(
            self.get_object(), by=request.member, expected=s.validated_data["factor"]
        )
        return Response(EstimateSerializer(estimate, context=self.get_serializer_context()).data)

    @extend_schema(responses=dict)
    @action(detail=True, methods=["get"], url_path="vs-actual")
    def vs_actual(self, request, pk=None):
        rows = selectors.estimate_vs_actual(self.get_object())
        return Response(
            {
                "phases": [
                    {
                        "name": r.name,
                        "estimated_hours": str(r.estimated_hours),
                        "actual_hours": str(r.actual_hours),
                        "estimated_amount": str(r.estimated_amount),
                        "actual_amount": str(r.actual_amount),
                        "factor": None if r.factor is None else str(r.factor),
                    }
                    for r in rows
                ]
            }
        )


def register(router):
    router.register("estimates", EstimateViewSet, basename="estimate")
