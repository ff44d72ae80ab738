from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from timeledger.accounts.models import ApiToken, Member
from timeledger.accounts.permissions import IsOrganisationMember, capability
from timeledger.accounts.roles import Cap


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    timezone = serializers.CharField(source="user.timezone", read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "email",
            "name",
            "role",
            "code",
            "timezone",
            "is_active",
            "weekly_capacity_hours",
            "working_days",
        ]
        read_only_fields = fields


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MemberSerializer
    permission_classes = [capability(None, Cap.MANAGE_MEMBERS)]
    queryset = Member.objects.select_related("user")

    def get_queryset(self):
        return self.queryset.filter(organisation=self.request.organisation)

    @action(detail=False)
    def me(self, request):
        return Response(self.get_serializer(request.member).data)


class ApiTokenSerializer(serializers.ModelSerializer):
    key = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "key"]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "key"]

    def get_key(self, obj) -> str | None:
        return getattr(obj, "clear_key", None)


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your own API tokens. The key is returned once, on creation."""

    serializer_class = ApiTokenSerializer
    permission_classes = [IsOrganisationMember]

    def get_queryset(self):
        return ApiToken.objects.filter(member=self.request.member, revoked_at__isnull=True)

    def perform_create(self, serializer):
        token, key = ApiToken.issue(self.request.member, serializer.validated_data["name"])
        token.clear_key = key
        serializer.instance = token

    def perform_destroy(self, instance):
        from django.utils import timezone

        instance.revoked_at = timezone.now()
        instance.save(update_fields=["revoked_at"])


def register(router):
    router.register("members", MemberViewSet, basename="member")
    router.register("tokens", ApiTokenViewSet, basename="token")
