"""REST API: ``GET /api/invoices/{id}/einvoice/`` (the stored file) and the e-invoice settings of
a client (``/api/clients/{id}/einvoice-settings/``) and of the organisation
(``/api/organisation/einvoice-settings/``). Thin: one service call each."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.einvoicing import selectors, services
from timeledger.einvoicing.models import (
    ClientEinvoiceSettings,
    OrganisationEinvoiceSettings,
    TaxCategoryEinvoiceSettings,
)
from timeledger.invoicing.models import TaxCategory


@extend_schema(
    responses={
        (200, "application/xml"): OpenApiTypes.BINARY,
        (200, "application/pdf"): OpenApiTypes.BINARY,
    },
    operation_id="invoice_einvoice",
)
@api_view(["GET"])
@permission_classes([capability(Cap.VIEW_INVOICES, Cap.MANAGE_BILLING)])
def einvoice_view(request, pk: int):
    """The e-invoice stored at issue: UBL or CII XML, or the Factur-X PDF."""
    invoice = selectors.visible_invoices(request.member).filter(pk=pk).first()
    if invoice is None:
        raise Http404("No such invoice.")
    filename, content, mimetype = services.download(invoice)
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ClientEinvoiceSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClientEinvoiceSettings
        fields = list(services.CLIENT_FIELDS)


class OrganisationEinvoiceSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationEinvoiceSettings
        fields = list(services.ORGANISATION_FIELDS)


class TaxCategoryEinvoiceSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaxCategoryEinvoiceSettings
        fields = list(services.TAX_CATEGORY_FIELDS)


def settings_view(serializer_class, *, operation: str, cap: Cap, owner, read, update):
    """``GET``/``PATCH`` of the e-invoice settings of one thing: ``owner(request, **kwargs)`` finds
    it in the request's organisation (or None: 404), ``read(owner)`` is the selector and
    ``update(owner, data, by=)`` the service."""

    @extend_schema(methods=["GET"], responses=serializer_class, operation_id=f"{operation}_get")
    @extend_schema(
        methods=["PATCH"],
        request=serializer_class,
        responses=serializer_class,
        operation_id=f"{operation}_update",
    )
    @api_view(["GET", "PATCH"])
    @permission_classes([capability(Cap.VIEW_INVOICES, cap)])
    def view(request, **kwargs):
        found = owner(request, **kwargs)
        if found is None:
            raise Http404("Not found.")
        if request.method == "PATCH":
            s = serializer_class(data=request.data, partial=True)
            s.is_valid(raise_exception=True)
            settings = update(found, dict(s.validated_data), by=request.member)
        else:
            settings = read(found)
        return Response(serializer_class(settings).data)

    return view


client_settings_view = settings_view(
    ClientEinvoiceSettingsSerializer,
    operation="client_einvoice",
    cap=Cap.MANAGE_BILLING,
    owner=lambda request, pk: Client.objects.filter(
        organisation=request.organisation, pk=pk
    ).first(),
    read=selectors.client_settings,
    update=services.update_client_settings,
)
organisation_settings_view = settings_view(
    OrganisationEinvoiceSettingsSerializer,
    operation="organisation_einvoice",
    cap=Cap.MANAGE_SETTINGS,
    owner=lambda request: request.organisation,
    read=selectors.organisation_settings,
    update=lambda organisation, data, by: services.update_organisation_settings(data, by=by),
)
tax_category_settings_view = settings_view(
    TaxCategoryEinvoiceSettingsSerializer,
    operation="tax_einvoice",
    cap=Cap.MANAGE_BILLING,
    owner=lambda request, pk: TaxCategory.objects.filter(
        organisation=request.organisation, pk=pk
    ).first(),
    read=lambda category: (
        TaxCategoryEinvoiceSettings.objects.filter(tax_category=category).first()
        or TaxCategoryEinvoiceSettings(tax_category=category)
    ),
    update=services.update_tax_category_settings,
)


extra_urls = [
    path(
        "tax-categories/<int:pk>/einvoice-settings/",
        tax_category_settings_view,
        name="tax-category-einvoice-settings",
    ),
    path("invoices/<int:pk>/einvoice/", einvoice_view, name="invoice-einvoice"),
    path(
        "clients/<int:pk>/einvoice-settings/",
        client_settings_view,
        name="client-einvoice-settings",
    ),
    path(
        "organisation/einvoice-settings/",
        organisation_settings_view,
        name="organisation-einvoice-settings",
    ),
]
