"""``/api/organisation/``: the organisation's settings (read by any member, changed by owners and
admins), with the same field-level messages as the settings page."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from timeledger.accounts.models import Organisation
from timeledger.accounts.permissions import capability
from timeledger.accounts.roles import Cap
from timeledger.accounts.services import ORGANISATION_FIELDS
from timeledger.core.countries import COUNTRY_CHOICES
from timeledger.core.parsers import JSONParser
from timeledger.invoicing import vat_presets
from timeledger.onboarding import settings as org_settings
from timeledger.onboarding.settings import APPROVAL_FIELDS, ROUNDING_FIELDS


class OrganisationSettingsSerializer(serializers.ModelSerializer):
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False)
    lock_reason = serializers.CharField(
        required=False, allow_blank=True, write_only=True, max_length=500
    )
    invoice_number_pattern = serializers.CharField(required=False, max_length=60)
    vat_preset = serializers.ChoiceField(
        choices=vat_presets.PRESET_CHOICES,
        required=False,
        help_text="Choosing a country's VAT rates seeds its dated categories and makes its "
        "standard rate the default.",
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            *ORGANISATION_FIELDS,
            *ROUNDING_FIELDS,
            "lock_date",
            "lock_reason",
            *APPROVAL_FIELDS,
            "invoice_number_pattern",
            "vat_preset",
        ]
        read_only_fields = ["id", "slug"]


class OrganisationSettingsOutSerializer(OrganisationSettingsSerializer):
    """What GET and PATCH answer: ``vat_preset`` is null until a preset was chosen."""

    vat_preset = serializers.ChoiceField(
        choices=vat_presets.PRESET_CHOICES, allow_null=True, read_only=True
    )

    class Meta(OrganisationSettingsSerializer.Meta):
        ref_name = "OrganisationSettings"


def _body(org: Organisation, request) -> dict:
    values = org_settings.settings_of(org)
    values.pop("lock_reason")
    data = OrganisationSettingsSerializer(org, context={"request": request}).data
    data["invoice_number_pattern"] = values["invoice_number_pattern"]
    data["vat_preset"] = values["vat_preset"] or None
    return data


class OrganisationView(APIView):
    """The organisation the request acts in. PATCH changes only the fields given."""

    permission_classes = [capability(None, Cap.MANAGE_SETTINGS)]
    parser_classes = [JSONParser, parsers.MultiPartParser, parsers.FormParser]

    @extend_schema(responses=OrganisationSettingsOutSerializer)
    def get(self, request):
        return Response(_body(request.organisation, request))

    @extend_schema(
        request=OrganisationSettingsSerializer, responses=OrganisationSettingsOutSerializer
    )
    def patch(self, request):
        serializer = OrganisationSettingsSerializer(
            request.organisation, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        org = org_settings.save_settings(dict(serializer.validated_data), by=request.member)
        return Response(_body(org, request))


extra_urls = [path("organisation/", OrganisationView.as_view(), name="api-organisation")]
