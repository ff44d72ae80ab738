"""REST API for billing terms, budgets, schedules, retainers, milestone progress, change orders.

- ``GET|PUT /api/projects/{id}/terms/``        not-to-exceed cap and alert thresholds
- ``POST /api/projects/{id}/cap/accept/``      ``{"entries": [ids], "note": ""}`` (managers)
- ``GET /api/projects/{id}/budget/``           burn in hours and money, thresholds, alerts
- ``POST /api/projects/{id}/budget/check/``    raise (and mail) alerts newly crossed
- ``GET|PUT /api/projects/{id}/instalments/``  fixed-fee payment schedule
- ``GET|PUT /api/projects/{id}/retainer/``     retainer terms and the current period's usage
- ``POST /api/milestones/{id}/progress/``      ``{"percent_complete": "40"}``
- ``/api/change-orders/``                      list/create; ``POST …/{id}/approve/`` ``…/reject/``
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.contracts import budgets, retainers
from timeledger.contracts import rules as contract_rules
from timeledger.contracts import selectors as contract_selectors
from timeledger.contracts import services as contracts
from timeledger.contracts.models import ChangeOrder, PaymentInstalment
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import (
    IdField,
    ModelSerializer,
    SafeDateField,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.projects.models import Milestone, Project


def _project(request, pk) -> Project:
    return get_object_or_404(
        Project.objects.select_related("client", "lead__user", "organisation"),
        organisation=request.organisation,
        pk=pk,
    )


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


class ProjectTermsSerializer(serializers.Serializer):
    cap_amount = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    cap_hours = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    alert_thresholds = serializers.CharField(required=False)


def _terms_body(project) -> dict:
    t = contract_selectors.terms_for(project)
    return {
        "project": project.pk,
        "cap_amount": _money(t.cap_amount),
        "cap_hours": _money(t.cap_hours),
        "alert_thresholds": t.alert_thresholds,
        "needs_acceptance": project.entries.filter(needs_acceptance=True).count(),
    }


class TermsView(APIView):
    # Amounts: only roles that see money read them (a member's 403 names the capability).
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_PROJECTS)]

    @extend_schema(responses=dict)
    def get(self, request, pk: int):
        return Response(_terms_body(_project(request, pk)))

    @extend_schema(request=ProjectTermsSerializer, responses=dict)
    def put(self, request, pk: int):
        project = _project(request, pk)
        s = ProjectTermsSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        contracts.save_terms(project, s.validated_data, by=request.member)
        return Response(_terms_body(project))

    patch = put


class CapAcceptSerializer(serializers.Serializer):
    entries = serializers.ListField(child=IdField(), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CapAcceptView(APIView):
    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.APPROVE_TIME)]

    @extend_schema(request=CapAcceptSerializer, responses=dict)
    def post(self, request, pk: int):
        project = _project(request, pk)
        s = CapAcceptSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        ids = set(
            project.entries.filter(pk__in=s.validated_data["entries"]).values_list("pk", flat=True)
        )
        if ids != set(s.validated_data["entries"]):
            return Response(
                {
                    "error": "invalid",
                    "message": "entries: not entries of this project",
                    "fields": {"entries": ["Not entries of this project."]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        n = contracts.accept_overruns(ids, by=request.member, note=s.validated_data["note"])
        return Response({"accepted": n, **_terms_body(project)})


class BudgetView(APIView):
    # Amounts: only roles that see money read them (a member's 403 names the capability).
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_PROJECTS)]
    check = False

    @extend_schema(responses=dict)
    def get(self, request, pk: int):
        return Response(budgets.budget_status(_project(request, pk)).as_dict())

    @extend_schema(request=None, responses=dict)
    def post(self, request, pk: int):
        project = _project(request, pk)
        created = budgets.check_budget_alerts(project)
        body = budgets.budget_status(project).as_dict()
        body["new_alerts"] = [{"metric": a.metric, "threshold": a.threshold} for a in created]
        return Response(body)


class PaymentInstalmentInputSerializer(serializers.Serializer):
    label = serializers.CharField()
    due_date = SafeDateField()
    percent = serializers.DecimalField(max_digits=6, decimal_places=2)


class PaymentScheduleSerializer(serializers.Serializer):
    instalments = PaymentInstalmentInputSerializer(many=True)


def _schedule_body(project) -> dict:
    rows = PaymentInstalment.objects.filter(project=project).order_by("position")
    return {
        "project": project.pk,
        "fixed_fee": _money(project.fixed_fee),
        "currency": project.currency,
        "instalments": [
            {
                "position": r.position,
                "label": r.label,
                "due_date": r.due_date,
                "percent": f"{r.percent:.2f}",
                "amount": f"{r.amount:.2f}",
                "invoice_line": r.invoice_line_id,
            }
            for r in rows
        ],
    }


class InstalmentsView(APIView):
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_PROJECTS)]

    @extend_schema(responses=dict)
    def get(self, request, pk: int):
        return Response(_schedule_body(_project(request, pk)))

    @extend_schema(request=PaymentScheduleSerializer, responses=dict)
    def put(self, request, pk: int):
        project = _project(request, pk)
        s = PaymentScheduleSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        contracts.save_instalments(
            project, [dict(r) for r in s.validated_data["instalments"]], by=request.member
        )
        return Response(_schedule_body(project))


class RetainerTermsSerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=["monthly", "quarterly"], required=False)
    starts_on = SafeDateField(required=False)
    fee = serializers.CharField(required=False)
    included_hours = serializers.CharField(required=False)
    overage_rate = serializers.CharField(required=False)
    rollover = serializers.BooleanField(required=False)
    warn_percent = serializers.IntegerField(required=False)


def _retainer_body(project, on: dt.date) -> dict:
    try:
        r = project.retainer
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return {"project": project.pk, "retainer": None}
    body = {
        "project": project.pk,
        "retainer": {
            "period": r.period,
            "starts_on": r.starts_on,
            "fee": _money(r.fee),
            "included_hours": _money(r.included_hours),
            "overage_rate": _money(r.overage_rate),
            "rollover": r.rollover,
            "warn_percent": r.warn_percent,
        },
        "current": None,
    }
    if on >= r.starts_on:
        st = retainers.retainer_status(r, on)
        u = st.usage
        body["current"] = {
            "start": st.period.start,
            "end": st.period.end,
            "allowance_hours": _money(u.allowance_hours),
            "used_hours": _money(u.used_hours),
            "overage_hours": _money(u.overage_hours),
            "overage_amount": _money(u.overage_amount),
            "percent_used": None if u.percent_used is None else str(u.percent_used),
            "overage_flagged_at": st.period.overage_flagged_at,
        }
    return body


class RetainerView(APIView):
    # Amounts: only roles that see money read them (a member's 403 names the capability).
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_PROJECTS)]

    @extend_schema(responses=dict)
    def get(self, request, pk: int):
        return Response(_retainer_body(_project(request, pk), timezone.localdate()))

    @extend_schema(request=RetainerTermsSerializer, responses=dict)
    def put(self, request, pk: int):
        project = _project(request, pk)
        s = RetainerTermsSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        contracts.save_retainer(project, s.validated_data, by=request.member)
        project.refresh_from_db()
        return Response(_retainer_body(project, timezone.localdate()))

    patch = put


class MilestoneProgressSerializer(serializers.Serializer):
    percent_complete = serializers.CharField()


class MilestoneProgressView(APIView):
    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.MANAGE_PROJECTS)]

    @extend_schema(request=MilestoneProgressSerializer, responses=dict)
    def post(self, request, pk: int):
        m = get_object_or_404(
            Milestone.objects.select_related("project__client"),
            organisation=request.organisation,
            pk=pk,
        )
        s = MilestoneProgressSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        m = contracts.set_milestone_progress(
            m, s.validated_data["percent_complete"], by=request.member
        )
        billed = m.releases.aggregate(s=Sum("amount"))["s"] if hasattr(m, "releases") else None
        billed = billed or Decimal(0)
        releasable = contract_rules.milestone_releasable(
            m.value, m.percent_complete, billed, m.project.currency
        )
        return Response(
            {
                "id": m.pk,
                "percent_complete": f"{m.percent_complete:.2f}",
                "status": m.status,
                "value": _money(m.value),
                "billed": _money(billed),
                "releasable": _money(releasable),
            }
        )


class ChangeOrderSerializer(ModelSerializer):
    project = TenantRelatedField(Project)
    hours = serializers.CharField(required=False, default="0")
    amount = serializers.CharField(required=False, default="0")
    note = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = ChangeOrder
        fields = [
            "id",
            "project",
            "description",
            "hours",
            "amount",
            "status",
            "requested_by",
            "decided_by",
            "decided_at",
            "invoice_line",
            "created_at",
            "note",
        ]
        read_only_fields = [
            "status",
            "requested_by",
            "decided_by",
            "decided_at",
            "invoice_line",
            "created_at",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["hours"] = f"{instance.hours:.2f}"
        data["amount"] = f"{instance.amount:.2f}"
        return data


class ChangeOrderDecisionSerializer(StrictSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeOrderViewSet(TenantViewSet):
    """Change orders: requested → approved or rejected (by whom, when). Approved ones amend the
    project's budget and wait, unbilled (``invoice_line`` empty), for the next invoice."""

    queryset = ChangeOrder.objects.select_related("project").order_by("-created_at", "-id")
    serializer_class = ChangeOrderSerializer
    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.VIEW_PROJECTS)]
    filterset_fields = ["project", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        project = data.pop("project")
        serializer.instance = contracts.request_change_order(project, data, by=self.request.member)

    def _decide(self, request, approve: bool):
        co = self.get_object()
        s = ChangeOrderDecisionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        co = contracts.decide_change_order(
            co, approve=approve, by=request.member, note=s.validated_data["note"]
        )
        return Response(ChangeOrderSerializer(co, context=self.get_serializer_context()).data)

    @extend_schema(request=ChangeOrderDecisionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=ChangeOrderDecisionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, False)


def register(router):
    router.register("change-orders", ChangeOrderViewSet, basename="change-order")


extra_urls = [
    path("projects/<int:pk>/terms/", TermsView.as_view(), name="api-project-terms"),
    path("projects/<int:pk>/cap/accept/", CapAcceptView.as_view(), name="api-project-cap-accept"),
    path("projects/<int:pk>/budget/", BudgetView.as_view(), name="api-project-budget"),
    path("projects/<int:pk>/budget/check/", BudgetView.as_view(), name="api-project-budget-check"),
    path(
        "projects/<int:pk>/instalments/", InstalmentsView.as_view(), name="api-project-instalments"
    ),
    path("projects/<int:pk>/retainer/", RetainerView.as_view(), name="api-project-retainer"),
    path(
        "milestones/<int:pk>/progress/",
        MilestoneProgressView.as_view(),
        name="api-milestone-progress",
    ),
]
