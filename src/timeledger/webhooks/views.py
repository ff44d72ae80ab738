"""Settings › Webhooks: endpoints, their secrets, the delivery log and replay. Thin: each POST
calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from timeledger.core.forms import save_with
from timeledger.webhooks import selectors, services
from timeledger.webhooks.forms import EndpointForm


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(m for msgs in exc.message_dict.values() for m in msgs))


@login_required
def endpoint_list(request):
    selectors.require_manager(request.member)
    form = EndpointForm(request.POST or None)
    if request.method == "POST":
        endpoint = save_with(
            form,
            lambda c: services.create_endpoint(
                by=request.member,
                url=c["url"],
                event_types=c["event_types"],
                description=c["description"],
            ),
        )
        if endpoint is not None:
            messages.success(
                request,
                _("Endpoint added; its signing secret: %(secret)s") % {"secret": endpoint.secret},
            )
            return redirect("webhook_detail", pk=endpoint.pk)
    return render(
        request,
        "webhooks/endpoints.html",
        {"endpoints": selectors.endpoints(request.member), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def endpoint_detail(request, pk: int):
    selectors.require_manager(request.member)
    endpoint = get_object_or_404(selectors.endpoints(request.member), pk=pk)
    deliveries = selectors.deliveries(request.member, endpoint=endpoint.pk).prefetch_related("log")
    return render(
        request,
        "webhooks/endpoint.html",
        {"endpoint": endpoint, "deliveries": deliveries[:100]},
    )


@login_required
@require_POST
def endpoint_action(request, pk: int, verb: str):
    selectors.require_manager(request.member)
    endpoint = get_object_or_404(selectors.endpoints(request.member), pk=pk)
    try:
        if verb == "rotate":
            services.rotate_secret(endpoint, by=request.member)
            messages.success(request, _("New secret made; the old one signs for 24 hours more."))
        elif verb in ("enable", "disable"):
            services.update_endpoint(endpoint, {"is_active": verb == "enable"}, by=request.member)
            messages.success(
                request, _("Endpoint enabled.") if verb == "enable" else _("Endpoint disabled.")
            )
        elif verb == "delete":
            services.delete_endpoint(endpoint, by=request.member)
            messages.success(request, _("Endpoint removed."))
            return redirect("webhook_list")
        else:
            raise PermissionDenied("Unknown action.")
    except ValidationError as exc:
        _error(request, exc)
    return redirect("webhook_detail", pk=pk)


@login_required
@require_POST
def delivery_replay(request, pk: int):
    selectors.require_manager(request.member)
    delivery = get_object_or_404(selectors.deliveries(request.member), pk=pk)
    try:
        services.replay(delivery, by=request.member)
        messages.success(
            request, _("Delivery %(number)s will be sent again.") % {"number": delivery.pk}
        )
    except ValidationError as exc:
        _error(request, exc)
    return redirect("webhook_detail", pk=delivery.endpoint_id)
