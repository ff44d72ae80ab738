from django.urls import path
from django_filters import rest_framework as filters
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import IsOrganisationMember
from timeledger.core import timeutil
from timeledger.core.serializers import TenantRelatedField
from timeledger.projects.models import Project, Task
from timeledger.timesheets import selectors, services
from timeledger.timesheets.models import TimeEntry


class EntrySerializer(serializers.ModelSerializer):
    project = TenantRelatedField(Project)
    task = TenantRelatedField(Task, required=False, allow_null=True)
    member = TenantRelatedField(Member, required=False)
    is_billable = serializers.BooleanField(required=False, allow_null=True, default=None)
    duration = serializers.CharField(
        write_only=True, required=False, help_text="For duration entries: 1:30, 1.5 or 90m."
    )
    seconds = serializers.IntegerField(required=False, min_value=1)
    hours = serializers.SerializerMethodField()

    class Meta:
        model = TimeEntry
        fields = [
            "id",
            "member",
            "client",
            "project",
            "task",
            "date",
            "start",
            "end",
            "seconds",
            "duration",
            "hours",
            "billable_seconds",
            "is_billable",
            "description",
            "status",
            "status_note",
            "rate",
            "currency",
            "amount",
            "rate_source",
            "invoice_line",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "client",
            "billable_seconds",
            "status",
            "status_note",
            "rate",
            "currency",
            "amount",
            "rate_source",
            "invoice_line",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"date": {"required": False}}

    def get_hours(self, obj) -> str:
        return timeutil.format_hours(obj.seconds)

    def validate(self, attrs):
        if "duration" in attrs:
            try:
                attrs["seconds"] = timeutil.parse_duration(attrs.pop("duration"))
            except ValueError as exc:
                raise serializers.ValidationError({"duration": [str(exc)]}) from None
        return attrs

    def to_input(self, instance=None) -> services.EntryInput:
        data = self.validated_data

        def pick(name, default=None):
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        timed = (
            "start" in data
            or "end" in data
            or (instance and instance.start and "seconds" not in data)
        )
        return services.EntryInput(
            project=pick("project"),
            task=pick("task"),
            description=pick("description", "") or "",
            is_billable=data.get("is_billable", instance.is_billable if instance else None),
            start=pick("start") if timed else None,
            end=pick("end") if timed else None,
            date=None if timed else pick("date"),
            seconds=None if timed else pick("seconds"),
        )


class EntryFilter(filters.FilterSet):
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = TimeEntry
        fields = ["client", "project", "task", "member", "is_billable", "status"]


class EntryViewSet(viewsets.ModelViewSet):
    """Time entries. Members see their own; managers and accountants see everyone's."""

    serializer_class = EntrySerializer
    permission_classes = [IsOrganisationMember]
    filterset_class = EntryFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.visible_entries(self.request.member).order_by("-date", "-start", "-id")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.request.organisation}

    def perform_create(self, serializer):
        serializer.instance = services.create_entry(
            serializer.to_input(),
            by=self.request.member,
            member=serializer.validated_data.get("member"),
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_entry(
            serializer.instance, serializer.to_input(serializer.instance), by=self.request.member
        )

    def perform_destroy(self, instance):
        services.delete_entry(instance, by=self.request.member)


class TimerStartSerializer(serializers.Serializer):
    project = TenantRelatedField(Project)
    task = TenantRelatedField(Task, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    is_billable = serializers.BooleanField(required=False, allow_null=True, default=None)


class TimerView(APIView):
    """The member's timer: GET its state, POST ``start``, ``stop`` or ``switch``."""

    permission_classes = [IsOrganisationMember]
    action_name = "status"

    def _state(self, request, http_status=status.HTTP_200_OK):
        entry = services.running_timer(request.member)
        body = {
            "running": entry is not None,
            "entry": EntrySerializer(entry).data if entry else None,
        }
        return Response(body, status=http_status)

    def get(self, request):
        return self._state(request)

    def post(self, request):
        if self.action_name == "stop":
            entry = services.stop_timer(by=request.member)
            return Response({"running": False, "entry": EntrySerializer(entry).data})
        serializer = TimerStartSerializer(
            data=request.data, context={"organisation": request.organisation}
        )
        serializer.is_valid(raise_exception=True)
        start = services.switch_timer if self.action_name == "switch" else services.start_timer
        start(
            serializer.validated_data["project"],
            by=request.member,
            **{
                k: serializer.validated_data[k]
                for k in ("task", "description", "is_billable")
                if k in serializer.validated_data
            },
        )
        return self._state(request, status.HTTP_201_CREATED)


def register(router):
    router.register("entries", EntryViewSet, basename="entry")


extra_urls = [
    path("timer/", TimerView.as_view(), name="api-timer"),
    path("timer/start/", TimerView.as_view(action_name="start"), name="api-timer-start"),
    path("timer/stop/", TimerView.as_view(action_name="stop"), name="api-timer-stop"),
    path("timer/switch/", TimerView.as_view(action_name="switch"), name="api-timer-switch"),
]
