"""Periodic work of timesheets, for Celery beat (``CELERY_BEAT_SCHEDULE``) and ``timeledger tick``.

Tasks hold no rules: they call the service and return its counts.
"""

from celery import shared_task

from timeledger.timesheets import reminders


@shared_task(name="timesheets.send_reminders")
def send_reminders() -> dict[str, int]:
    return reminders.run_due()
