"""Sign-up, the first-run page and the organisation settings pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect

from timeledger.core.forms import handle_form
from timeledger.invoicing import vat_presets
from timeledger.onboarding import services
from timeledger.onboarding.forms import SignUpForm


def _sign_up_page(request, *, template: str):
    form = SignUpForm(request.POST or None)

    def save(data):
        owner = services.sign_up(services.SignUp(**data))
        login(request, owner.user, backend="django.contrib.auth.backends.ModelBackend")
        preset = vat_presets.PRESETS[
            vat_presets.preset_key(owner.organisation.country, charges_vat=data["charges_vat"])
        ]
        messages.success(
            request,
            f"Welcome to Timeledger. {owner.organisation} is set up with the VAT rates of "
            f"{preset.label}; check your organisation's details below.",
        )
        return owner

    return handle_form(
        request,
        form,
        save,
        template=template,
        context={"title": "Create your organisation", "submit_label": "Create organisation"},
        success_url=lambda owner: "/settings/",
    )


def signup(request):
    if not services.sign_up_open():
        raise Http404("sign-up is closed")
    if services.is_first_run():
        return redirect("first_run")
    if request.user.is_authenticated and getattr(request, "member", None) is not None:
        return redirect("home")
    return _sign_up_page(request, template="onboarding/signup.html")


def first_run(request):
    """An empty database: create the first organisation and its owner."""
    if not services.is_first_run():
        return redirect("login")
    return _sign_up_page(request, template="onboarding/first_run.html")
