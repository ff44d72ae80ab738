"""REST API of time entries and the timer. Thin: parse, call one service, render."""

import copy
import threading

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.models import Member
from timeledger.accounts.permissions import IsOrganisationMember
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import idempotency, timeutil
from timeledger.core.api import is_schema_request
from timeledger.core.idempotency import idempotent
from timeledger.core.money import quantize
from timeledger.core.serializers import (
    ModelSerializer,
    StrictFieldsMixin,
    StrictSerializer,
    TenantRelatedField,
)
from timeledger.projects.models import Project, Task
from timeledger.timesheets import rules, selectors, services
from timeledger.timesheets.models import EntryStatus, TimeEntry


class CanSeeTime(IsOrganisationMember):
    """Roles that log time or read everyone's time; client viewers see no time entries."""

    message = gettext_lazy("Your role cannot see time entries.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and (
            request.member.can(Cap.LOG_TIME) or request.member.can(Cap.VIEW_ALL_TIME)
        )


class ProjectField(TenantRelatedField):
    """The project of a write, its organisation taken from the request rather than fetched again.

    The field only finds the request's organisation's projects, so the project's organisation is
    the request's: caching it spares the query that the rounding rule (``project.organisation``)
    would make on every write.
    """

    def __init__(self, **kwargs):
        super().__init__(Project, **kwargs)

    def to_internal_value(self, data):
        project = super().to_internal_value(data)
        _share_organisation(project, self.context.get("organisation"))
        return project


def _share_organisation(project, organisation) -> None:
    if project is not None and organisation is not None:
        if project.organisation_id == organisation.pk:
            project.organisation = organisation


class EntrySerializer(StrictFieldsMixin, ModelSerializer):
    @extend_schema_field(
        inline_serializer(
            "EntryInvoicedShare",
            {
                "hours": serializers.CharField(),
                "amount": serializers.CharField(),
                "currency": serializers.CharField(),
            },
            allow_null=True,
        )
    )
    def get_invoiced(self, obj) -> dict | None:
        if obj.invoice_line_id is None:
            return None
        shares = self.context.get("invoiced_shares")
        if shares is None or obj.pk not in shares:
            shares = selectors.invoiced_shares([obj])
        hours, amount, currency = shares[obj.pk]
        return {
            "hours": str(hours),
            "amount": str(quantize(amount, currency)),
            "currency": currency,
        }

    project = ProjectField()
    # Empty until the rate is frozen on approval: a plain string, not the currency enum.
    currency = serializers.CharField(read_only=True, help_text="Empty until the rate is frozen.")
    task = TenantRelatedField(Task, required=False, allow_null=True)
    member = TenantRelatedField(
        Member, required=False, help_text="Whose time (managers only; default: you)."
    )
    is_billable = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Omit (or null) to take the task's flag; stored explicitly on the entry.",
    )
    duration = serializers.CharField(
        write_only=True, required=False, help_text="For duration entries: 1:30, 1.5 or 90m."
    )
    # At least 1 on input (checked in validate_seconds, not as the field's minimum: a running
    # timer's entry answers 0, and the response schema must allow it).
    seconds = serializers.IntegerField(
        required=False, help_text="Duration entries: at least 1. A running timer's entry: 0."
    )
    hours = serializers.SerializerMethodField()
    invoiced = serializers.SerializerMethodField(
        help_text="Billed entries: their share of the invoice line — hours and amount that add up "
        "to the line across its entries (``amount`` is the entry's own frozen value)."
    )
    is_running = serializers.BooleanField(read_only=True)
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = TimeEntry
        fields = [
            "id",
            "member",
            "client",
            "project",
            "project_code",
            "task",
            "date",
            "start",
            "end",
            "is_running",
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
            "needs_acceptance",
            "invoice_line",
            "invoiced",
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
            "needs_acceptance",
            "invoice_line",
            "created_at",
            "updated_at",
        ]
        # The one-running-timer constraint is the services' and the database's business; DRF
        # would otherwise turn it into a validator that makes ``member`` required.
        validators: list = []
        extra_kwargs = {
            "date": {"required": False, "help_text": "For duration entries: the local date."},
            "start": {"help_text": "For start–end entries: an ISO 8601 instant with offset."},
        }

    def get_fields(self):
        """The fields, built from the model once per process and copied for each serializer
        (as DRF copies declared fields): ``ModelSerializer`` would otherwise introspect the model
        and build every field again for each request and each answer of a write."""
        template = type(self).__dict__.get("_field_template")
        if template is None:
            template = super().get_fields()
            type(self)._field_template = template
        return copy.deepcopy(template)

    def get_hours(self, obj) -> str:
        return timeutil.format_hours(obj.seconds)

    def validate_seconds(self, value: int) -> int:
        if value < 1:
            raise serializers.ValidationError(_("Enter at least 1 second."))
        return value

    def validate(self, attrs):
        if "duration" in attrs:
            try:
                attrs["seconds"] = timeutil.parse_duration(attrs.pop("duration"))
            except ValueError as exc:
                raise serializers.ValidationError({"duration": [str(exc)]}) from None
        instance = self.instance
        if instance is not None:
            if "member" in attrs and attrs["member"].pk != instance.member_id:
                raise serializers.ValidationError(
                    {"member": [_("An entry cannot move to another member; log it again.")]}
                )
            timed_now = instance.start is not None and "seconds" not in attrs
            if timed_now and "date" in attrs and "start" not in attrs:
                raise serializers.ValidationError(
                    {"date": [_("This entry has a start and end; change those instead.")]}
                )
        return attrs

    def to_input(self, instance=None) -> services.EntryInput:
        data = self.validated_data

        def pick(name, default=None):
            if name in data:
                return data[name]
            return getattr(instance, name) if instance is not None else default

        project = pick("project")
        if instance is not None and "task" not in data and project.pk != instance.project_id:
            task = None  # the old task belongs to the old project
        else:
            task = pick("task")
        if "is_billable" in data:
            is_billable = data["is_billable"]
        elif instance is not None and (
            project.pk != instance.project_id or getattr(task, "pk", None) != instance.task_id
        ):
            is_billable = None  # a new task brings its own default
        else:
            is_billable = instance.is_billable if instance is not None else None
        timed = (
            "start" in data
            or "end" in data
            or (instance is not None and instance.start is not None and "seconds" not in data)
        )
        return services.EntryInput(
            project=project,
            task=task,
            description=pick("description", "") or "",
            is_billable=is_billable,
            start=pick("start") if timed else None,
            end=pick("end") if timed else None,
            date=None if timed else pick("date"),
            seconds=None if timed else pick("seconds"),
        )


