import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.settings import api_settings

from timeledger.core import timeutil
from timeledger.core.money import MINOR_UNITS, MONEY_PLACES, quantize

# Where a row's currency is found, tried in order (an invoice line's is its invoice's).
CURRENCY_SOURCES = ("currency", "invoice.currency", "payment.currency", "project.client.currency")


def currency_of(instance, sources=CURRENCY_SOURCES) -> str | None:
    """The currency of a serialized row (a model or a dict), or None when it has none."""
    for source in sources:
        value = instance
        try:
            for part in source.split("."):
                value = value.get(part) if isinstance(value, dict) else getattr(value, part)
        except (AttributeError, ObjectDoesNotExist):
            continue
        if isinstance(value, str) and value in MINOR_UNITS:
            return value
    return None


@dataclass(frozen=True)
class _Amount:
    amount: Decimal
    currency: str | None


class AmountField(serializers.DecimalField):
    """Money. In: up to 3 decimals (the services check the currency's minor unit). Out: in the
    minor unit of the row's currency — ``"1800.00"`` EUR, ``"18.518"`` KWD, ``"1800"`` JPY —
    although the column holds 3 decimals for every currency. In, at most as wide as the money
    columns (15 digits): a wider amount would overflow the column (a 500) after validation."""

    def __init__(self, *, currency_sources=CURRENCY_SOURCES, **kwargs):
        kwargs.setdefault("max_digits", 15)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        self.currency_sources = currency_sources
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if value is None or value == "":
            return value
        return _Amount(value, currency_of(instance, self.currency_sources))

    def to_representation(self, value):
        currency = None
        if isinstance(value, _Amount):
            value, currency = value.amount, value.currency
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        if currency is None:
            # No currency at hand: at least two decimals, a third only when it is there.
            two = value.quantize(Decimal("0.01"))
            value = two if two == value else value.quantize(Decimal("0.001"))
        else:
            value = quantize(value, currency)
        coerce = getattr(self, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        return str(value) if coerce else value


# The largest id a row can have (a signed 64-bit key on PostgreSQL and SQLite alike); a bigger
# number would overflow in the database driver (a 500 on SQLite) before any lookup.
MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """A row id given in a request body: 1 … ``MAX_ID``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class TenantRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that can only point at rows of the request's organisation.

    An id of another organisation reads as "does not exist", never as a leak.
    """

    def __init__(self, model=None, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all() if model else None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        if isinstance(data, str) and data.isdigit() and int(data) > MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def get_queryset(self):
        organisation = self.context.get("organisation")
        qs = super().get_queryset()
        return qs.filter(organisation=organisation) if organisation else qs.none()


class SafeDateTimeField(serializers.DateTimeField):
    """A date-time whose conversion to the server's zone cannot overflow into a 500.

    ``0001-01-01T00:00`` parses, but shifting it to a zone east of UTC leaves the calendar;
    DRF lets that ``OverflowError`` escape. Here it is an ordinary field error.
    """

    default_error_messages = {"range": gettext_lazy("Date-time out of range.")}

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

    default_error_messages = {"range": timeutil.DATE_RANGE_MESSAGE}

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        if parsed is not None and not timeutil.in_date_range(parsed):
            self.fail("range")
        return parsed


class ModelSerializer(serializers.ModelSerializer):
    """``ModelSerializer`` with the safe date-time field for every ``DateTimeField`` and
    ``AmountField`` for every money column (the 3-decimal ``DecimalField``s)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: SafeDateTimeField,
        models.DateField: SafeDateField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.DecimalField) and (
            model_field.decimal_places == MONEY_PLACES
        ):
            field_class = AmountField
        return field_class, kwargs


class StrictFieldsMixin:
    """Refuses input keys the serializer does not know, as field errors ("Unknown field.").

    A typo in a money-moving request (``ammount``, ``alocations``) would otherwise be dropped
    without a word and the request carried out with the default. Read-only fields count as
    known (a client may send back what it read); nested serializers that use the mixin report
    their own keys (``lines[0].quantity_typo``). A form or multipart body (expense receipts) may
    carry the CSRF token, which is not an input field.
    """

    ignored_input_keys = frozenset({"csrfmiddlewaretoken"})

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(
                str(key)
                for key in data
                if key not in self.fields and key not in self.ignored_input_keys
            )
            if unknown:
                raise serializers.ValidationError({key: [_("Unknown field.")] for key in unknown})
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    """A plain input serializer that refuses unknown fields."""
