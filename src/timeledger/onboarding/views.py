"""Sign-up, the first-run page and the organisation settings pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.core.forms import handle_form, save_with
from timeledger.invoicing import issuing, taxes, vat_presets
from timeledger.invoicing.models import TaxCategory
from timeledger.onboarding import services
from timeledger.onboarding import settings as org_settings
from timeledger.onboarding.forms import SECTIONS, SettingsForm, SignUpForm


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
            _(
                "Welcome to Timeledger. %(organisation)s is set up with the VAT rates of"
                " %(country)s; check your organisation's details below."
            )
            % {"organisation": owner.organisation, "country": preset.label},
        )
        return owner

    return handle_form(
        request,
        form,
        save,
        template=template,
        context={
            "title": _("Create your organisation"),
            "submit_label": _("Create organisation"),
        },
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


def _default_tax(org):
    """The default category's version in force today (what the next invoice gets)."""
    default = taxes.default_category(org)
    return taxes.in_force(default, issuing.today_for(org)) if default else None


@login_required
def settings_page(request):
    """The organisation's settings: details, invoicing, time and sign-in policy on one page."""
    member = request.member
    if member is None or not member.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only an owner or admin can change the organisation's settings."))
    org = request.organisation
    before = vat_presets.current_key(org)
    form = SettingsForm(
        request.POST or None,
        request.FILES or None,
        instance=org,
        initial=org_settings.settings_of(org),
    )

    def save(data):
        data = {name: data[name] for name in form.changed_data if name in data}
        return org_settings.save_settings(data, by=member)

    if request.method == "POST":
        saved = save_with(form, save)
        if saved is not None:
            after = vat_presets.current_key(saved)
            note = ""
            if after != before and after:
                note = " " + _("VAT rates of %(country)s set up.") % {
                    "country": vat_presets.PRESETS[after].label
                }
            messages.success(request, _("Settings saved.") + note)
            return redirect("organisation_settings")
    sections = [(title, [form[name] for name in names]) for title, names in SECTIONS]
    return render(
        request,
        "onboarding/settings.html",
        {
            "form": form,
            "sections": sections,
            "default_tax": _default_tax(org),
            "category_count": TaxCategory.objects.filter(organisation=org).count(),
        },
        status=400 if form.errors else 200,
    )