def _org_rows(model):
    def queryset(request):
        if request is None or getattr(request, "organisation", None) is None:
            return model.objects.none()
        return model.objects.filter(organisation=request.organisation)

    return queryset


class EntryFilter(filters.FilterSet):
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte", label="From date")
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte", label="Up to date")
    client = filters.ModelChoiceFilter(queryset=_org_rows(Client))
    project = filters.ModelChoiceFilter(queryset=_org_rows(Project))
    task = filters.ModelChoiceFilter(queryset=_org_rows(Task))
    member = filters.ModelChoiceFilter(queryset=_org_rows(Member))
    client_code = filters.CharFilter(field_name="client__code", lookup_expr="iexact")
    project_code = filters.CharFilter(field_name="project__code", lookup_expr="iexact")
    billable = filters.BooleanFilter(field_name="is_billable")
    needs_acceptance = filters.BooleanFilter(
        field_name="needs_acceptance",
        label="Above a not-to-exceed cap, waiting for a manager's acceptance",
    )
    status = filters.MultipleChoiceFilter(choices=EntryStatus.choices)
    running = filters.BooleanFilter(method="filter_running")

    class Meta:
        model = TimeEntry
        fields = ["is_billable"]

    def filter_running(self, queryset, name, value):
        running = {"start__isnull": False, "end__isnull": True}
        return queryset.filter(**running) if value else queryset.exclude(**running)


