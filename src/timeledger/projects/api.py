from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.response import Response

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import HidesMoneyMixin, capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import ModelSerializer, TenantRelatedField
from timeledger.projects import services, teams
from timeledger.projects.models import Milestone, Phase, Project, Task


class ProjectSerializer(HidesMoneyMixin, ModelSerializer):
    """A project; its amounts read as null for roles that do not see money."""

    money_fields = ("budget_amount", "estimate_amount", "fixed_fee")
    client = TenantRelatedField(Client)
    lead = TenantRelatedField(Member, required=False, allow_null=True)
    # Tax categories belong to invoicing, an app above this one: the field names the model.
    default_tax_category = TenantRelatedField(
        Project._meta.get_field("default_tax_category").related_model,
        required=False,
        allow_null=True,
    )
    currency = serializers.CharField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "description",
            "client",
            "project_type",
            "billing_model",
            "status",
            "is_archived",
            "lead",
            "start_date",
            "end_date",
            "budget_hours",
            "budget_amount",
            "estimate_hours",
            "estimate_amount",
            "fixed_fee",
            "rounding_increment",
            "rounding_mode",
            "default_tax_category",
            "is_open_to_all",
            "currency",
        ]


class PhaseSerializer(ModelSerializer):
    project = TenantRelatedField(Project)

    class Meta:
        model = Phase
        fields = ["id", "project", "name", "position", "estimate_hours", "is_archived"]


class TaskSerializer(ModelSerializer):
    project = TenantRelatedField(Project)
    phase = TenantRelatedField(Phase, required=False, allow_null=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "project",
            "phase",
            "name",
            "is_billable",
            "status",
            "percent_complete",
            "estimate_hours",
            "is_archived",
        ]


class MilestoneSerializer(ModelSerializer):
    project = TenantRelatedField(Project)
    phase = TenantRelatedField(Phase, required=False, allow_null=True)

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "phase",
            "name",
            "value",
            "due_date",
            "status",
            "percent_complete",
            "completed_at",
        ]
        read_only_fields = ["completed_at"]


class _ServiceViewSet(TenantViewSet):
    """Create/update go through ``save``; delete archives where the model can be archived."""

    permission_classes = [capability(Cap.VIEW_PROJECTS, Cap.MANAGE_PROJECTS)]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    save = None

    def perform_create(self, serializer):
        serializer.instance = type(self).save(
            None, serializer.validated_data, by=self.request.member
        )

    def perform_update(self, serializer):
        serializer.instance = type(self).save(
            serializer.instance, serializer.validated_data, by=self.request.member
        )

    def perform_destroy(self, instance):
        type(self).save(instance, {"is_archived": True}, by=self.request.member)


class TeamMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.get_full_name")
    role = serializers.CharField()
    is_active = serializers.BooleanField()


class TeamSerializer(serializers.Serializer):
    lead = TenantRelatedField(Member, required=False, allow_null=True)
    is_open_to_all = serializers.BooleanField(required=False)
    members = TenantRelatedField(Member, many=True, required=False)


class TeamAnswerSerializer(serializers.Serializer):
    lead = serializers.IntegerField(allow_null=True)
    is_open_to_all = serializers.BooleanField()
    members = TeamMemberSerializer(many=True)


class AssignSerializer(serializers.Serializer):
    member = TenantRelatedField(Member)


def _team_body(project: Project) -> dict:
    project.refresh_from_db(fields=["lead", "is_open_to_all"])
    return {
        "lead": project.lead_id,
        "is_open_to_all": project.is_open_to_all,
        "members": TeamMemberSerializer(teams.team(project), many=True).data,
    }


@extend_schema_view(update=extend_schema(exclude=True))
class ProjectViewSet(_ServiceViewSet):
    """Projects. Members without a manager's view see the projects they may log time on;
    ``?loggable=true`` gives anyone that list (what the timer and entry pickers offer)."""

    queryset = Project.objects.select_related("client")
    serializer_class = ProjectSerializer
    filterset_fields = [
        "client",
        "status",
        "billing_model",
        "is_archived",
        "lead",
        "code",
        "is_open_to_all",
    ]
    save = staticmethod(services.save_project)
    # PUT is the team's (``/team/``); a project itself changes by PATCH.
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            raise MethodNotAllowed("PUT")
        return super().update(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset()
        member = getattr(self.request, "member", None)
        if member is None:
            return qs
        loggable = self.request.query_params.get("loggable", "").lower() in ("1", "true", "yes")
        if loggable or not teams.sees_all_projects(member):
            qs = qs.filter(pk__in=teams.loggable_projects(member).values("pk"))
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("loggable", bool, description="Only projects you may log time on.")
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(methods=["GET"], responses=TeamAnswerSerializer)
    @extend_schema(methods=["PUT"], request=TeamSerializer, responses=TeamAnswerSerializer)
    @extend_schema(methods=["POST"], request=AssignSerializer, responses=TeamAnswerSerializer)
    @action(detail=True, methods=["get", "put", "post"])
    def team(self, request, pk=None):
        """The project's team: its lead and assigned members (who may log time on it).
        PUT replaces it (``members``, and optionally ``lead``, ``is_open_to_all``); POST adds one
        ``member``."""
        project = self.get_object()
        context = self.get_serializer_context()
        if request.method == "PUT":
            body = TeamSerializer(data=request.data, context=context)
            body.is_valid(raise_exception=True)
            data = body.validated_data
            kwargs = {}
            if "lead" in data:
                kwargs["lead"] = data["lead"]
            teams.set_team(
                project,
                data.get("members", []),
                by=request.member,
                is_open_to_all=data.get("is_open_to_all"),
                **kwargs,
            )
        elif request.method == "POST":
            body = AssignSerializer(data=request.data, context=context)
            body.is_valid(raise_exception=True)
            teams.assign(project, body.validated_data["member"], by=request.member)
        return Response(_team_body(project))

    @extend_schema(request=None, responses=TeamAnswerSerializer)
    @team.mapping.delete
    def team_remove(self, request, pk=None):
        """``DELETE /projects/{id}/team/?member=ID`` takes a member off the team (their time
        stays)."""
        project = self.get_object()
        try:
            member = Member.objects.get(
                organisation=request.organisation, pk=int(request.query_params.get("member", ""))
            )
        except (ValueError, Member.DoesNotExist):
            raise NotFound("No such member.") from None
        teams.unassign(project, member, by=request.member)
        return Response(_team_body(project))


class PhaseViewSet(_ServiceViewSet):
    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer
    filterset_fields = ["project", "is_archived"]
    save = staticmethod(services.save_phase)


class TaskViewSet(_ServiceViewSet):
    queryset = Task.objects.all()
    serializer_class = TaskSerializer
    filterset_fields = ["project", "phase", "is_billable", "status", "is_archived"]
    save = staticmethod(services.save_task)


class MilestoneViewSet(_ServiceViewSet):
    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_fields = ["project", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    save = staticmethod(services.save_milestone)


def register(router):
    router.register("projects", ProjectViewSet, basename="project")
    router.register("phases", PhaseViewSet, basename="phase")
    router.register("tasks", TaskViewSet, basename="task")
    router.register("milestones", MilestoneViewSet, basename="milestone")
