"""Client pages: list, detail, create, edit, archive. Members see; managers and finance manage."""

from __future__ import annotations

import copy

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped, scoped
from timeledger.clients import services
from timeledger.clients.forms import ClientForm
from timeledger.clients.models import Client
from timeledger.core.forms import handle_form


@login_required
def client_list(request):
    require(request, Cap.VIEW_PROJECTS)
    show_archived = request.GET.get("archived") == "1"
    clients = (
        scoped(Client, request)
        .filter(is_archived=show_archived)
        .annotate(open_projects=Count("projects", filter=Q(projects__is_archived=False)))
    )
    return render(
        request,
        "clients/list.html",
        {
            "clients": clients,
            "show_archived": show_archived,
            "can_manage": request.member.can(Cap.MANAGE_CLIENTS),
        },
    )


@login_required
def client_detail(request, pk: int):
    require(request, Cap.VIEW_PROJECTS)
    client = get_scoped(Client, request, pk=pk)
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "projects": client.projects.order_by("is_archived", "code"),
            "can_manage": request.member.can(Cap.MANAGE_CLIENTS),
            "can_add_project": request.member.can(Cap.MANAGE_PROJECTS),
        },
    )


def _client_form(request, client: Client | None):
    require(request, Cap.MANAGE_CLIENTS)
    data = request.POST if request.method == "POST" else None
    # A new client starts with the organisation's default payment terms and currency.
    initial = (
        {}
        if client
        else {
            "payment_terms_days": request.organisation.default_payment_terms_days,
            "currency": request.organisation.currency,
        }
    )
    form = ClientForm(data, instance=copy.copy(client) if client else None, initial=initial)
    fields = [f for f in ClientForm.Meta.fields]
    return handle_form(
        request,
        form,
        lambda cleaned: services.save_client(
            client, {f: cleaned[f] for f in fields}, by=request.member
        ),
        template="form_page.html",
        context={
            "title": _("Edit %(name)s") % {"name": client.name} if client else _("New client"),
            "breadcrumbs": [(reverse("client_list"), _("Clients"))],
            "cancel_url": reverse("client_detail", args=[client.pk])
            if client
            else reverse("client_list"),
        },
        success_url=lambda saved: reverse("client_detail", args=[saved.pk]),
    )


@login_required
def client_new(request):
    return _client_form(request, None)


@login_required
def client_edit(request, pk: int):
    return _client_form(request, get_scoped(Client, request, pk=pk))


@login_required
@require_POST
def client_archive(request, pk: int):
    require(request, Cap.MANAGE_CLIENTS)
    client = get_scoped(Client, request, pk=pk)
    try:
        services.archive_client(client, by=request.member)
    except ValidationError as exc:
        return render(
            request,
            "clients/detail.html",
            {
                "client": client,
                "projects": client.projects.order_by("is_archived", "code"),
                "can_manage": True,
                "can_add_project": request.member.can(Cap.MANAGE_PROJECTS),
                "archive_error": " ".join(exc.messages),
            },
        )
    return redirect("client_detail", pk=client.pk)
