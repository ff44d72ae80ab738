from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from timeledger.accounts.models import Member, Organisation
from timeledger.accounts.tenancy import SESSION_KEY


class LoginView(auth_views.LoginView):
    """Django's sign-in; an installation without any organisation shows the first-run page."""

    template_name = "accounts/login.html"

    def dispatch(self, request, *args, **kwargs):
        if not Organisation.objects.exists():
            return redirect("first_run")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "public_signup": settings.PUBLIC_SIGNUP}


@login_required
def home(request):
    if request.member is None:
        return render(request, "accounts/no_organisation.html", status=403)
    return redirect("today")


@login_required
@require_POST
def switch_organisation(request):
    try:
        org_id = int(request.POST.get("organisation", ""))
    except ValueError:
        return HttpResponseBadRequest("organisation must be an id")
    if Member.objects.filter(user=request.user, organisation_id=org_id, is_active=True).exists():
        request.session[SESSION_KEY] = org_id
    return redirect("home")
