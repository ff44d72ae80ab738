"""Celery app. With no broker configured, tasks run eagerly in-process (settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")
app = Celery("timeledger")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
