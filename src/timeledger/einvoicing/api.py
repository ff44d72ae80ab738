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


def _input(serializer_class, request) -> dict:
    s = serializer_class(data=request.data, partial=True)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


@extend_schema(
    methods=["GET"], responses=ClientEinvoiceSettingsSerializer, operation_id="client_einvoice_get"
)
@extend_schema(
    methods=["PATCH"],
    request=ClientEinvoiceSettingsSerializer,
    responses=ClientEinvoiceSettingsSerializer,
    operation_id="client_einvoice_update",
)
@api_view(["GET", "PATCH"])
@permission_classes([capability(Cap.VIEW_INVOICES, Cap.MANAGE_BILLING)])
def client_settings_view(request, pk: int):
    client = Client.objects.filter(organisation=request.organisation, pk=pk).first()
    if client is None:
        raise Http404("No such client.")
    if request.method == "PATCH":
        settings = services.update_client_settings(
            client, _input(ClientEinvoiceSettingsSerializer, request), by=request.member
        )
    else:
        settings = selectors.client_settings(client)
    return Response(ClientEinvoiceSettingsSerializer(settings).data)


@extend_schema(
    methods=["GET"],
    responses=OrganisationEinvoiceSettingsSerializer,
    operation_id="organisation_einvoice_get",
)
@extend_schema(
    methods=["PATCH"],
    request=OrganisationEinvoiceSettingsSerializer,
    responses=OrganisationEinvoiceSettingsSerializer,
    operation_id="organisation_einvoice_update",
)
@api_view(["GET", "PATCH"])
@permission_classes([capability(Cap.VIEW_INVOICES, Cap.MANAGE_SETTINGS)])
def organisation_settings_view(request):
    if request.method == "PATCH":
        settings = services.update_organisation_settings(
            _input(OrganisationEinvoiceSettingsSerializer, request), by=request.member
        )
    else:
        settings = selectors.organisation_settings(request.organisation)
    return Response(OrganisationEinvoiceSettingsSerializer(settings).data)


class TaxCategoryEinvoiceSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaxCategoryEinvoiceSettings
        fields = list(services.TAX_CATEGORY_FIELDS)


@extend_schema(
    methods=["GET"],
    responses=TaxCategoryEinvoiceSettingsSerializer,
    operation_id="tax_einvoice_get",
)
@extend_schema(
    methods=["PATCH"],
    request=TaxCategoryEinvoiceSettingsSerializer,
    responses=TaxCategoryEinvoiceSettingsSerializer,
    operation_id="tax_einvoice_update",
)
@api_view(["GET", "PATCH"])
@permission_classes([capability(Cap.VIEW_INVOICES, Cap.MANAGE_BILLING)])
def tax_category_settings_view(request, pk: int):
    category = TaxCategory.objects.filter(organisation=request.organisation, pk=pk).first()
    if category is None:
        raise Http404("No such tax category.")
    if request.method == "PATCH":
        settings = services.update_tax_category_settings(
            category, _input(TaxCategoryEinvoiceSettingsSerializer, request), by=request.member
        )
    else:
        settings = TaxCategoryEinvoiceSettings.objects.filter(tax_category=category).first()
        settings = settings or TaxCategoryEinvoiceSettings(tax_category=category)
    return Response(TaxCategoryEinvoiceSettingsSerializer(settings).data)


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
