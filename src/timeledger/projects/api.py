from rest_framework import serializers

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core.api import TenantViewSet
from timeledger.core.serializers import ModelSerializer, TenantRelatedField
from timeledger.projects import services
from timeledger.projects.models import Milestone, Phase, Project, Task


class ProjectSerializer(ModelSerializer):
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


class ProjectViewSet(_ServiceViewSet):
    queryset = Project.objects.select_related("client")
    serializer_class = ProjectSerializer
    filterset_fields = ["client", "status", "billing_model", "is_archived", "lead", "code"]
    save = staticmethod(services.save_project)


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
