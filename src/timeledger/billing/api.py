"""Billing API: runs, the "what would be billed now" preview, drafts and their edits, schedules,
and ``POST /api/invoices/final/`` (a project's final invoice: a billing run of kind final).

Thin: parse, call one service, serialise. Errors use the shared JSON error shape.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.billing import final, selectors, services
from timeledger.billing.engine import preview as dry_run
from timeledger.billing.models import BillingRun, BillingSchedule
from timeledger.core import idempotency
from timeledger.core.api import TenantViewSet
from timeledger.core.idempotency import idempotent
from timeledger.core.money import quantize
from timeledger.core.serializers import (
    AmountField,
    IdField,
    ModelSerializer,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.invoicing import drafts
from timeledger.invoicing.api import InvoiceSerializer
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice, InvoiceLine, LineGrouping
from timeledger.projects.models import Project

READ = Cap.VIEW_REPORTS
WRITE = Cap.MANAGE_BILLING


def _result(result) -> dict:
    return {
        "up_to": result.up_to.isoformat(),
        "dry_run": result.dry_run,
        "kind": result.kind,
        "run": result.run.pk if result.run else None,
        "entries": result.entries,
        "totals": {k: str(v) for k, v in result.totals_by_currency().items()},
        "projects": [p.as_dict() for p in result.projects],
    }


class RunRequestSerializer(StrictSerializer):
    up_to = serializers.DateField(required=False, allow_null=True)
    projects = serializers.ListField(child=serializers.CharField(), required=False)
    dry_run = serializers.BooleanField(required=False, default=False)


class HeldBackSerializer(serializers.Serializer):
    reason = serializers.CharField()
    entries = serializers.IntegerField()
    hours = serializers.CharField(required=False)
    entry_ids = serializers.ListField(child=serializers.IntegerField())


class ProjectResultSerializer(serializers.Serializer):
    project = serializers.CharField()
    currency = serializers.CharField()
    cutoff = serializers.DateField()
    invoice = serializers.IntegerField(allow_null=True)
    net = AmountField()
    gross = AmountField()
    entries = serializers.IntegerField()
    status = serializers.CharField()
    hold_reason = serializers.CharField()
    error = serializers.CharField()
    adds_to = serializers.IntegerField(
        allow_null=True, help_text="The open run draft this run added to (else a new draft)."
    )
    lines = serializers.ListField(child=serializers.DictField())
    held_back = HeldBackSerializer(many=True)


class RunResultSerializer(serializers.Serializer):
    up_to = serializers.DateField()
    dry_run = serializers.BooleanField()
    kind = serializers.CharField()
    run = serializers.IntegerField(allow_null=True)
    entries = serializers.IntegerField()
    totals = serializers.DictField(
        child=serializers.CharField(), help_text="Net per currency, never summed across them."
    )
    projects = ProjectResultSerializer(many=True)


class BillingRunSerializer(ModelSerializer):
    is_stale = serializers.BooleanField(
        read_only=True,
        help_text="Still running but silent longer than BILLING_RUN_STALE_AFTER_MINUTES: its "
        "process died; the next run (or tick) marks it failed.",
    )

    class Meta:
        model = BillingRun
        fields = [
            "id",
            "kind",
            "up_to",
            "dry_run",
            "status",
            "is_stale",
            "heartbeat_at",
            "batches_committed",
            "projects_billed",
            "invoices_created",
            "entries_billed",
            "totals",
            "error",
            "created_at",
            "finished_at",
            "summary",
        ]
        read_only_fields = fields


class BillingRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Billing runs. POST runs billing now (or a dry run) for every due project."""

    queryset = BillingRun.objects.order_by("-created_at", "-id")
    serializer_class = BillingRunSerializer
    permission_classes = [capability(READ, WRITE)]

    def get_queryset(self):
        return super().get_queryset().filter(organisation=self.request.organisation)

    @extend_schema(request=RunRequestSerializer, responses={201: RunResultSerializer})
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def create(self, request):
        data = RunRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.start_run(
            request.organisation,
            by=request.member,
            up_to=data.validated_data.get("up_to"),
            project_codes=data.validated_data.get("projects") or None,
            dry_run=data.validated_data["dry_run"],
        )
        return Response(_result(result), status=status.HTTP_201_CREATED)


