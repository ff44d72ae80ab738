"""REST API of touchless invoicing.

- ``GET|PATCH /api/billing/policy/``               the organisation's policy, with its overrides
- ``PUT /api/billing/policy/overrides/``           ``{"client"|"project": id, "mode", "send_at"}``
- ``DELETE /api/billing/policy/overrides/{id}/``   the client or project inherits again
- ``GET /api/billing/review/``                     the review queue (reasons, fix links), figures
- ``POST /api/billing/review/run/``                a policy pass now (``{"dry_run": true}``)
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.autosend import selectors, services
from timeledger.autosend.models import DEFAULT_SEND_AT, InvoicingPolicy, Mode
from timeledger.clients.models import Client
from timeledger.core.serializers import IdField
from timeledger.projects.models import Project

ORG_MODES = [m.value for m in Mode if m.value]


class PolicySerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=ORG_MODES, required=False)
    send_at = serializers.TimeField(required=False)
    is_paused = serializers.BooleanField(required=False)
    dry_run = serializers.BooleanField(required=False)
    daily_count_limit = serializers.IntegerField(min_value=0, max_value=100000, required=False)
    daily_total_limit = serializers.DecimalField(
        max_digits=15, decimal_places=2, min_value=0, required=False
    )
    amount_limit = serializers.DecimalField(
        max_digits=15, decimal_places=2, min_value=0, required=False
    )
    band_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=999, required=False
    )
    trailing_invoices = serializers.IntegerField(min_value=1, max_value=100, required=False)
    allow_first_invoice = serializers.BooleanField(required=False)


class OverrideSerializer(serializers.Serializer):
    client = IdField(required=False)
    project = IdField(required=False)
    mode = serializers.ChoiceField(choices=Mode.values, required=False, default="")
    send_at = serializers.TimeField(required=False, allow_null=True, default=None)


class RunSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(required=False, default=False)


def _override(o: InvoicingPolicy) -> dict:
    return {
        "id": o.pk,
        "client": o.client_id,
        "project": o.project_id,
        "code": o.project.code if o.project_id else o.client.code,
        "mode": o.mode,
        "send_at": o.send_at.strftime("%H:%M") if o.send_at else None,
    }


def _policy_body(organisation) -> dict:
    p = selectors.organisation_policy(organisation)
    return {
        "mode": p.mode or Mode.OFF,
        "send_at": (p.send_at or DEFAULT_SEND_AT).strftime("%H:%M"),
        "time_zone": organisation.time_zone,
        "currency": organisation.currency,
        "is_paused": p.is_paused,
        "dry_run": p.dry_run,
        "daily_count_limit": p.daily_count_limit,
        "daily_total_limit": str(p.daily_total_limit),
        "amount_limit": str(p.amount_limit),
        "band_percent": str(p.band_percent),
        "trailing_invoices": p.trailing_invoices,
        "allow_first_invoice": p.allow_first_invoice,
        "overrides": [_override(o) for o in selectors.overrides(organisation)],
    }


def _error(field: str, message: str) -> Response:
    return Response(
        {"error": "invalid", "message": f"{field}: {message}", "fields": {field: [message]}},
        status=status.HTTP_400_BAD_REQUEST,
    )


class PolicyView(APIView):
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]

    @extend_schema(responses=dict, operation_id="billing_policy_retrieve")
    def get(self, request):
        return Response(_policy_body(request.organisation))

    @extend_schema(request=PolicySerializer, responses=dict, operation_id="billing_policy_update")
    def patch(self, request):
        s = PolicySerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.update_policy(dict(s.validated_data), by=request.member)
        return Response(_policy_body(request.organisation))


class OverridesView(APIView):
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]

    @extend_schema(
        request=OverrideSerializer, responses=dict, operation_id="billing_policy_override_set"
    )
    def put(self, request):
        s = OverrideSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = s.validated_data
        if ("client" in data) == ("project" in data):
            return _error("client", "Give a client or a project.")
        client = project = None
        if "client" in data:
            client = Client.objects.filter(organisation=request.organisation, pk=data["client"])
            client = client.first()
            if client is None:
                return _error("client", "Not found.")
        else:
            project = Project.objects.filter(organisation=request.organisation, pk=data["project"])
            project = project.first()
            if project is None:
                return _error("project", "Not found.")
        o = services.save_override(
            client=client,
            project=project,
            mode=data["mode"],
            send_at=data["send_at"],
            by=request.member,
        )
        return Response(_override(o))


class OverrideDeleteView(APIView):
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]

    @extend_schema(responses={204: None}, operation_id="billing_policy_override_delete")
    def delete(self, request, pk: int):
        o = get_object_or_404(
            InvoicingPolicy.objects.filter(organisation=request.organisation).exclude(
                client__isnull=True, project__isnull=True
            ),
            pk=pk,
        )
        services.delete_override(o, by=request.member)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _review_body(request) -> dict:
    fig = selectors.figures(request.organisation)
    base = request.build_absolute_uri("/").rstrip("/")
    return {
        "figures": {
            "month_start": fig.month_start.isoformat(),
            "sent_this_month": fig.sent_this_month,
            "sent_touchless": fig.sent_touchless,
            "touchless_percent": None
            if fig.touchless_percent is None
            else str(fig.touchless_percent),
            "days_to_sent_median": None if fig.days_median is None else str(fig.days_median),
            "days_to_sent_p90": None if fig.days_p90 is None else str(fig.days_p90),
            "queue_size": fig.queue_size,
            "queue_oldest_days": fig.queue_oldest_days,
        },
        "results": [
            {
                "invoice": item.invoice_id,
                "status": item.invoice.status,
                "client": item.invoice.client.code,
                "project": item.invoice.project.code if item.invoice.project_id else None,
                "currency": item.invoice.currency,
                "gross_total": str(item.invoice.gross_total),
                "first_flagged_at": item.first_flagged_at.isoformat(),
                "checked_at": item.checked_at.isoformat(),
                "reasons": [{**r, "fix_url": base + r["fix_url"]} for r in item.reasons],
            }
            for item in selectors.review_queue(request.organisation)
        ],
    }


class ReviewView(APIView):
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]

    @extend_schema(responses=dict, operation_id="billing_review_list")
    def get(self, request):
        return Response(_review_body(request))


class RunView(APIView):
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]

    @extend_schema(
        request=RunSerializer,
        responses=inline_serializer(
            "AutosendRun",
            {
                "sent": serializers.ListField(child=serializers.CharField()),
                "review": serializers.ListField(child=serializers.IntegerField()),
                "would_send": serializers.ListField(child=serializers.IntegerField()),
                "paused": serializers.BooleanField(),
            },
        ),
        operation_id="billing_review_run",
    )
    def post(self, request):
        s = RunSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        result = services.run_pass(request.organisation, dry_run=s.validated_data["dry_run"])
        return Response(
            {
                "sent": result.sent,
                "review": result.queued,
                "would_send": result.would_send,
                "paused": result.paused,
            }
        )


extra_urls = [
    path("billing/policy/", PolicyView.as_view(), name="api-billing-policy"),
    path("billing/policy/overrides/", OverridesView.as_view(), name="api-billing-policy-overrides"),
    path(
        "billing/policy/overrides/<int:pk>/",
        OverrideDeleteView.as_view(),
        name="api-billing-policy-override",
    ),
    path("billing/review/", ReviewView.as_view(), name="api-billing-review"),
    path("billing/review/run/", RunView.as_view(), name="api-billing-review-run"),
]
