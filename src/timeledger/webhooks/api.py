"""REST API of webhooks: endpoints (with secret rotation), the delivery log and replay.

``/api/webhooks/endpoints/``, ``/api/webhooks/deliveries/`` (``?endpoint=``, ``?status=``),
``/api/webhooks/deliveries/{id}/replay/``, ``/api/webhooks/event-types/``. Owners and admins.
The secret is shown in full to them: receivers need it to verify signatures.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.core.api import TenantViewSet, is_schema_request
from timeledger.core.events import EVENT_TYPES
from timeledger.core.serializers import ModelSerializer
from timeledger.webhooks import services
from timeledger.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

ADMINS = capability(Cap.MANAGE_SETTINGS, Cap.MANAGE_SETTINGS)


class EndpointSerializer(ModelSerializer):
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=list(EVENT_TYPES)), required=False
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "is_active",
            "secret",
            "previous_secret_expires_at",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
        ]
        read_only_fields = [
            "secret",
            "previous_secret_expires_at",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
        ]


class EndpointViewSet(TenantViewSet):
    queryset = WebhookEndpoint.objects.all()
    serializer_class = EndpointSerializer
    permission_classes = [ADMINS]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.create_endpoint(
            by=self.request.member,
            url=d["url"],
            event_types=d.get("event_types", []),
            description=d.get("description", ""),
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_endpoint(
            serializer.instance, dict(serializer.validated_data), by=self.request.member
        )

    def perform_destroy(self, instance):
        services.delete_endpoint(instance, by=self.request.member)

    @extend_schema(request=None, responses=EndpointSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        """A new secret; the old one keeps signing (a second signature) for 24 hours."""
        endpoint = services.rotate_secret(self.get_object(), by=request.member)
        return Response(EndpointSerializer(endpoint).data)


class AttemptSerializer(ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = [
            "number",
            "created_at",
            "status_code",
            "is_success",
            "error",
            "duration_ms",
            "response_body",
        ]


class DeliverySerializer(ModelSerializer):
    event_id = serializers.CharField(source="event.event_id", read_only=True)
    event_type = serializers.CharField(source="event.event_type", read_only=True)
    payload = serializers.JSONField(source="event.payload", read_only=True)
    log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "delivered_at",
            "created_at",
            "payload",
            "log",
        ]
        read_only_fields = fields


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = WebhookDelivery.objects.select_related("event", "endpoint").prefetch_related("log")
    serializer_class = DeliverySerializer
    permission_classes = [ADMINS]
    filterset_fields = ["endpoint", "status"]

    def get_queryset(self):
        if is_schema_request(self):
            return WebhookDelivery.objects.none()
        return super().get_queryset().filter(organisation=self.request.organisation)

    @extend_schema(request=None, responses=DeliverySerializer)
    @action(detail=True, methods=["post"])
    def replay(self, request, pk=None):
        """Send it again now (same ``webhook-id``), with a fresh retry schedule."""
        delivery = services.replay(self.get_object(), by=request.member)
        return Response(
            DeliverySerializer(self.get_queryset().get(pk=delivery.pk)).data,
            status=status.HTTP_202_ACCEPTED,
        )


@extend_schema(
    responses=inline_serializer(
        "WebhookEventType",
        many=True,
        fields={"type": serializers.CharField(), "description": serializers.CharField()},
    ),
    operation_id="webhook_event_types",
)
@api_view(["GET"])
@permission_classes([ADMINS])
def event_types_view(request):
    """The events an endpoint can subscribe to."""
    return Response([{"type": k, "description": v} for k, v in EVENT_TYPES.items()])


def register(router):
    router.register("webhooks/endpoints", EndpointViewSet, basename="webhook-endpoint")
    router.register("webhooks/deliveries", DeliveryViewSet, basename="webhook-delivery")


extra_urls = [path("webhooks/event-types/", event_types_view, name="webhook-event-types")]
