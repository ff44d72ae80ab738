"""``timeledger tick`` and Celery beat run the same periodic jobs: with a broker configured beat is
the scheduler, without one cron runs ``tick``; a job only one of them knows silently never runs in
the other set-up (the budget, cap and retainer checks had no beat entry)."""

from __future__ import annotations

import importlib

import pytest
from django.conf import settings

from timeledger.celery import app
from timeledger.cli import tick


def _recorders(monkeypatch) -> list[str]:
    """Replace every tick job's callable by one that records its job name. The jobs themselves
    are tested where they live; here only *which* job a beat task reaches matters."""
    called: list[str] = []
    for name, path in tick.jobs():
        module, attr = path.rsplit(".", 1)

        def record(*args, _name=name, **kwargs):
            called.append(_name)
            return {}

        monkeypatch.setattr(importlib.import_module(module), attr, record)
    return called


def test_every_tick_job_callable_imports():
    for name, path in tick.jobs():
        module, attr = path.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module), attr)), name


def test_every_beat_entry_runs_a_registered_task():
    app.loader.import_default_modules()  # autodiscover the apps' tasks.py
    for key, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"beat entry {key!r}: no task {entry['task']!r}"
        assert entry["schedule"] > 0


@pytest.mark.django_db
def test_every_tick_job_has_a_beat_entry_and_every_beat_entry_is_a_tick_job(monkeypatch):
    # given the jobs `timeledger tick` runs, each replaced by a recorder
    app.loader.import_default_modules()
    called = _recorders(monkeypatch)
    reached: dict[str, list[str]] = {}
    # when each beat entry's task runs (eagerly, in-process)
    for key, entry in settings.CELERY_BEAT_SCHEDULE.items():
        before = len(called)
        app.tasks[entry["task"]].apply(
            args=entry.get("args", ()), kwargs=entry.get("kwargs", {})
        ).get()
        reached[key] = called[before:]
    # then every beat entry runs exactly one tick job, and every tick job has exactly one entry
    assert {k: len(v) for k, v in reached.items()} == {k: 1 for k in reached}
    jobs = sorted(job for names in reached.values() for job in names)
    assert jobs == sorted(name for name, _path in tick.jobs())


@pytest.mark.django_db
def test_tick_runs_every_job_once(monkeypatch, capsys):
    # given recorders for the jobs; when `timeledger tick` runs; then each ran once, in order
    from timeledger.cli import main

    called = _recorders(monkeypatch)
    assert main(["tick", "--now", "2026-03-02T09:00+01:00"]) == 0
    assert called == [name for name, _path in tick.jobs()]
