import datetime as dt

from django.db import models
from rest_framework import serializers


class TenantRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that can only point at rows of the request's organisation.

    An id of another organisation reads as "does not exist", never as a leak.
    """

    def __init__(self, model=None, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all() if model else None)
        super().__init__(**kwargs)

    def get_queryset(self):
        organisation = self.context.get("organisation")
        qs = super().get_queryset()
        return qs.filter(organisation=organisation) if organisation else qs.none()


class SafeDateTimeField(serializers.DateTimeField):
    """A date-time whose conversion to the server's zone cannot overflow into a 500.

    ``0001-01-01T00:00`` parses, but shifting it to a zone east of UTC leaves the calendar;
    DRF lets that ``OverflowError`` escape. Here it is an ordinary field error.
    """

    default_error_messages = {"range": "Date-time out of range."}

    def to_internal_value(self, value):
        try:
            parsed = super().to_internal_value(value)
            if parsed is not None and parsed.tzinfo is not None:
                parsed.astimezone(dt.UTC)  # the services compare in UTC
            return parsed
        except OverflowError:
            self.fail("range")


class SafeDateField(serializers.DateField):
    """A calendar date within years 1900–2999.

    Week and period arithmetic adds days to the dates it is given; ``9999-12-31`` plus a week
    leaves Python's calendar (``OverflowError``, a 500). No timesheet or invoice date is that far.
    """

    default_error_messages = {"range": "Date must fall between 1900 and 2999."}

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        if parsed is not None and not 1900 <= parsed.year <= 2999:
            self.fail("range")
        return parsed


class ModelSerializer(serializers.ModelSerializer):
    """``ModelSerializer`` with the safe date-time field for every ``DateTimeField``."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: SafeDateTimeField,
        models.DateField: SafeDateField,
    }
