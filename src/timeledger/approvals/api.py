"""Approval over the API: submit a week, approve / reject / reopen, pending weeks, the lock date.

Thin: each view validates its input, calls one service in ``timesheets.approval`` and returns what
it did. Permissions are decided by the services (a lead for their projects, managers for all);
their ``PermissionDenied`` and ``ValidationError`` become 403 and 400 in the API's error shape.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.models import Member, ReminderFrequency
from timeledger.accounts.permissions import IsOrganisationMember
from timeledger.approvals import services as approval
from timeledger.core import timeutil
from timeledger.core.serializers import IdField, SafeDateField, TenantRelatedField
from timeledger.projects.models import Project


class OutcomeSerializer(serializers.Serializer):
    action = serializers.CharField()
    count = serializers.IntegerField()
    entries = serializers.ListField(child=serializers.IntegerField(), source="entry_ids")
    batch = serializers.CharField(help_text="Id shared by this action's audit rows.")
    missing_rate = serializers.IntegerField(
        help_text="Approved billable entries with no billing rate in force (left unpriced)."
    )


class SubmitSerializer(serializers.Serializer):
    week = SafeDateField(help_text="Any day of the week; the week starts on Monday.")
    member = TenantRelatedField(Member, required=False, help_text="Default: yourself.")
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ScopeSerializer(serializers.Serializer):
    member = TenantRelatedField(Member, required=False, allow_null=True)
    week = SafeDateField(required=False, allow_null=True)
    project = TenantRelatedField(Project, required=False, allow_null=True)
    entries = serializers.ListField(child=IdField(), required=False, allow_empty=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not (attrs.get("member") or attrs.get("project") or attrs.get("entries")):
            raise serializers.ValidationError(
                {"member": [_("Give a member and week, a project, or entries.")]}
            )
        if attrs.get("member") and not attrs.get("week") and not attrs.get("entries"):
            raise serializers.ValidationError({"week": [_("Give the week to act on.")]})
        return attrs

    def scope(self) -> approval.Scope:
        data = self.validated_data
        entries = data.get("entries")
        return approval.Scope(
            member=data.get("member"),
            week=data.get("week"),
            project=data.get("project"),
            entry_ids=tuple(entries) if entries else None,
        )


class ApproveSerializer(ScopeSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    include_drafts = serializers.BooleanField(required=False, default=False)


class ReasonSerializer(ScopeSerializer):
    reason = serializers.CharField(allow_blank=False)


def _validated(cls, request):
    serializer = cls(data=request.data, context={"organisation": request.organisation})
    serializer.is_valid(raise_exception=True)
    return serializer


class SubmitWeekView(APIView):
    permission_classes = [IsOrganisationMember]

    @extend_schema(request=SubmitSerializer, responses={200: OutcomeSerializer})
    def post(self, request):
        s = _validated(SubmitSerializer, request)
        outcome = approval.submit_week(
            s.validated_data.get("member") or request.member,
            approval.week_of(s.validated_data["week"], request.organisation),
            by=request.member,
            override_reason=s.validated_data["override_reason"],
        )
        return Response(OutcomeSerializer(outcome).data)


class ApproveView(APIView):
    permission_classes = [IsOrganisationMember]

    @extend_schema(request=ApproveSerializer, responses={200: OutcomeSerializer})
    def post(self, request):
        s = _validated(ApproveSerializer, request)
        outcome = approval.approve(
            s.scope(),
            by=request.member,
            comment=s.validated_data["comment"],
            include_drafts=s.validated_data["include_drafts"],
            override_reason=s.validated_data["override_reason"],
        )
        return Response(OutcomeSerializer(outcome).data)


class RejectView(APIView):
    permission_classes = [IsOrganisationMember]
    service = staticmethod(approval.reject)

    @extend_schema(request=ReasonSerializer, responses={200: OutcomeSerializer})
    def post(self, request):
        s = _validated(ReasonSerializer, request)
        outcome = self.service(
            s.scope(),
            by=request.member,
            reason=s.validated_data["reason"],
            override_reason=s.validated_data["override_reason"],
        )
        return Response(OutcomeSerializer(outcome).data)


class ReopenView(RejectView):
    service = staticmethod(approval.reopen)


class PendingWeekSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member.pk")
    member_name = serializers.CharField(source="member.__str__")
    week = SafeDateField()
    entries = serializers.IntegerField()
    seconds = serializers.IntegerField()
    hours = serializers.SerializerMethodField()

    def get_hours(self, row) -> str:
        return timeutil.format_hours(row["seconds"] or 0)


class PendingView(APIView):
    """Member-weeks with submitted entries that you may approve, oldest first."""

    permission_classes = [IsOrganisationMember]

    @extend_schema(responses={200: PendingWeekSerializer(many=True)})
    def get(self, request):
        rows = approval.pending_weeks(request.member)
        return Response(PendingWeekSerializer(rows, many=True).data)


class LockDateSerializer(serializers.Serializer):
    lock_date = SafeDateField(allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LockDateView(APIView):
    """The organisation's lock date: entries on or before it cannot change. PUT needs an admin."""

    permission_classes = [IsOrganisationMember]

    def _body(self, request, unapproved=None):
        body = {"lock_date": request.organisation.lock_date}
        if unapproved is not None:
            body["unapproved_locked"] = unapproved
        return body

    @extend_schema(
        responses={
            200: inline_serializer("LockDate", {"lock_date": SafeDateField(allow_null=True)})
        }
    )
    def get(self, request):
        return Response(self._body(request))

    @extend_schema(
        request=LockDateSerializer,
        responses={
            200: inline_serializer(
                "LockDateSet",
                {
                    "lock_date": SafeDateField(allow_null=True),
                    "unapproved_locked": serializers.IntegerField(),
                },
            )
        },
    )
    def put(self, request):
        s = LockDateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        unapproved = approval.set_lock_date(
            s.validated_data["lock_date"], by=request.member, reason=s.validated_data["reason"]
        )
        return Response(self._body(request, unapproved))


class ApprovalSettingsSerializer(serializers.Serializer):
    reminder_frequency = serializers.ChoiceField(choices=ReminderFrequency.choices, required=False)
    approved_unbilled_days = serializers.IntegerField(min_value=1, max_value=365, required=False)


class ApprovalSettingsView(APIView):
    """Reminder frequency and the weekly audit's approved-unbilled threshold. PATCH: admins."""

    permission_classes = [IsOrganisationMember]

    def _body(self, org):
        return {
            "reminder_frequency": org.reminder_frequency,
            "approved_unbilled_days": org.approved_unbilled_days,
        }

    @extend_schema(responses={200: ApprovalSettingsSerializer})
    def get(self, request):
        return Response(self._body(request.organisation))

    @extend_schema(request=ApprovalSettingsSerializer, responses={200: ApprovalSettingsSerializer})
    def patch(self, request):
        s = ApprovalSettingsSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        org = approval.set_approval_settings(by=request.member, **s.validated_data)
        return Response(self._body(org))


extra_urls = [
    path("approvals/submit/", SubmitWeekView.as_view(), name="api-approvals-submit"),
    path("approvals/approve/", ApproveView.as_view(), name="api-approvals-approve"),
    path("approvals/reject/", RejectView.as_view(), name="api-approvals-reject"),
    path("approvals/reopen/", ReopenView.as_view(), name="api-approvals-reopen"),
    path("approvals/pending/", PendingView.as_view(), name="api-approvals-pending"),
    path("lock-date/", LockDateView.as_view(), name="api-lock-date"),
    path("approval-settings/", ApprovalSettingsView.as_view(), name="api-approval-settings"),
]
