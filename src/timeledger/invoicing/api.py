"""REST API of invoices, their lines, tax categories and recurring schedules.

Thin: serializers parse, one service call decides. Issued invoices are read-only: PATCH/DELETE and
line edits answer 400 with the service's message; corrections go through ``credit``.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap, Role
from timeledger.clients.models import Client
from timeledger.core import idempotency
from timeledger.core.api import TenantViewSet, is_schema_request
from timeledger.core.idempotency import idempotent
from timeledger.core.serializers import (
    AmountField,
    ModelSerializer,
    SafeDateField,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.invoicing import delivery, drafts, issuing, recurring, taxes
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    RecurringSchedule,
    TaxCategory,
)
from timeledger.invoicing.pdf import ensure_pdf
from timeledger.projects.models import Project

QTY = {"max_digits": 14, "decimal_places": 4}
PERCENT = {"max_digits": 5, "decimal_places": 2, "min_value": Decimal(0), "max_value": Decimal(100)}


class InvoiceLineSerializer(ModelSerializer):
    tax_code = serializers.CharField(source="tax_category.code", read_only=True, default="")

    class Meta:
        model = InvoiceLine
        fields = [
            "id",
            "invoice",
            "position",
            "kind",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "discount_percent",
            "net_amount",
            "tax_category",
            "tax_code",
            "tax_rate",
            "note",
            "credited_line",
        ]
        read_only_fields = fields


class InvoiceSerializer(ModelSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    balance_due = AmountField(read_only=True)
    # A plain string in the schema: "status" enums of other resources share the name.
    status = serializers.CharField(
        read_only=True,
        help_text="draft, on_hold, issued, sent, partially_paid, partially_credited (credit notes "
        "only, the rest still owed), paid, credited (settled by credit notes alone) or void.",
    )
    is_overdue = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "series",
            "kind",
            "status",
            "client",
            "project",
            "currency",
            "issue_date",
            "due_date",
            "payment_terms_days",
            "period_start",
            "period_end",
            "net_total",
            "tax_total",
            "gross_total",
            "amount_paid",
            "amount_credited",
            "balance_due",
            "is_overdue",
            "tax_note",
            "notes",
            "credited_invoice",
            "converted_from",
            "seller",
            "buyer",
            "summary",
            "issued_at",
            "sent_at",
            "viewed_at",
            "voided_at",
            "void_reason",
            "public_url",
            "lines",
        ]
        read_only_fields = fields

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue(today_for(obj.organisation))

    def get_public_url(self, obj) -> str | None:
        if obj.status in EDITABLE_STATUSES:
            return None
        request = self.context.get("request")
        path = delivery.public_url(obj)
        return request.build_absolute_uri(path) if request else path


class LineInputSerializer(StrictSerializer):
    description = serializers.CharField(max_length=500)
    quantity = serializers.DecimalField(**QTY)
    unit = serializers.CharField(max_length=10, default="h")
    unit_price = serializers.DecimalField(**QTY)
    discount_percent = serializers.DecimalField(**PERCENT, required=False, default=Decimal(0))
    tax_category = TenantRelatedField(TaxCategory, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def to_input(self) -> drafts.LineInput:
        return line_input(self.validated_data)


def line_input(d: dict) -> drafts.LineInput:
    return drafts.LineInput(
        description=d["description"],
        quantity=d["quantity"],
        unit_price=d["unit_price"],
        unit=d["unit"],
        tax_category=d.get("tax_category"),
        note=d.get("note", ""),
        discount_percent=d.get("discount_percent") or Decimal(0),
    )


class InvoiceCreateSerializer(StrictSerializer):
    client = TenantRelatedField(Client)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    kind = serializers.ChoiceField(
        choices=[InvoiceKind.STANDARD, InvoiceKind.PROFORMA], default=InvoiceKind.STANDARD
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineInputSerializer(many=True, required=False)


class InvoiceUpdateSerializer(StrictSerializer):
    notes = serializers.CharField(required=False, allow_blank=True)
    issue_date = SafeDateField(required=False, allow_null=True)
    payment_terms_days = serializers.IntegerField(required=False, min_value=0, max_value=365)
    period_start = SafeDateField(required=False, allow_null=True)
    period_end = SafeDateField(required=False, allow_null=True)


class IssueSerializer(StrictSerializer):
    issue_date = SafeDateField(required=False, allow_null=True)


class SendSerializer(serializers.Serializer):
    to = serializers.ListField(child=serializers.EmailField(), required=False)
    message = serializers.CharField(required=False, allow_blank=True, default="")


class VoidSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=500)


class CreditLineSerializer(StrictSerializer):
    line = serializers.IntegerField()
    quantity = serializers.DecimalField(**QTY)


class CreditSerializer(StrictSerializer):
    lines = CreditLineSerializer(many=True, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    release_entries = serializers.BooleanField(default=False)


def _scope_for_viewer(qs, request):
    member = getattr(request, "member", None)
    if member is not None and member.role == Role.CLIENT_VIEWER:
        return qs.filter(client_id=member.client_id).exclude(status__in=EDITABLE_STATUSES)
    return qs


class InvoiceViewSet(TenantViewSet):
    queryset = Invoice.objects.select_related("client", "organisation").prefetch_related(
        "lines__tax_category"
    )
    serializer_class = InvoiceSerializer
    permission_classes = [capability(Cap.VIEW_INVOICES, Cap.MANAGE_BILLING)]
    filterset_fields = ["status", "kind", "client", "project", "currency", "number"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        return qs if is_schema_request(self) else _scope_for_viewer(qs, self.request)

    def _out(self, invoice, code=status.HTTP_200_OK):
        invoice = self.get_queryset().get(pk=invoice.pk)
        return Response(
            InvoiceSerializer(invoice, context=self.get_serializer_context()).data, code
        )

    def _input(self, serializer_class):
        s = serializer_class(data=self.request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        return s

    @extend_schema(request=InvoiceCreateSerializer, responses={201: InvoiceSerializer})
    def create(self, request, *args, **kwargs):
        s = self._input(InvoiceCreateSerializer)
        d = s.validated_data
        lines = [line_input(row) for row in d.get("lines", [])]
        invoice = drafts.create_draft(
            d["client"],
            by=request.member,
            project=d.get("project"),
            kind=d["kind"],
            notes=d["notes"],
            lines=lines,
        )
        return self._out(invoice, status.HTTP_201_CREATED)

    @extend_schema(request=InvoiceUpdateSerializer, responses=InvoiceSerializer)
    def partial_update(self, request, *args, **kwargs):
        invoice = self.get_object()
        s = self._input(InvoiceUpdateSerializer)
        invoice = drafts.update_draft(invoice, dict(s.validated_data), by=request.member)
        return self._out(invoice)

    def destroy(self, request, *args, **kwargs):
        drafts.delete_draft(self.get_object(), by=request.member)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=LineInputSerializer, responses={201: InvoiceLineSerializer})
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        s = self._input(LineInputSerializer)
        line = drafts.add_line(self.get_object(), by=request.member, **s.to_input().fields())
        return Response(InvoiceLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IssueSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def issue(self, request, pk=None):
        s = self._input(IssueSerializer)
        invoice = issuing.issue_invoice(
            self.get_object(), by=request.member, issue_date=s.validated_data.get("issue_date")
        )
        return self._out(invoice)

    @extend_schema(request=SendSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        s = self._input(SendSerializer)
        invoice = delivery.send_invoice(
            self.get_object(),
            by=request.member,
            to=s.validated_data.get("to") or None,
            message=s.validated_data["message"],
            base_url=request.build_absolute_uri("/"),
        )
        return self._out(invoice)

    @extend_schema(request=VoidSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        s = self._input(VoidSerializer)
        invoice = issuing.void_invoice(
            self.get_object(), by=request.member, reason=s.validated_data["reason"]
        )
        return self._out(invoice)

    @extend_schema(request=CreditSerializer, responses={201: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def credit(self, request, pk=None):
        s = self._input(CreditSerializer)
        d = s.validated_data
        lines = {row["line"]: row["quantity"] for row in d.get("lines", [])} or None
        credit = issuing.create_credit_note(
            self.get_object(),
            by=request.member,
            lines=lines,
            reason=d["reason"],
            release_entries=d["release_entries"],
        )
        return self._out(credit, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        invoice = issuing.convert_proforma(self.get_object(), by=request.member)
        return self._out(invoice, status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):

        invoice = self.get_object()
        response = HttpResponse(ensure_pdf(invoice), content_type="application/pdf")
        name = invoice.number or f"{invoice.kind}-{invoice.pk}"
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response


class LineUpdateSerializer(StrictSerializer):
    description = serializers.CharField(max_length=500, required=False)
    quantity = serializers.DecimalField(**QTY, required=False)
    unit = serializers.CharField(max_length=10, required=False)
    unit_price = serializers.DecimalField(**QTY, required=False)
    discount_percent = serializers.DecimalField(**PERCENT, required=False)
    tax_category = TenantRelatedField(TaxCategory, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class InvoiceLineViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = InvoiceLine.objects.select_related("tax_category", "invoice")
    serializer_class = InvoiceLineSerializer
    permission_classes = [capability(Cap.VIEW_INVOICES, Cap.MANAGE_BILLING)]
    filterset_fields = ["invoice"]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        if is_schema_request(self):
            return qs.none()
        qs = qs.filter(organisation=self.request.organisation)
        member = self.request.member
        if member.role == Role.CLIENT_VIEWER:
            qs = qs.filter(invoice__client_id=member.client_id).exclude(
                invoice__status__in=EDITABLE_STATUSES
            )
        return qs

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.request.organisation}

    @extend_schema(request=LineUpdateSerializer, responses=InvoiceLineSerializer)
    def partial_update(self, request, *args, **kwargs):
        line = self.get_object()
        s = LineUpdateSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        line = drafts.update_line(line, dict(s.validated_data), by=request.member)
        return Response(InvoiceLineSerializer(line).data)

    def destroy(self, request, *args, **kwargs):
        drafts.delete_line(self.get_object(), by=request.member)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TaxCategorySerializer(ModelSerializer):
    class Meta:
        model = TaxCategory
        fields = ["id", "name", "code", "rate", "effective_from", "legal_note", "is_default"]


class DefaultTaxSerializer(serializers.Serializer):
    client = TenantRelatedField(Client, required=False, allow_null=True)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    tax_category = TenantRelatedField(TaxCategory, allow_null=True)

    def validate(self, attrs):
        if bool(attrs.get("client")) == bool(attrs.get("project")):
            raise serializers.ValidationError("Give either a client or a project.")
        return attrs


class TaxCategoryViewSet(TenantViewSet):
    queryset = TaxCategory.objects.all()
    serializer_class = TaxCategorySerializer
    permission_classes = [capability(Cap.VIEW_RATES, Cap.MANAGE_BILLING)]  # not client viewers
    filterset_fields = ["code"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(
        request=DefaultTaxSerializer,
        responses=DefaultTaxSerializer,
        operation_id="tax_categories_set_default",
    )
    @action(detail=False, methods=["post"], url_path="set-default")
    def set_default(self, request):
        """The default tax category of a client or project (lines without one get it)."""
        s = DefaultTaxSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        d = s.validated_data
        issuing.set_default_tax_category(
            d.get("client") or d.get("project"), d["tax_category"], by=request.member
        )
        return Response(DefaultTaxSerializer(d, context=self.get_serializer_context()).data)

    def perform_create(self, serializer):
        serializer.instance = taxes.save_tax_category(
            None, dict(serializer.validated_data), by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = taxes.save_tax_category(
            serializer.instance, dict(serializer.validated_data), by=self.request.member
        )


class RecurringScheduleSerializer(ModelSerializer):
    client = TenantRelatedField(Client)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    tax_category = TenantRelatedField(TaxCategory, required=False, allow_null=True)

    class Meta:
        model = RecurringSchedule
        fields = [
            "id",
            "client",
            "project",
            "name",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "tax_category",
            "frequency",
            "next_run",
            "end_date",
            "auto_issue",
            "auto_send",
            "is_active",
        ]


class RecurringScheduleViewSet(TenantViewSet):
    queryset = RecurringSchedule.objects.all()
    serializer_class = RecurringScheduleSerializer
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = recurring.save_schedule(
            None, dict(serializer.validated_data), by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = recurring.save_schedule(
            serializer.instance, dict(serializer.validated_data), by=self.request.member
        )


def register(router):
    router.register("invoices", InvoiceViewSet, basename="invoice")
    router.register("invoice-lines", InvoiceLineViewSet, basename="invoice-line")
    router.register("tax-categories", TaxCategoryViewSet, basename="tax-category")
    router.register("recurring-invoices", RecurringScheduleViewSet, basename="recurring-invoice")
