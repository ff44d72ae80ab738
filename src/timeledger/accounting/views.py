"""Invoices › Books: the account mapping, exports for a period and the past exports with their
files. Thin: each POST calls one ``accounting.services`` function, as the API and CLI do."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from timeledger.accounting import rules, services
from timeledger.accounting.forms import ChartForm, ExportForm, MappingForm
from timeledger.accounts.roles import Cap
from timeledger.core.forms import apply_service_errors, save_with
from timeledger.invoicing.issuing import today_for


def _require(request) -> None:
    if request.member is None or not request.member.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot export to accounting."))


def _page(request, *, mapping_form=None, export_form=None, chart_form=None, status=200):
    mapping = services.mapping_for(request.organisation)
    return render(
        request,
        "accounting/books.html",
        {
            "mapping": mapping,
            "mapping_form": mapping_form or MappingForm.for_mapping(mapping),
            "chart_form": chart_form or ChartForm(initial={"chart": mapping.chart}),
            "export_form": export_form or ExportForm.for_today(today_for(request.organisation)),
            "exports": services.exports(request.organisation)[:100],
            "preset": rules.COUNTRY_CHART.get(request.organisation.country, ""),
        },
        status=status,
    )


@login_required
def books(request):
    _require(request)
    return _page(request)


@login_required
@require_POST
def export(request):
    _require(request)
    form = ExportForm.for_today(today_for(request.organisation), request.POST)
    result = save_with(form, lambda c: services.export(by=request.member, **c))
    if result is None:
        return _page(request, export_form=form, status=400)
    messages.success(
        request,
        gettext("Exported %(count)s document(s) to %(file)s.")
        % {"count": result.documents, "file": result.file_name},
        extra_tags="export",
    )
    return redirect("accounting_books")


@login_required
@require_POST
def mapping(request):
    _require(request)
    form = MappingForm.for_mapping(services.mapping_for(request.organisation), request.POST)
    if save_with(form, lambda c: services.update_mapping(c, by=request.member)) is None:
        return _page(request, mapping_form=form, status=400)
    messages.success(request, gettext("Account mapping saved."))
    return redirect("accounting_books")


@login_required
@require_POST
def chart(request):
    """Choose a chart: SKR03/SKR04 load its default accounts; "Custom" keeps the accounts."""
    _require(request)
    form = ChartForm(request.POST)
    if form.is_valid():
        try:
            services.update_mapping({"chart": form.cleaned_data["chart"]}, by=request.member)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        return _page(request, chart_form=form, status=400)
    chart = form.cleaned_data["chart"]
    messages.success(
        request,
        gettext("Loaded the %(chart)s accounts.") % {"chart": chart}
        if chart
        else gettext("Chart set to custom."),
    )
    return redirect("accounting_books")


@login_required
def download(request, pk: int):
    _require(request)
    found = get_object_or_404(services.exports(request.organisation), pk=pk)
    content, content_type = services.file_of(found)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    return response