class TimerStartSerializer(StrictSerializer):
    project = ProjectField()
    task = TenantRelatedField(Task, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    is_billable = serializers.BooleanField(required=False, allow_null=True, default=None)


class TimerStateSerializer(serializers.Serializer):
    running = serializers.BooleanField()
    elapsed_seconds = serializers.IntegerField(
        allow_null=True, help_text="Seconds since the running timer started."
    )
    entry = EntrySerializer(allow_null=True, help_text="The running (or just stopped) entry.")


_ASK = object()


def timer_state(request, entry=None, http_status=status.HTTP_200_OK, running=_ASK) -> Response:
    """The member's timer: ``entry`` (e.g. the one just stopped) or the running one.

    ``running``: the running timer when the caller knows it (the one just started, or ``None``
    right after a stop, both under the member's lock), saving the query that looks it up."""
    if running is _ASK:
        running = services.running_timer(request.member)
    shown = entry if entry is not None else running
    elapsed = timeutil.duration_seconds(running.start, timeutil.now()) if running else None
    context = {"request": request, "organisation": request.organisation}
    body = {
        "running": running is not None,
        "elapsed_seconds": elapsed,
        "entry": entry_answer(shown, context) if shown else None,
    }
    return Response(body, status=http_status)


_answers = threading.local()


def entry_answer(entry: TimeEntry, context: dict) -> dict:
    """``EntrySerializer(entry, context=context).data``, from one serializer per thread whose
    fields were built and bound once: an answer needs no new fields, only their representation
    (copying some 30 fields cost more than rendering them). ``test_query_counts`` checks the
    answers against the entry read back."""
    serializer = getattr(_answers, "serializer", None)
    if serializer is None:
        serializer = EntrySerializer()
        serializer.fields  # noqa: B018 — built and bound here, once
        _answers.serializer = serializer
    serializer._context = context
    try:
        return serializer.to_representation(entry)
    finally:
        serializer._context = {}


class EntryViewSet(viewsets.ModelViewSet):
    """Time entries. Members see their own; managers and accountants see everyone's.

    Create either a start–end entry (``start``, ``end``) or a duration on a date (``date`` and
    ``seconds`` or ``duration``). DELETE removes a draft or rejected entry.
    """

    serializer_class = EntrySerializer
    permission_classes = [CanSeeTime]
    filterset_class = EntryFilter
    queryset = TimeEntry.objects.all()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if is_schema_request(self):
            return TimeEntry.objects.none()
        return selectors.visible_entries(self.request.member).order_by("-date", "-start", "-id")

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "organisation": getattr(self.request, "organisation", None),
            "invoiced_shares": getattr(self, "_shares", None),
        }

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # One query for the invoice-line shares of the page's billed entries.
        self._shares = selectors.invoiced_shares(page or [])
        return page

    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.create_entry(
            serializer.to_input(),
            by=self.request.member,
            member=serializer.validated_data.get("member"),
        )

    def perform_update(self, serializer):
        _share_organisation(serializer.instance.project, self.request.organisation)
        serializer.instance = services.update_entry(
            serializer.instance, serializer.to_input(serializer.instance), by=self.request.member
        )

    def perform_destroy(self, instance):
        services.delete_entry(instance, by=self.request.member)

    @extend_schema(
        request=None,
        responses={201: TimerStateSerializer},
        description="Start a timer on this entry's project, task, description and billable flag "
        "(stopping the running one). Only for your own entries.",
    )
    @action(detail=True, methods=["post"])
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def restart(self, request, pk=None):
        entry = self.get_object()
        _share_organisation(entry.project, request.organisation)
        started = services.restart_timer(entry, by=request.member)
        return timer_state(request, started, status.HTTP_201_CREATED, running=started)


class _TimerView(APIView):
    permission_classes = [IsOrganisationMember]

    def start_data(self, request) -> dict:
        serializer = TimerStartSerializer(
            data=request.data, context={"request": request, "organisation": request.organisation}
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class TimerView(_TimerView):
    """The member's timer: is one running, since when, on what."""

    @extend_schema(responses=TimerStateSerializer, operation_id="timer_status")
    def get(self, request):
        return timer_state(request)


class TimerStartView(_TimerView):
    @extend_schema(
        request=TimerStartSerializer,
        responses={201: TimerStateSerializer},
        operation_id="timer_start",
        description="Start a timer. Refused (400) while another one runs; use switch.",
    )
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def post(self, request):
        data = self.start_data(request)
        started = services.start_timer(data.pop("project"), by=request.member, **data)
        return timer_state(request, started, status.HTTP_201_CREATED, running=started)


class TimerSwitchView(_TimerView):
    @extend_schema(
        request=TimerStartSerializer,
        responses={201: TimerStateSerializer},
        operation_id="timer_switch",
        description="Stop the running timer (if any) and start another at the same instant.",
    )
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def post(self, request):
        data = self.start_data(request)
        started = services.switch_timer(data.pop("project"), by=request.member, **data)
        return timer_state(request, started, status.HTTP_201_CREATED, running=started)


class TimerStopView(_TimerView):
    @extend_schema(
        request=inline_serializer("TimerStop", fields={}),
        responses=TimerStateSerializer,
        operation_id="timer_stop",
        description="Stop the running timer; the answer holds the finished entry.",
    )
    @extend_schema(parameters=[idempotency.PARAMETER])
    @idempotent
    def post(self, request):
        entry = services.stop_timer(by=request.member)
        return timer_state(request, entry=entry, running=None)


def _plausible_date(value):
    if not rules.date_in_range(value):
        raise serializers.ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s.")
            % {"earliest": rules.EARLIEST_DATE, "latest": rules.LATEST_DATE}
        )
    return value


