from rest_framework import serializers

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients import services
from timeledger.clients.models import Client
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import TenantRelatedField


class ClientSerializer(serializers.ModelSerializer):
    # Tax categories belong to invoicing, an app above this one: the field names the model.
    default_tax_category = TenantRelatedField(
        Client._meta.get_field("default_tax_category").related_model,
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Client
        fields = [
            "id",
            "code",
            "name",
            "legal_name",
            "address",
            "country",
            "vat_id",
            "currency",
            "payment_terms_days",
            "invoice_email",
            "contact_name",
            "language",
            "default_tax_category",
            "is_archived",
        ]


class ClientViewSet(TenantViewSet):
    queryset = Client.objects.all()
    serializer_class = ClientSerializer
    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.MANAGE_CLIENTS)]
    filterset_fields = ["is_archived", "currency", "code"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.save_client(
            None, serializer.validated_data, by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = services.save_client(
            serializer.instance, serializer.validated_data, by=self.request.member
        )

    def perform_destroy(self, instance):
        services.archive_client(instance, by=self.request.member)


def register(router):
    router.register("clients", ClientViewSet, basename="client")
