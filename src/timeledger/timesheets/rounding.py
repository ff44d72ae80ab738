"""Rounding of logged time into billable time, applied per entry.

Rule: the project's increment and mode if it sets them, else the organisation's. ``up`` rounds any
part of an increment up, ``down`` drops it, ``nearest`` rounds half an increment and more up.
Increment 1 min with mode ``none`` keeps the logged seconds unchanged.
"""

from __future__ import annotations

INCREMENTS = (1, 5, 6, 10, 15, 30)
MODES = ("none", "up", "down", "nearest")


def round_seconds(seconds: int, increment_minutes: int, mode: str) -> int:
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    if increment_minutes not in INCREMENTS:
        raise ValueError(f"increment must be one of {INCREMENTS} minutes")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if mode == "none":
        return seconds
    step = increment_minutes * 60
    whole, rest = divmod(seconds, step)
    if rest == 0 or mode == "down":
        return whole * step
    if mode == "up" or rest * 2 >= step:
        return (whole + 1) * step
    return whole * step


def rule_for(project, organisation) -> tuple[int, str]:
    increment = project.rounding_increment or organisation.rounding_increment
    mode = project.rounding_mode or organisation.rounding_mode
    return increment, mode


def rounded_seconds_for_entry(entry) -> int:
    increment, mode = rule_for(entry.project, entry.project.organisation)
    return round_seconds(entry.seconds, increment, mode)
