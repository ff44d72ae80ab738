from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from timeledger.accounts import invitations, services
from timeledger.accounts.models import ApiToken, Invitation, Member
from timeledger.accounts.permissions import IsOrganisationMember, capability
from timeledger.accounts.roles import Cap
from timeledger.core.api import is_schema_request
from timeledger.core.serializers import TenantRelatedField
from timeledger.core.timeutil import TIMEZONE_CHOICES


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    timezone = serializers.CharField(source="user.timezone", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # A client viewer's client (clients sit above accounts: the field names the model).
    client = TenantRelatedField(
        Member._meta.get_field("client").related_model, required=False, allow_null=True
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "organisation",
            "email",
            "name",
            "role",
            "code",
            "timezone",
            "is_active",
            "weekly_capacity_hours",
            "working_days",
            "client",
        ]
        read_only_fields = ["id", "organisation", "email", "name", "timezone"]


class ProfileSerializer(serializers.Serializer):
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    timezone = serializers.ChoiceField(choices=TIMEZONE_CHOICES, required=False)


class MemberCreateSerializer(MemberSerializer):
    """Adding a member: an e-mail (a new person gets a user without a password yet)."""

    email = serializers.EmailField(write_only=True)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    timezone = serializers.ChoiceField(choices=TIMEZONE_CHOICES, required=False)

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "first_name", "last_name"]
        read_only_fields = ["id", "organisation", "name"]


class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Members of the organisation. Owners and admins add members and change roles; a member is
    deactivated (``is_active: false``), never deleted, so their time stays attributed."""

    serializer_class = MemberSerializer
    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.MANAGE_MEMBERS)]
    queryset = Member.objects.select_related("user", "organisation")
    filterset_fields = ["role", "is_active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if is_schema_request(self):
            return self.queryset.none()
        return self.queryset.filter(organisation=self.request.organisation)

    def get_serializer_class(self):
        return MemberCreateSerializer if self.action == "create" else MemberSerializer

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "organisation": getattr(self.request, "organisation", None),
        }

    def get_permissions(self):
        if self.action == "me":
            return [IsOrganisationMember()]
        return super().get_permissions()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.add_member(
            data.pop("email"),
            by=self.request.member,
            first_name=data.pop("first_name", ""),
            last_name=data.pop("last_name", ""),
            tz=data.pop("timezone", None),
            base_url=self.request.build_absolute_uri("/").rstrip("/"),
            **data,
        )

    @extend_schema(request=MemberCreateSerializer, responses={201: MemberSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        body = MemberSerializer(serializer.instance, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = services.update_member(
            serializer.instance, dict(serializer.validated_data), by=self.request.member
        )

    @extend_schema(methods=["GET"], responses=MemberSerializer)
    @extend_schema(methods=["PATCH"], request=ProfileSerializer, responses=MemberSerializer)
    @action(detail=False, methods=["get", "patch"])
    def me(self, request):
        """The member the request acts as (any role); PATCH changes your name or time zone."""
        if request.method == "PATCH":
            profile = ProfileSerializer(data=request.data, partial=True)
            profile.is_valid(raise_exception=True)
            services.update_profile(request.user, dict(profile.validated_data), by=request.member)
            request.member.user.refresh_from_db()
        return Response(MemberSerializer(request.member, context={"request": request}).data)


class ApiTokenSerializer(serializers.ModelSerializer):
    key = serializers.SerializerMethodField(
        help_text="The secret, shown once in the answer to the create request."
    )
    password = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        style={"input_type": "password"},
        help_text="Your password, asked again to create a token (step-up).",
    )

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "key", "password"]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "key"]

    def get_key(self, obj) -> str | None:
        return getattr(obj, "clear_key", None)


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your own API tokens. The key is returned once, on creation; DELETE revokes a token."""

    serializer_class = ApiTokenSerializer
    permission_classes = [IsOrganisationMember]
    queryset = ApiToken.objects.all()

    def get_queryset(self):
        if is_schema_request(self):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(
            member=self.request.member, revoked_at__isnull=True
        ).order_by("-created_at", "-id")

    def perform_create(self, serializer):
        token, key = services.issue_token(
            serializer.validated_data["name"],
            by=self.request.member,
            password=serializer.validated_data.get("password", ""),
        )
        token.clear_key = key
        serializer.instance = token

    def perform_destroy(self, instance):
        services.revoke_token(instance, by=self.request.member)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class InvitationSerializer(serializers.ModelSerializer):
    client = TenantRelatedField(
        Invitation._meta.get_field("client").related_model, required=False, allow_null=True
    )
    status = serializers.SerializerMethodField()
    invited_by = serializers.CharField(source="invited_by.user.email", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "role",
            "client",
            "status",
            "invited_by",
            "sent_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
            "member",
        ]
        read_only_fields = [
            "id",
            "status",
            "invited_by",
            "sent_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
            "member",
        ]

    def get_status(self, obj) -> str:
        return obj.status_at(timezone.now())


class InvitationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Invitations by e-mail (owners and admins). Creating one mails its link (single use, valid
    for 7 days); ``resend`` mails a new link and voids the old one; DELETE revokes."""

    serializer_class = InvitationSerializer
    permission_classes = [capability(Cap.MANAGE_MEMBERS, Cap.MANAGE_MEMBERS)]
    queryset = Invitation.objects.select_related("invited_by__user", "client")
    filterset_fields = ["role", "email"]

    def get_queryset(self):
        if is_schema_request(self):
            return self.queryset.none()
        return self.queryset.filter(organisation=self.request.organisation)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "organisation": getattr(self.request, "organisation", None),
        }

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = invitations.invite(
            data["email"],
            role=data.get("role", "member"),
            client=data.get("client"),
            by=self.request.member,
            base_url=self.request.build_absolute_uri("/"),
        )

    def perform_destroy(self, instance):
        invitations.revoke(instance, by=self.request.member)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        invitation = invitations.resend(
            self.get_object(), by=request.member, base_url=request.build_absolute_uri("/")
        )
        return Response(self.get_serializer(invitation).data)


def register(router):
    router.register("invitations", InvitationViewSet, basename="invitation")
    router.register("members", MemberViewSet, basename="member")
    router.register("tokens", ApiTokenViewSet, basename="token")
