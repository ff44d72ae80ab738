from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core.crud import save_validated


def save_client(client: Client | None, data: dict, *, by) -> Client:
    if not by.can(Cap.MANAGE_CLIENTS):
        raise PermissionDenied(_("Your role cannot manage clients."))
    tax = data.get("default_tax_category")
    if tax is not None and tax.organisation_id != by.organisation_id:
        raise ValidationError({"default_tax_category": [_("Not found.")]})
    code = data.get("code", client.code if client else None)
    clash = Client.objects.filter(organisation=by.organisation, code=code)
    if client is not None:
        clash = clash.exclude(pk=client.pk)
    if code and clash.exists():
        raise ValidationError(
            {"code": [_("A client with code %(code)s already exists.") % {"code": code}]}
        )
    if client is None and "payment_terms_days" not in data:
        data = {**data, "payment_terms_days": by.organisation.default_payment_terms_days}
    return save_validated(
        Client,
        client,
        data,
        by=by,
        unique_message={"code": f"A client with code {code} already exists."},
    )


def archive_client(client: Client, *, by) -> Client:
    if client.projects.filter(is_archived=False).exists():
        raise ValidationError({"non_field_errors": [_("Archive the client's projects first.")]})
    return save_client(client, {"is_archived": True}, by=by)
