"""REST API of bank statements and the review queue.

``POST /api/bank-statements/`` (multipart ``file``, optional ``format``, ``mapping`` as JSON
``{"date": "Column", …}``, ``decimal``, ``date_format``); ``GET`` lists statements;
``/api/bank-statements/transactions/?status=review`` is the queue, with each credit's suggestion;
``…/transactions/{id}/confirm/`` (optional ``allocations`` [{invoice, amount}] and ``client``),
``…/undo/``, ``…/ignore/``, ``…/rematch/``; ``/api/bank-statements/settings/`` (``auto_record``).
"""

from __future__ import annotations

import json

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.banking import services
from timeledger.banking.models import BankStatement, BankTransaction, StatementFormat
from timeledger.clients.models import Client
from timeledger.core.api import is_schema_request
from timeledger.core.parsers import JSONParser
from timeledger.core.serializers import (
    AmountField,
    ModelSerializer,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.invoicing.models import Invoice

BILLING = capability(Cap.MANAGE_BILLING, Cap.MANAGE_BILLING)
MAX_BYTES = 20 * 1024 * 1024


class TransactionSerializer(ModelSerializer):
    amount = AmountField(read_only=True)

    class Meta:
        model = BankTransaction
        fields = [
            "id",
            "statement",
            "booking_date",
            "value_date",
            "amount",
            "currency",
            "counterparty",
            "counterparty_iban",
            "remittance",
            "bank_reference",
            "status",
            "suggestion",
            "payment",
            "matched_automatically",
        ]
        read_only_fields = fields


class StatementSerializer(ModelSerializer):
    class Meta:
        model = BankStatement
        fields = [
            "id",
            "format",
            "file_name",
            "statement_id",
            "account",
            "currency",
            "transactions_found",
            "credits_new",
            "duplicates",
            "debits_skipped",
            "created_at",
        ]
        read_only_fields = fields


class StatementUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=StatementFormat.choices, required=False)
    mapping = serializers.CharField(required=False, help_text='JSON, e.g. {"date": "Datum"}')
    decimal = serializers.ChoiceField(choices=[".", ","], required=False)
    date_format = serializers.CharField(required=False, max_length=20)

    def validate_mapping(self, value):
        try:
            mapping = json.loads(value)
        except ValueError:
            raise serializers.ValidationError("Give the mapping as JSON.") from None
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            raise serializers.ValidationError(
                'An object of field → column, e.g. {"date": "Datum"}.'
            )
        return mapping

    def validate_file(self, value):
        if value.size > MAX_BYTES:
            raise serializers.ValidationError("A statement file is at most 20 MB.")
        return value


class StatementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = BankStatement.objects.all()
    serializer_class = StatementSerializer
    permission_classes = [BILLING]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        if is_schema_request(self):
            return BankStatement.objects.none()
        return super().get_queryset().filter(organisation=self.request.organisation)

    @extend_schema(
        request={"multipart/form-data": StatementUploadSerializer},
        responses={201: StatementSerializer},
    )
    def create(self, request, *args, **kwargs):
        s = StatementUploadSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        statement = services.import_statement(
            d["file"].read(),
            by=request.member,
            file_name=d["file"].name,
            format=d.get("format"),
            mapping=d.get("mapping"),
            decimal=d.get("decimal"),
            date_format=d.get("date_format"),
        )
        return Response(StatementSerializer(statement).data, status=status.HTTP_201_CREATED)


class BankAllocationInputSerializer(serializers.Serializer):
    invoice = TenantRelatedField(Invoice)
    amount = AmountField()


class ConfirmSerializer(serializers.Serializer):
    allocations = BankAllocationInputSerializer(many=True, required=False)
    client = TenantRelatedField(Client, required=False)


class TransactionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class TransactionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The statements' credits; ``?status=review`` is the review queue."""

    queryset = BankTransaction.objects.all()
    serializer_class = TransactionSerializer
    permission_classes = [BILLING]
    filterset_fields = ["status", "statement", "currency"]

    def get_queryset(self):
        if is_schema_request(self):
            return BankTransaction.objects.none()
        return super().get_queryset().filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.request.organisation}

    def _out(self, tx):
        return Response(TransactionSerializer(self.get_queryset().get(pk=tx.pk)).data)

    @extend_schema(request=ConfirmSerializer, responses=TransactionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Record the credit as a payment: as suggested, or split as ``allocations`` say."""
        tx = self.get_object()
        s = ConfirmSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        allocations = None
        if "allocations" in s.validated_data:
            allocations = {}
            for row in s.validated_data["allocations"]:
                allocations[row["invoice"].pk] = (
                    allocations.get(row["invoice"].pk, 0) + row["amount"]
                )
        services.confirm(
            tx, by=request.member, allocations=allocations, client=s.validated_data.get("client")
        )
        return self._out(tx)

    @extend_schema(request=TransactionReasonSerializer, responses=TransactionSerializer)
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        """Undo a match: the payment is reversed, the credit back in the queue."""
        tx = self.get_object()
        s = TransactionReasonSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.undo(tx, by=request.member, reason=s.validated_data["reason"])
        return self._out(tx)

    @extend_schema(request=TransactionReasonSerializer, responses=TransactionSerializer)
    @action(detail=True, methods=["post"])
    def ignore(self, request, pk=None):
        tx = self.get_object()
        s = TransactionReasonSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        services.ignore(tx, by=request.member, reason=s.validated_data["reason"])
        return self._out(tx)

    @extend_schema(request=None, responses=TransactionSerializer)
    @action(detail=True, methods=["post"])
    def rematch(self, request, pk=None):
        tx = self.get_object()
        services.rematch(tx, by=request.member)
        return self._out(tx)


class SettingsSerializer(StrictSerializer):
    auto_record = serializers.BooleanField()

    class Meta:
        ref_name = "BankingSettings"


@extend_schema(methods=["GET"], responses=SettingsSerializer, operation_id="banking_settings_read")
@extend_schema(
    methods=["PATCH"],
    request=SettingsSerializer,
    responses=SettingsSerializer,
    operation_id="banking_settings_update",
)
@api_view(["GET", "PATCH"])
@permission_classes([BILLING])
def settings_view(request):
    """Record confident matches at once (``auto_record``) or only suggest them."""
    if request.method == "PATCH":
        s = SettingsSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        current = services.update_settings(
            by=request.member, auto_record=s.validated_data["auto_record"]
        )
    else:
        current = services.settings_for(request.organisation)
    return Response({"auto_record": current.auto_record})


def register(router):
    # The transactions' prefix first: "bank-statements/transactions/" is not a statement id.
    router.register("bank-statements/transactions", TransactionViewSet, basename="bank-transaction")
    router.register("bank-statements", StatementViewSet, basename="bank-statement")


extra_urls = [path("bank-statements/settings/", settings_view, name="banking-settings")]
