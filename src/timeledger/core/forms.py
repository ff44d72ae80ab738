"""Glue between Django forms and service functions: the service decides, the form shows why.

Services raise ``ValidationError`` with field-level messages (``{"code": ["..."]}``); a view hands
the form and a callable to ``save_with`` and the messages land next to the matching fields, the
rest (``non_field_errors``, or a field the form does not show) at the top of the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect

from timeledger.core import timeutil

T = TypeVar("T")

# Service field names shown by a differently named form field (e.g. project/task in one select).
FIELD_ALIASES: dict[str, str] = {}


def apply_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    aliases = {**FIELD_ALIASES, **(aliases or {})}
    form.errors  # noqa: B018 - runs validation once so add_error has somewhere to write
    if not hasattr(form, "cleaned_data"):  # an unbound form (e.g. "stop" posts no fields)
        form.cleaned_data = {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        target = aliases.get(field, field)
        if target in (NON_FIELD_ERRORS, "non_field_errors") or target not in form.fields:
            target = None
        for message in messages:
            form.add_error(target, message)


def save_with(
    form: forms.BaseForm, save: Callable[[dict], T], aliases: dict[str, str] | None = None
) -> T | None:
    """Validate ``form``; if valid call ``save(cleaned_data)``; map service errors onto the form."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc, aliases)
        return None


def handle_form(
    request,
    form: forms.BaseForm,
    save: Callable[[dict], T],
    *,
    template: str,
    context: dict,
    success_url: Callable[[T], str],
    partial: str = "partials/form_card.html",
    aliases: dict[str, str] | None = None,
):
    """The whole GET/POST dance of a create/edit page whose save is one service call.

    GET renders ``template``. POST validates, calls ``save``; success redirects (an htmx request
    gets ``HX-Redirect``), failure re-renders with the messages next to the fields (htmx: only the
    form fragment ``partial``).
    """
    context = {**context, "form": form}
    if request.method == "POST":
        obj = save_with(form, save, aliases)
        if obj is not None:
            url = success_url(obj)
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        if request.htmx:
            return render(request, partial, context)
    return render(request, template, context)


class DateInput(forms.DateInput):
    """A browser date picker. Its value must be ISO (``2026-12-01``) whatever the locale: the
    localised ``01/12/2026`` leaves the picker empty and the first submit fails."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 (Django's own name)
        super().__init__(attrs=attrs, format=format)


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that only parses: the model's own validation (field validators, constraints,
    uniqueness) runs once, in the service's ``full_clean``, whose messages ``save_with`` maps back
    onto these fields. Running it here too would show Django's generic constraint text instead of
    the service's message, and would validate against the wrong organisation."""

    def _post_clean(self):
        pass


class DateField(forms.DateField):
    """A form date within the years every date is bounded to (``timeutil.DATE_MIN``–``MAX``)."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not timeutil.in_date_range(day):
            raise ValidationError(timeutil.DATE_RANGE_MESSAGE, code="range")
        return day