class PreviewView(APIView):
    """What would be billed now: a dry run per project (``?project=CODE``) or for the org."""

    permission_classes = [capability(READ, READ)]
    serializer_class = RunResultSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("project", str, many=True, description="Project code(s)"),
            OpenApiParameter("until", str, description="Bill work up to (YYYY-MM-DD)"),
        ],
        responses=RunResultSerializer,
        operation_id="billing_preview",
    )
    def get(self, request):
        until = request.query_params.get("until")
        try:
            up_to = dt.date.fromisoformat(until) if until else None
        except ValueError:
            raise serializers.ValidationError({"until": ["Enter a date as YYYY-MM-DD."]}) from None
        codes = request.query_params.getlist("project") or None
        return Response(_result(dry_run(request.organisation, up_to=up_to, project_codes=codes)))


class LineSerializer(ModelSerializer):
    entries = serializers.SerializerMethodField()
    carried_from_invoice = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceLine
        fields = [
            "id",
            "position",
            "kind",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "discount_percent",
            "net_amount",
            "note",
            "phase",
            "task",
            "member",
            "milestone",
            "service_date",
            "entry_count",
            "entries",
            "carried_from_invoice",
        ]

    def get_entries(self, line) -> list[int]:
        return self.context.get("line_entries", {}).get(line.pk, [])

    def get_carried_from_invoice(self, line) -> int | None:
        """The invoice whose under-run this line carries forward (a credit line), else null."""
        cf = getattr(line, "carry_forward", None)
        return cf.source_invoice_id if cf is not None else None


class DraftSerializer(ModelSerializer):
    lines = serializers.SerializerMethodField()
    review = serializers.SerializerMethodField()
    carry_forward = serializers.SerializerMethodField()
    project_code = serializers.CharField(source="project.code", read_only=True, default=None)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "status",
            "project",
            "project_code",
            "client",
            "currency",
            "period_start",
            "period_end",
            "grouping",
            "include_timesheet",
            "net_total",
            "tax_total",
            "gross_total",
            "estimate_note",
            "hold_reason",
            "approved_at",
            "billing_run",
            "notes",
            "lines",
            "review",
            "carry_forward",
        ]
        read_only_fields = fields

    def get_lines(self, invoice) -> list[dict]:
        entries = (
            {k: [e.pk for e in v] for k, v in selectors.line_entries(invoice).items()}
            if self.context.get("detail")
            else {}
        )
        lines = invoice.lines.select_related("carry_forward").order_by("position", "id")
        return LineSerializer(lines, many=True, context={"line_entries": entries}).data

    def get_review(self, invoice) -> dict:
        r = selectors.review_for(invoice)
        return {
            "estimate": None if r.estimate is None else str(r.estimate),
            "billed_to_date": str(r.billed_to_date),
            "other_drafts": str(r.other_drafts),
            "this_invoice": str(r.this_invoice),
            "remaining": None if r.remaining is None else str(r.remaining),
            "over_estimate": r.is_over,
            "underrun": _str_or_none(selectors.underrun_offer(invoice))
            if invoice.is_editable
            else None,
            "progress": _progress(selectors.progress_review(invoice)),
        }

    def get_carry_forward(self, invoice) -> dict | None:
        """The under-run this invoice carried forward, and the invoice line that credits it."""
        cf = selectors.carry_forward_from(invoice)
        if cf is None:
            return None
        line = cf.applied_line
        return {
            "amount": str(quantize(cf.amount, cf.currency)),
            "currency": cf.currency,
            "status": "applied" if line is not None else "waiting",
            "invoice": line.invoice_id if line is not None else None,
            "invoice_line": line.pk if line is not None else None,
        }


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


def _progress(rec) -> dict | None:
    """Fixed fee / hybrid T&M billed share against the project's % complete."""
    if rec is None:
        return None
    return {
        "what": rec.what,
        "basis": rec.basis,
        "billed": str(rec.billed),
        "agreed": str(rec.agreed),
        "unit": rec.unit,
        "billed_share": str(rec.billed_share),
        "percent_complete": str(rec.percent_complete),
        "threshold": str(rec.threshold),
        "beyond_threshold": rec.is_beyond,
        "summary": rec.summary,
    }


