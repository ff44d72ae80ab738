"""System checks of invoicing, run at start (``manage.py check``, ``runserver``, ``migrate``)."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from timeledger.invoicing.numbering import record_problems


@register("timeledger")
def numbering_record(app_configs=None, **kwargs):
    """A restored backup: a counter at or below the number recorded as issued (W001)."""
    try:
        problems = record_problems()
    except (DatabaseError, RuntimeError):
        # Not migrated yet, or no database access here (Celery's model validation under test):
        # nothing to compare.
        return []
    return [
        Warning(
            problem,
            hint="Issuing in this series is refused until the counter is moved past it.",
            id="timeledger.W001",
        )
        for problem in problems
    ]
