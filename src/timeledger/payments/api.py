"""REST API of payments (with allocations), the AR aging report and overdue reminders."""

from __future__ import annotations

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import idempotency
from timeledger.core.api import TenantViewSet, is_schema_request
from timeledger.core.idempotency import idempotent
from timeledger.core.money import quantize
from timeledger.core.serializers import (
    AmountField,
    ModelSerializer,
    SafeDateField,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.models import Invoice
from timeledger.payments import services
from timeledger.payments.models import DunningLevel, Payment, PaymentAllocation, PaymentMethod
from timeledger.payments.rules import AGING_BUCKETS
from timeledger.payments.selectors import aging


class AllocationSerializer(ModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)

    class Meta:
        model = PaymentAllocation
        fields = ["invoice", "invoice_number", "amount"]


class PaymentSerializer(ModelSerializer):
    allocations = AllocationSerializer(many=True, read_only=True)
    unapplied = AmountField(read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "client",
            "amount",
            "currency",
            "date",
            "method",
            "reference",
            "notes",
            "allocated",
            "unapplied",
            "allocations",
            "reversed_at",
            "reversed_by",
            "reversal_reason",
        ]
        read_only_fields = fields


class AllocationInputSerializer(StrictSerializer):
    invoice = TenantRelatedField(Invoice)
    amount = AmountField(min_value=Decimal("0.001"))


class PaymentInputSerializer(StrictSerializer):
    client = TenantRelatedField(Client)
    amount = AmountField()
    date = SafeDateField()
    method = serializers.ChoiceField(
        choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    reference = serializers.CharField(max_length=140, required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    allocations = AllocationInputSerializer(many=True, required=False)


class AllocateSerializer(StrictSerializer):
    invoice = TenantRelatedField(Invoice)
    amount = AmountField()


class PaymentReversalSerializer(StrictSerializer):
    # Blank passes here: the service says what is missing ("Give the reason.").
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PaymentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Payment.objects.select_related("client").prefetch_related("allocations__invoice")
    serializer_class = PaymentSerializer
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]
    filterset_fields = ["client", "currency", "method"]

    def get_queryset(self):
        if is_schema_request(self):
            return Payment.objects.none()
        return super().get_queryset().filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.request.organisation}

    @extend_schema(request=PaymentInputSerializer, responses={201: PaymentSerializer})
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def create(self, request, *args, **kwargs):
        s = PaymentInputSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        d = s.validated_data
        allocations = None
        if "allocations" in d:
            allocations = {}
            for row in d["allocations"]:
                allocations[row["invoice"].pk] = (
                    allocations.get(row["invoice"].pk, 0) + row["amount"]
                )
        payment = services.record_payment(
            d["client"],
            by=request.member,
            amount=d["amount"],
            date=d["date"],
            method=d["method"],
            reference=d["reference"],
            notes=d["notes"],
            allocations=allocations,
        )
        return Response(
            PaymentSerializer(self.get_queryset().get(pk=payment.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=PaymentReversalSerializer,
        responses=PaymentSerializer,
    )
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        """Reverse a payment (e.g. a bounced transfer); its invoices reopen. The payment stays,
        with who reversed it, when and why."""
        payment = self.get_object()
        s = PaymentReversalSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        payment = services.reverse_payment(
            payment, by=request.member, reason=s.validated_data["reason"]
        )
        return Response(PaymentSerializer(self.get_queryset().get(pk=payment.pk)).data)

    @extend_schema(request=AllocateSerializer, responses=PaymentSerializer)
    @action(detail=True, methods=["post"])
    def allocate(self, request, pk=None):
        payment = self.get_object()
        s = AllocateSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        services.allocate_credit(
            payment, s.validated_data["invoice"], s.validated_data["amount"], by=request.member
        )
        return Response(PaymentSerializer(self.get_queryset().get(pk=payment.pk)).data)


class DunningLevelSerializer(ModelSerializer):
    class Meta:
        model = DunningLevel
        fields = ["id", "days_overdue", "name", "subject", "body", "is_active"]


class DunningLevelViewSet(TenantViewSet):
    """Reminder levels; the first read creates the defaults (7, 14 and 30 days)."""

    queryset = DunningLevel.objects.all()
    serializer_class = DunningLevelSerializer
    permission_classes = [capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if not is_schema_request(self):
            services.ensure_default_levels(self.request.organisation)
        return super().get_queryset()

    def perform_create(self, serializer):
        serializer.instance = services.save_dunning_level(
            None, dict(serializer.validated_data), by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = services.save_dunning_level(
            serializer.instance, dict(serializer.validated_data), by=self.request.member
        )


AgingRowSerializer = inline_serializer(
    "AgingRow",
    many=True,
    fields={
        "client": serializers.IntegerField(),
        "client_name": serializers.CharField(),
        "currency": serializers.CharField(),
        **{b: AmountField() for b in AGING_BUCKETS},
        "total": AmountField(),
    },
)


@extend_schema(responses=AgingRowSerializer, operation_id="aging_report")
@api_view(["GET"])
@permission_classes([capability(Cap.VIEW_REPORTS, Cap.VIEW_REPORTS)])
def aging_view(request):
    """Open receivables per client and currency by days past due."""
    today = today_for(request.organisation)
    rows = [
        {
            "client": row.client_id,
            "client_name": row.client,
            "currency": row.currency,
            **{b: str(quantize(row.buckets[b], row.currency)) for b in AGING_BUCKETS},
            "total": str(quantize(row.total, row.currency)),
        }
        for row in aging(request.organisation, today=today)
    ]
    return Response(rows)


@extend_schema(
    request=None,
    responses=inline_serializer("RemindersSent", {"sent": serializers.IntegerField()}),
    operation_id="reminders_run",
)
@api_view(["POST"])
@permission_classes([capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)])
def reminders_view(request):
    """Send the overdue reminders that are due now (each level once per invoice)."""
    sent = services.send_due_reminders(
        request.organisation, base_url=request.build_absolute_uri("/")
    )
    return Response({"sent": sent})


def register(router):
    router.register("payments", PaymentViewSet, basename="payment")
    router.register("reminder-levels", DunningLevelViewSet, basename="reminder-level")


extra_urls = [
    path("aging/", aging_view, name="aging"),
    path("reminders/run/", reminders_view, name="reminders-run"),
]