class WeekQuerySerializer(serializers.Serializer):
    week = serializers.DateField(
        required=False,
        validators=[_plausible_date],
        help_text="Any day of the week (default: today in your time zone).",
    )


class GridRowSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    project_code = serializers.CharField()
    task = serializers.IntegerField(allow_null=True)
    task_name = serializers.CharField(allow_blank=True)
    cells = serializers.DictField(
        child=serializers.IntegerField(), help_text="Seconds per ISO date."
    )
    notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="The note per ISO date (only days that have one).",
    )
    total = serializers.IntegerField()


class WeekGridSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    days = serializers.ListField(child=serializers.DateField())
    rows = GridRowSerializer(many=True)
    day_totals = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class GridCellSerializer(serializers.Serializer):
    project = TenantRelatedField(Project)
    task = TenantRelatedField(Task, required=False, allow_null=True)
    date = serializers.DateField(validators=[_plausible_date])
    duration = serializers.CharField(
        required=False, help_text="The cell's new total: 1:30, 1.5, 90m; 0 clears it."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.NOTE_MAX_LENGTH,
        help_text="The cell's note (kept on its entry, as the grid's note field does).",
    )

    def validate_duration(self, value):
        try:
            return timeutil.parse_duration(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from None

    def validate(self, attrs):
        if "duration" not in attrs and "note" not in attrs:
            raise serializers.ValidationError(
                {"duration": [_("Give the cell's duration, its note, or both.")]}
            )
        return attrs


def _week_body(member, day) -> dict:
    monday = timeutil.week_start(day, member.organisation.week_start)
    grid = selectors.week_grid(member, monday)
    notes = selectors.cell_notes(member, monday)
    return {
        "week_start": monday,
        "days": grid["days"],
        "rows": [
            {
                "project": row["project"].pk,
                "project_code": row["project"].code,
                "task": row["task"].pk if row["task"] else None,
                "task_name": row["task"].name if row["task"] else "",
                "cells": {d.isoformat(): s for d, s in row["cells"].items()},
                "notes": {
                    d.isoformat(): note
                    for d in grid["days"]
                    if (
                        note := notes.get(
                            (row["project"].pk, row["task"].pk if row["task"] else 0, d)
                        )
                    )
                },
                "total": row["total"],
            }
            for row in grid["rows"]
        ],
        "day_totals": {d.isoformat(): s for d, s in grid["day_totals"].items()},
        "total": grid["total"],
    }


class WeekView(_TimerView):
    """Your week as the weekly grid shows it: seconds per project/task row and day."""

    @extend_schema(
        parameters=[WeekQuerySerializer], responses=WeekGridSerializer, operation_id="week_grid"
    )
    def get(self, request):
        query = WeekQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        member = request.member
        day = query.validated_data.get("week") or timeutil.local_date(
            timeutil.now(), member.timezone
        )
        return Response(WeekGridSerializer(_week_body(member, day)).data)


class WeekCellView(_TimerView):
    @extend_schema(
        request=GridCellSerializer,
        responses=WeekGridSerializer,
        operation_id="week_grid_cell",
        description="Set one cell of the weekly grid to a total and/or its note; editable "
        "duration entries absorb the change, timed or submitted entries are never touched.",
    )
    def post(self, request):
        serializer = GridCellSerializer(
            data=request.data, context={"request": request, "organisation": request.organisation}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with transaction.atomic():  # both or neither
            if "duration" in data:
                services.set_cell_seconds(
                    data["project"],
                    data.get("task"),
                    data["date"],
                    data["duration"],
                    by=request.member,
                )
            if "note" in data:
                services.set_cell_note(
                    data["project"],
                    data.get("task"),
                    data["date"],
                    data["note"],
                    by=request.member,
                )
        return Response(WeekGridSerializer(_week_body(request.member, data["date"])).data)


def register(router):
    router.register("entries", EntryViewSet, basename="entry")


extra_urls = [
    path("timer/", TimerView.as_view(), name="api-timer"),
    path("timer/start/", TimerStartView.as_view(), name="api-timer-start"),
    path("timer/stop/", TimerStopView.as_view(), name="api-timer-stop"),
    path("timer/switch/", TimerSwitchView.as_view(), name="api-timer-switch"),
    path("week/", WeekView.as_view(), name="api-week"),
    path("week/cells/", WeekCellView.as_view(), name="api-week-cell"),
]