class EntryIdsSerializer(StrictSerializer):
    entries = serializers.ListField(child=IdField(), allow_empty=False)


class AddLineSerializer(StrictSerializer):
    description = serializers.CharField(max_length=500)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=4, default="1")
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, default="", allow_blank=True)
    kind = serializers.ChoiceField(choices=["manual", "credit"], default="manual")
    discount_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, default="0"
    )


class DiscountSerializer(StrictSerializer):
    description = serializers.CharField(max_length=200, default="Discount")
    amount = AmountField(required=False)
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)


class TimesheetRowSerializer(serializers.Serializer):
    """One row of a draft's timesheet appendix (the rows the PDF annex prints)."""

    date = serializers.DateField()
    member = serializers.CharField()
    task = serializers.CharField()
    description = serializers.CharField()
    hours = serializers.CharField(help_text="Decimal hours as billed, e.g. 1.50.")


class DraftRegroupSerializer(StrictSerializer):
    # Plain strings: the services give the messages (which groupings, which choices).
    grouping = serializers.CharField(required=False, allow_blank=True, default="")


class DraftApproveSerializer(StrictSerializer):
    estimate_note = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default=None
    )


class DraftReleaseHoldSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DraftUnderrunSerializer(StrictSerializer):
    choice = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="credit or carry_forward"
    )
    amount = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text="Default: the whole under-run.",
    )


def _body(serializer_class, request) -> dict:
    s = serializer_class(data=request.data)
    s.is_valid(raise_exception=True)
    return s.validated_data


class DraftViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Draft invoices made by billing runs; DELETE returns everything on a draft to unbilled."""

    queryset = Invoice.objects.filter(status__in=EDITABLE_STATUSES).select_related("project")
    serializer_class = DraftSerializer
    permission_classes = [capability(READ, WRITE)]

    def get_queryset(self):
        return super().get_queryset().filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["detail"] = self.action != "list"
        return context

    def _answer(self, invoice, code=status.HTTP_200_OK):
        invoice = Invoice.objects.get(pk=invoice.pk)
        return Response(self.get_serializer(invoice).data, status=code)

    @extend_schema(
        responses={
            200: inline_serializer("DraftDeleted", {"released_entries": serializers.IntegerField()})
        }
    )
    def destroy(self, request, pk=None):
        released = drafts.delete_draft(self.get_object(), by=request.member)
        return Response({"released_entries": released}, status=status.HTTP_200_OK)

    @extend_schema(request=EntryIdsSerializer)
    @action(detail=True, methods=["post"], url_path="remove-entries")
    def remove_entries(self, request, pk=None):
        invoice = self.get_object()
        data = EntryIdsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.remove_entries(invoice, data.validated_data["entries"], by=request.member)
        return self._answer(invoice)

    @extend_schema(request=AddLineSerializer, responses={201: DraftSerializer})
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        invoice = self.get_object()
        data = AddLineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        drafts.add_line(invoice, by=request.member, **data.validated_data)
        return self._answer(invoice, status.HTTP_201_CREATED)

    @extend_schema(request=DiscountSerializer, responses={201: DraftSerializer})
    @action(detail=True, methods=["post"])
    def discount(self, request, pk=None):
        invoice = self.get_object()
        data = DiscountSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        drafts.add_discount(invoice, by=request.member, **data.validated_data)
        return self._answer(invoice, status.HTTP_201_CREATED)

    @extend_schema(request=DraftRegroupSerializer)
    @action(detail=True, methods=["post"])
    def regroup(self, request, pk=None):
        invoice = self.get_object()
        d = _body(DraftRegroupSerializer, request)
        services.regroup(invoice, d["grouping"], by=request.member)
        return self._answer(invoice)

    @extend_schema(request=DraftApproveSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        invoice = self.get_object()
        d = _body(DraftApproveSerializer, request)
        services.approve_draft(invoice, by=request.member, note=d["estimate_note"])
        return self._answer(invoice)

    @extend_schema(request=DraftReleaseHoldSerializer)
    @action(detail=True, methods=["post"], url_path="release-hold")
    def release_hold(self, request, pk=None):
        invoice = self.get_object()
        d = _body(DraftReleaseHoldSerializer, request)
        services.release_hold(invoice, by=request.member, reason=d["reason"])
        return self._answer(invoice)

    @extend_schema(request=DraftUnderrunSerializer)
    @action(detail=True, methods=["post"])
    def underrun(self, request, pk=None):
        invoice = self.get_object()
        d = _body(DraftUnderrunSerializer, request)
        services.settle_underrun(invoice, by=request.member, choice=d["choice"], amount=d["amount"])
        return self._answer(invoice)

    @extend_schema(responses=TimesheetRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timesheet(self, request, pk=None):
        rows = selectors.timesheet_appendix(self.get_object())
        return Response(
            [{**r, "date": r["date"].isoformat(), "hours": str(r["hours"])} for r in rows]
        )


class ScheduleSerializer(ModelSerializer):
    project = TenantRelatedField(Project)
    grouping = serializers.ChoiceField(choices=LineGrouping.choices, default=LineGrouping.PHASE)

    class Meta:
        model = BillingSchedule
        fields = [
            "id",
            "project",
            "trigger",
            "frequency",
            "day_of_month",
            "weekday",
            "anchor_date",
            "grouping",
            "include_timesheet",
            "reconciliation_threshold",
            "billed_through",
            "is_active",
        ]
        read_only_fields = ["billed_through"]

    def validate(self, attrs):
        for name, low, high in (("day_of_month", 1, 31), ("weekday", 1, 7)):
            if name in attrs and not low <= attrs[name] <= high:
                raise serializers.ValidationError({name: [f"Between {low} and {high}."]})
        threshold = attrs.get("reconciliation_threshold")
        if threshold is not None and not 0 <= threshold <= 100:
            raise serializers.ValidationError(
                {"reconciliation_threshold": ["Between 0 and 100 points."]}
            )
        return attrs


class ScheduleViewSet(TenantViewSet):
    """Per project: trigger, period, grouping, timesheet appendix and reconciliation threshold."""

    queryset = BillingSchedule.objects.select_related("project").order_by("project__code")
    serializer_class = ScheduleSerializer
    permission_classes = [capability(READ, Cap.MANAGE_PROJECTS)]

    def perform_create(self, serializer):
        try:
            with transaction.atomic():
                serializer.save(organisation=self.request.organisation)
        except IntegrityError:
            raise serializers.ValidationError(
                {"project": ["This project has a billing schedule already; edit it."]}
            ) from None


class FinalSerializer(StrictSerializer):
    project = TenantRelatedField(Project)
    up_to = serializers.DateField(
        required=False, allow_null=True, help_text="Bill work up to this day (default today)."
    )


class FinalInvoiceView(APIView):
    """The final invoice of a project: what a billing run would bill for it now, onto an invoice
    of kind final with the summary of earlier invoices; issuing it closes the project."""

    permission_classes = [capability(Cap.VIEW_INVOICES, WRITE)]
    serializer_class = FinalSerializer

    @extend_schema(
        request=FinalSerializer,
        responses={201: InvoiceSerializer},
        operation_id="invoices_final_create",
    )
    def post(self, request):
        context = {"request": request, "organisation": request.organisation, "view": self}
        data = FinalSerializer(data=request.data, context=context)
        data.is_valid(raise_exception=True)
        invoice = final.create_final_invoice(
            data.validated_data["project"],
            by=request.member,
            up_to=data.validated_data.get("up_to"),
        )
        invoice = (
            Invoice.objects.select_related("client", "organisation")
            .prefetch_related("lines__tax_category")
            .get(pk=invoice.pk)
        )
        body = InvoiceSerializer(invoice, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("billing/runs", BillingRunViewSet, basename="billing-run")
    router.register("billing/drafts", DraftViewSet, basename="billing-draft")
    router.register("billing/schedules", ScheduleViewSet, basename="billing-schedule")


# Before the router's: ``invoices/<pk>/`` would otherwise take ``invoices/final/``.
extra_urls = [
    path("billing/preview/", PreviewView.as_view(), name="api-billing-preview"),
    path("invoices/final/", FinalInvoiceView.as_view(), name="invoice-final"),
]
