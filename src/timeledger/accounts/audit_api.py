"""The audit log over the API: read-only, filtered, for members with ``Cap.VIEW_AUDIT``.

There is no write endpoint, by construction: a ``ReadOnlyModelViewSet`` answers 405 to POST, PUT,
PATCH and DELETE. The filter set is shared with the web page (``core.views.audit_log``).
"""

from django.db.models import Q
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.core.models import AuditLog
from timeledger.core.serializers import MAX_ID


class AuditLogFilter(filters.FilterSet):
    actor = filters.NumberFilter(
        field_name="actor_id", label="Actor (user id)", min_value=1, max_value=MAX_ID
    )
    actor_email = filters.CharFilter(field_name="actor__email", lookup_expr="icontains")
    object_type = filters.CharFilter(field_name="object_type", lookup_expr="iexact")
    object_id = filters.CharFilter(field_name="object_id")
    action = filters.CharFilter(field_name="action", lookup_expr="iexact")
    date_from = filters.DateFilter(field_name="at", lookup_expr="date__gte")
    date_to = filters.DateFilter(field_name="at", lookup_expr="date__lte")
    q = filters.CharFilter(method="search", label="Search (object, reason)")

    class Meta:
        model = AuditLog
        fields = ["actor", "object_type", "object_id", "action"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(reason__icontains=value)
            | Q(object_id=value)
            | Q(actor__email__icontains=value)
        )


class AuditLogSerializer(serializers.ModelSerializer):
    actor_email = serializers.SerializerMethodField()

    class Meta:
        model = AuditLog
        fields = [
            "id",
            "at",
            "actor",
            "actor_email",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "reason",
        ]
        read_only_fields = fields

    def get_actor_email(self, obj) -> str | None:
        return obj.actor.email if obj.actor_id else None


class AuditLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Who changed what, when, from what to what, and why. Append-only: nothing here writes."""

    queryset = AuditLog.objects.none()  # the model, for the schema; rows come from get_queryset
    serializer_class = AuditLogSerializer
    permission_classes = [capability(Cap.VIEW_AUDIT, Cap.VIEW_AUDIT)]
    filterset_class = AuditLogFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditLog.objects.none()
        return (
            AuditLog.objects.filter(organisation=self.request.organisation)
            .select_related("actor")
            .order_by("-at", "-id")
        )


def register(router):
    router.register("audit-log", AuditLogViewSet, basename="audit-log")
