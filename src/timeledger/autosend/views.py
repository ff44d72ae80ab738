"""The policy's pages: settings (organisation and overrides) and the review queue with the
dashboard's figures. Thin: each POST calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped, scoped
from timeledger.autosend import selectors, services
from timeledger.autosend.forms import OverrideForm, PolicyForm
from timeledger.autosend.models import DEFAULT_SEND_AT, InvoicingPolicy
from timeledger.clients.models import Client
from timeledger.core.forms import save_with
from timeledger.projects.models import Project


def _require(request):
    member = getattr(request, "member", None)
    if member is None or not member.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot manage the invoicing policy."))
    return member


def _initial(policy: InvoicingPolicy) -> dict:
    return {name: getattr(policy, name) for name in services.ORGANISATION_FIELDS} | {
        "send_at": policy.send_at or DEFAULT_SEND_AT
    }


@login_required
def policy_page(request):
    member = _require(request)
    policy = selectors.organisation_policy(request.organisation)
    clients = scoped(Client, request).order_by("code")
    projects = scoped(Project, request).order_by("code")
    form = PolicyForm(request.POST or None, initial=_initial(policy))
    override = OverrideForm(clients=clients, projects=projects)
    if request.method == "POST":
        saved = save_with(form, lambda c: services.update_policy(dict(c), by=member))
        if saved is not None:
            messages.success(request, gettext("Invoicing policy saved."))
            return redirect("autosend_policy")
    return render(
        request,
        "autosend/policy.html",
        {
            "form": form,
            "override_form": override,
            "overrides": selectors.overrides(request.organisation),
            "policy": policy,
        },
    )


@login_required
@require_POST
def override_save(request):
    member = _require(request)
    clients = scoped(Client, request).order_by("code")
    projects = scoped(Project, request).order_by("code")
    form = OverrideForm(request.POST, clients=clients, projects=projects)

    def save(c):
        kind, _, pk = c["target"].partition(":")
        target = get_scoped(Client if kind == "client" else Project, request, pk=int(pk))
        return services.save_override(
            client=target if kind == "client" else None,
            project=target if kind == "project" else None,
            mode=c["mode"],
            send_at=c["send_at"],
            by=member,
        )

    if save_with(form, save) is not None:
        messages.success(request, gettext("Override saved."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("autosend_policy")


@login_required
@require_POST
def override_delete(request, pk: int):
    member = _require(request)
    services.delete_override(get_scoped(InvoicingPolicy, request, pk=pk), by=member)
    messages.success(request, gettext("Override removed: the client or project inherits again."))
    return redirect("autosend_policy")


@login_required
def review_page(request):
    _require(request)
    return render(
        request,
        "autosend/review.html",
        {
            "queue": selectors.review_queue(request.organisation),
            "figures": selectors.figures(request.organisation),
            "policy": selectors.organisation_policy(request.organisation),
        },
    )


@login_required
@require_POST
def run_now(request):
    """Run the policy pass now (``dry_run=1``: only list what would be sent)."""
    _require(request)
    dry = request.POST.get("dry_run") == "1"
    result = services.run_pass(request.organisation, dry_run=dry)
    if dry:
        messages.info(
            request,
            gettext(
                "Dry run: %(send)s draft(s) would be issued and sent; %(queued)s wait for review."
            )
            % {"send": len(result.would_send), "queued": len(result.queued)},
        )
    else:
        messages.success(
            request,
            (
                gettext(
                    "Policy pass: %(sent)s sent, %(queued)s in review (automatic sending is stopped)."
                )
                if result.paused
                else gettext("Policy pass: %(sent)s sent, %(queued)s in review.")
            )
            % {"sent": len(result.sent), "queued": len(result.queued)},
        )
    return redirect("autosend_review")
