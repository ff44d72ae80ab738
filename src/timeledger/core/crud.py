"""Create-or-update of simple tenant rows with validation and an audit row, in one transaction.

Used by the services of clients and projects; rules specific to a model go in that model's
``services.py`` before it calls ``save_validated``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from timeledger.core.audit import record, snapshot


def save_validated(
    model, instance, data: dict, *, by, unique_message: dict[str, str] | None = None
):
    """Apply ``data`` to ``instance`` (or a new ``model``), run full validation, save, audit."""
    organisation = by.organisation
    creating = instance is None
    if creating:
        instance = model(organisation=organisation)
    elif instance.organisation_id != organisation.id:
        raise ValidationError({"non_field_errors": [_("Not found.")]})
    before = None if creating else snapshot(instance)
    for field, value in data.items():
        setattr(instance, field, value)
    # Check constraints are validated here too, so a bad value is a field error, never a 500.
    instance.full_clean(exclude=["organisation"])
    try:
        with transaction.atomic():
            instance.save()
            record(
                organisation=organisation,
                actor=by.user,
                action="create" if creating else "update",
                obj=instance,
                before=before,
                after=snapshot(instance),
            )
    except IntegrityError as exc:
        if unique_message:
            raise ValidationError({k: [v] for k, v in unique_message.items()}) from exc
        raise
    return instance
