"""REST API of expenses. Thin: parse, call one service, render.

- ``/api/expense-categories/``            list (any member), create/change (managers, finance)
- ``/api/expenses/``                       list (yours; everyone's for managers and finance),
  create (multipart with ``receipt``), change while draft or rejected, delete
- ``GET /api/expenses/{id}/receipt/``      the receipt, to those who may see the expense
- ``POST /api/expenses/submit/``           ``{"week": "2026-03-02", "member": id?}``
- ``POST /api/expenses/approve/`` ``/reject/`` ``/reopen/``
  ``{"expenses": [ids]}`` or ``{"member": id, "week": date}`` or ``{"project": id}``
- ``GET /api/expenses/reimbursements/?date_from=&date_to=&member=``
"""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import IsOrganisationMember
from timeledger.accounts.roles import Cap
from timeledger.approvals.services import Scope
from timeledger.core.api import TenantViewSet, is_schema_request
from timeledger.core.parsers import JSONParser
from timeledger.core.serializers import (
    AmountField,
    ModelSerializer,
    SafeDateField,
    StrictFieldsMixin,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.expenses import rules, selectors, services
from timeledger.expenses.models import Expense, ExpenseCategory
from timeledger.invoicing.models import TaxCategory
from timeledger.projects.models import Project, Task


class ExpenseCategorySerializer(ModelSerializer):
    default_tax_category = TenantRelatedField(TaxCategory, required=False, allow_null=True)

    class Meta:
        model = ExpenseCategory
        fields = ["id", "name", "default_tax_category", "revenue_account", "is_active"]


class ExpenseCategoryViewSet(TenantViewSet):
    queryset = ExpenseCategory.objects.all()
    serializer_class = ExpenseCategorySerializer
    # Any member reads the categories (to log an expense); the service decides who writes.
    permission_classes = [IsOrganisationMember]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.save_category(by=self.request.member, **d)

    def perform_update(self, serializer):
        d = {**{f: getattr(serializer.instance, f) for f in ("name",)}, **serializer.validated_data}
        serializer.instance = services.save_category(
            by=self.request.member, category=serializer.instance, **d
        )


class ExpenseSerializer(StrictFieldsMixin, ModelSerializer):
    project = TenantRelatedField(Project)
    task = TenantRelatedField(Task, required=False, allow_null=True)
    category = TenantRelatedField(ExpenseCategory)
    member = TenantRelatedField(
        Member, required=False, help_text="Whose expense (managers only; default: you)."
    )
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    amount = AmountField()
    vat_amount = AmountField(required=False)
    exchange_rate = serializers.DecimalField(
        max_digits=18, decimal_places=8, required=False, allow_null=True
    )
    markup_percent = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    is_billable = serializers.BooleanField(required=False, allow_null=True, default=None)
    receipt = serializers.FileField(write_only=True, required=False)
    has_receipt = serializers.SerializerMethodField()
    billable_amount = serializers.SerializerMethodField()
    project_code = serializers.CharField(source="project.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    date = SafeDateField()

    class Meta:
        model = Expense
        fields = [
            "id",
            "member",
            "project",
            "project_code",
            "task",
            "category",
            "category_name",
            "date",
            "amount",
            "currency",
            "vat_amount",
            "exchange_rate",
            "supplier",
            "description",
            "is_billable",
            "markup_percent",
            "is_reimbursable",
            "billable_amount",
            "status",
            "status_note",
            "invoice_line",
            "receipt",
            "has_receipt",
            "receipt_name",
            "receipt_type",
        ]
        read_only_fields = [
            "status",
            "status_note",
            "invoice_line",
            "receipt_name",
            "receipt_type",
        ]

    def get_has_receipt(self, obj) -> bool:
        return bool(obj.receipt)

    def get_billable_amount(self, obj) -> str:
        currency = obj.project.client.currency
        value = rules.billable_amount(
            obj.amount, obj.vat_amount, obj.exchange_rate, obj.markup_percent, currency
        )
        return f"{value} {currency}" if obj.is_billable else ""

    def input(self, instance=None) -> services.ExpenseInput:
        d = self.validated_data

        def pick(name, default):
            if name in d:
                return d[name]
            return getattr(instance, name) if instance is not None else default

        return services.ExpenseInput(
            project=pick("project", None),
            category=pick("category", None),
            date=pick("date", None),
            amount=pick("amount", None),
            currency=pick("currency", ""),
            vat_amount=pick("vat_amount", None) or rules.Decimal(0),
            exchange_rate=pick("exchange_rate", None),
            task=pick("task", None),
            supplier=pick("supplier", ""),
            description=pick("description", ""),
            is_billable=pick("is_billable", None),
            markup_percent=pick("markup_percent", rules.Decimal(0)),
            is_reimbursable=pick("is_reimbursable", True),
        )


class ExpenseViewSet(TenantViewSet):
    queryset = Expense.objects.select_related("project__client", "category")
    serializer_class = ExpenseSerializer
    permission_classes = [IsOrganisationMember]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if is_schema_request(self):
            return Expense.objects.none()
        qs = selectors.visible_expenses(self.request.member).select_related(
            "project__client", "category"
        )
        params = self.request.query_params
        for name in ("project", "member", "status", "category"):
            if params.get(name):
                qs = qs.filter(**{name: params[name]})
        return qs

    def perform_create(self, serializer):
        serializer.instance = services.create_expense(
            serializer.input(),
            by=self.request.member,
            member=serializer.validated_data.get("member"),
            receipt=serializer.validated_data.get("receipt"),
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_expense(
            serializer.instance,
            serializer.input(serializer.instance),
            by=self.request.member,
            receipt=serializer.validated_data.get("receipt"),
        )

    def perform_destroy(self, instance):
        services.delete_expense(instance, by=self.request.member)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        expense = self.get_object()  # 404 unless visible to the caller
        if not expense.receipt:
            raise serializers.ValidationError({"receipt": [_("This expense has no receipt.")]})
        return _receipt_response(expense)

    def _act(self, request, verb):
        s = ExpenseActionSerializer(data=request.data, context=self.get_serializer_context())
        s.is_valid(raise_exception=True)
        d = s.validated_data
        by = request.member
        kwargs = {"override_reason": d.get("override_reason", "")}
        if verb == "submit":
            if not d.get("week"):
                raise serializers.ValidationError({"week": [_("Choose the week to submit.")]})
            out = services.submit_week(d.get("member") or by, d["week"], by=by, **kwargs)
        else:
            scope = Scope(member=d.get("member"), week=d.get("week"), project=d.get("project"))
            ids = [e.pk for e in d["expenses"]] if d.get("expenses") else None
            if ids is None and scope.project is None and scope.member is None:
                raise serializers.ValidationError(
                    {"expenses": [_("Choose expenses, a member and week, or a project.")]}
                )
            if verb == "approve":
                out = services.approve(
                    scope, by=by, comment=d.get("comment", ""), expense_ids=ids, **kwargs
                )
            else:
                fn = services.reject if verb == "reject" else services.reopen
                out = fn(scope, by=by, reason=d.get("reason", ""), expense_ids=ids, **kwargs)
        return Response({"action": out.action, "expenses": out.expense_ids, "batch": out.batch})

    @extend_schema(request=None, responses=dict)
    @action(detail=False, methods=["post"])
    def submit(self, request):
        return self._act(request, "submit")

    @extend_schema(request=None, responses=dict)
    @action(detail=False, methods=["post"])
    def approve(self, request):
        return self._act(request, "approve")

    @extend_schema(request=None, responses=dict)
    @action(detail=False, methods=["post"])
    def reject(self, request):
        return self._act(request, "reject")

    @extend_schema(request=None, responses=dict)
    @action(detail=False, methods=["post"])
    def reopen(self, request):
        return self._act(request, "reopen")

    @extend_schema(responses=dict)
    @action(detail=False, methods=["get"])
    def reimbursements(self, request):
        s = ExpensePeriodSerializer(
            data=request.query_params, context=self.get_serializer_context()
        )
        s.is_valid(raise_exception=True)
        d = s.validated_data
        member = d.get("member")
        if not request.member.can(Cap.VIEW_ALL_TIME):
            if member is not None and member.pk != request.member.pk:
                raise PermissionDenied(_("You can see only your own reimbursements."))
            member = request.member
        rows = selectors.reimbursements(
            request.organisation, date_from=d["date_from"], date_to=d["date_to"], member=member
        )
        return Response(
            {
                "results": [
                    {
                        "member": r.member.pk,
                        "name": str(r.member),
                        "currency": r.currency,
                        "amount": str(r.amount.quantize(rules.Decimal("0.01"))),
                        "expenses": r.count,
                        "expense_ids": r.expense_ids,
                    }
                    for r in rows
                ]
            }
        )


def _receipt_response(expense: Expense):
    response = FileResponse(
        expense.receipt.open("rb"),
        content_type=expense.receipt_type or "application/octet-stream",
        filename=expense.receipt_name or "receipt",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ExpenseActionSerializer(StrictSerializer):
    expenses = TenantRelatedField(Expense, many=True, required=False)
    member = TenantRelatedField(Member, required=False, allow_null=True)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    week = SafeDateField(required=False, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True)


class ExpensePeriodSerializer(StrictSerializer):
    date_from = SafeDateField()
    date_to = SafeDateField()
    member = TenantRelatedField(Member, required=False, allow_null=True)


def register(router):
    router.register("expense-categories", ExpenseCategoryViewSet, basename="expense-category")
    router.register("expenses", ExpenseViewSet, basename="expense")
