"""Pages: the e-invoice settings of a client and of the organisation, the download of an
invoice's e-invoice, and the invoice page's e-invoice panel (``invoice_detail_context``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped
from timeledger.clients.models import Client
from timeledger.core.forms import handle_form
from timeledger.einvoicing import selectors, services
from timeledger.einvoicing.forms import ClientEinvoiceForm, OrganisationEinvoiceForm


def invoice_panel(sender, *, request, invoice, **kwargs) -> dict:
    """The stored e-invoice and the client's format, for the invoice page."""
    return {
        "einvoice": selectors.stored(invoice),
        "einvoice_format": selectors.client_settings(invoice.client).get_format_display(),
    }


@login_required
def einvoice_download(request, pk: int):
    require(request, Cap.VIEW_INVOICES)
    invoice = selectors.visible_invoices(request.member).filter(pk=pk).first()
    if invoice is None or selectors.stored(invoice) is None:
        raise Http404("No e-invoice.")
    filename, content, mimetype = services.download(invoice)
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def client_settings(request, pk: int):
    require(request, Cap.MANAGE_BILLING)
    client = get_scoped(Client, request, pk=pk)
    current = selectors.client_settings(client)
    form = ClientEinvoiceForm(request.POST if request.method == "POST" else None, instance=current)
    return handle_form(
        request,
        form,
        lambda cleaned: services.update_client_settings(
            client, {f: cleaned[f] for f in services.CLIENT_FIELDS}, by=request.member
        ),
        template="form_page.html",
        context={
            "title": _("E-invoicing of %(client)s") % {"client": client.name},
            "breadcrumbs": [
                (reverse("client_list"), _("Clients")),
                (reverse("client_detail", args=[client.pk]), client.name),
            ],
            "cancel_url": reverse("client_detail", args=[client.pk]),
        },
        success_url=lambda saved: reverse("client_detail", args=[client.pk]),
    )


@login_required
def organisation_settings(request):
    require(request, Cap.MANAGE_SETTINGS)
    current = selectors.organisation_settings(request.organisation)
    form = OrganisationEinvoiceForm(
        request.POST if request.method == "POST" else None, instance=current
    )
    return handle_form(
        request,
        form,
        lambda cleaned: services.update_organisation_settings(
            {f: cleaned[f] for f in services.ORGANISATION_FIELDS}, by=request.member
        ),
        template="form_page.html",
        context={
            "title": _("E-invoicing: electronic address and ids"),
            "breadcrumbs": [(reverse("organisation_settings"), _("Settings"))],
            "cancel_url": reverse("organisation_settings"),
        },
        success_url=lambda saved: reverse("organisation_settings"),
    )
