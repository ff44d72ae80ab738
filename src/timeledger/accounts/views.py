from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from timeledger.accounts import invitations, services, two_factor
from timeledger.accounts.forms import AcceptForm, InviteForm
from timeledger.accounts.models import Invitation, InvitationStatus, Member, Organisation
from timeledger.accounts.roles import ROLE_IN_SENTENCE, Cap, Role
from timeledger.accounts.tenancy import SESSION_KEY, scoped
from timeledger.core.forms import save_with


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


def _managing(request) -> Member:
    member = getattr(request, "member", None)
    if member is None or not member.can(Cap.MANAGE_MEMBERS):
        raise PermissionDenied(_("Your role cannot manage members."))
    return member


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
def members(request):
    """Members with role, status and last sign-in; open invitations; the invite form."""
    by = _managing(request)
    form = InviteForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST":
        sent = save_with(
            form,
            lambda d: invitations.invite(
                d["email"], role=d["role"], client=d["client"], by=by, base_url=_base_url(request)
            ),
        )
        if sent is not None:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": sent.email})
            return redirect("members")
    now = timezone.now()
    open_invitations = [
        (inv, inv.status_at(now))
        for inv in scoped(Invitation, request)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by__user", "client")
    ]
    return render(
        request,
        "accounts/members.html",
        {
            "members": scoped(Member, request).select_related("user", "client"),
            "invitations": open_invitations,
            "form": form,
            "roles": [(value, gettext(label)) for value, label in Role.choices],
            "expired": InvitationStatus.EXPIRED,
        },
        status=400 if form.errors else 200,
    )


def _service_message(request, call, done: str) -> None:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


@login_required
@require_POST
def invitation_resend(request, pk: int):
    by = _managing(request)
    invitation = get_object_or_404(scoped(Invitation, request), pk=pk)
    _service_message(
        request,
        lambda: invitations.resend(invitation, by=by, base_url=_base_url(request)),
        _("A new link went to %(email)s; the old one no longer works.")
        % {"email": invitation.email},
    )
    return redirect("members")


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    by = _managing(request)
    invitation = get_object_or_404(scoped(Invitation, request), pk=pk)
    _service_message(
        request,
        lambda: invitations.revoke(invitation, by=by),
        _("The invitation of %(email)s is withdrawn.") % {"email": invitation.email},
    )
    return redirect("members")


@login_required
@require_POST
def member_update(request, pk: int):
    """Change a member's role, or deactivate / reactivate them (their history stays theirs)."""
    by = _managing(request)
    member = get_object_or_404(scoped(Member, request).select_related("user"), pk=pk)
    data = {}
    if "role" in request.POST:
        data["role"] = request.POST["role"]
    if "is_active" in request.POST:
        data["is_active"] = request.POST["is_active"] == "1"
    _service_message(
        request,
        lambda: services.update_member(member, data, by=by),
        _("%(member)s updated.") % {"member": member},
    )
    return redirect("members")


def invitation_accept(request, token: str):
    """The link in the invitation e-mail: set name and password, land on Today."""
    now = timezone.now()
    invitation = invitations.find(token)
    refusal = invitations.refusal(invitation, now)
    if refusal:
        return render(request, "accounts/invitation_invalid.html", {"message": refusal}, status=410)
    has_account = invitations.existing_user(invitation) is not None
    form = AcceptForm(request.POST or None, has_account=has_account)
    member = None
    if request.method == "POST":
        member = save_with(
            form, lambda d: invitations.accept(token, now=now, **{k: v for k, v in d.items()})
        )
    if member is not None:
        login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = member.organisation_id
        messages.success(
            request, _("Welcome to %(organisation)s.") % {"organisation": member.organisation}
        )
        return redirect("today")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "role": ROLE_IN_SENTENCE[invitation.role],
        },
        status=400 if form.errors else 200,
    )


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return resolve_url(default)


@login_required
def two_factor_verify(request):
    """The second step of signing in: a code from the app, or a recovery code (once each)."""
    if request.user.is_verified() or not two_factor.has_two_factor(request.user):
        return redirect(_next(request))
    error = ""
    if request.method == "POST":
        if two_factor.verify(request, request.POST.get("code", "")):
            left = two_factor.recovery_codes_left(request.user)
            if left < 3:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s recovery code left; make new ones under Two-factor.",
                        "%(count)s recovery codes left; make new ones under Two-factor.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next(request))
        error = _("That code is not right (a recovery code works once).")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"error": error, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=400 if error else 200,
    )


@login_required
def two_factor_setup(request):
    """Set up, renew recovery codes of, or turn off two-factor sign-in."""
    user = request.user
    member = getattr(request, "member", None)
    context = {"required": two_factor.is_required(member), "errors": {}}
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "confirm":
            device = two_factor.pending_device(user)
            codes = two_factor.confirm(request, device, request.POST.get("code", ""), member=member)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        if action == "codes":
            codes = two_factor.regenerate_codes(user, password=request.POST.get("password", ""))
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        if action == "disable":
            two_factor.disable(user, password=request.POST.get("password", ""), member=member)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("two_factor_setup")
    except ValidationError as exc:
        context["errors"] = exc.message_dict
    if two_factor.has_two_factor(user):
        context.update(enabled=True, codes_left=two_factor.recovery_codes_left(user))
    else:
        device = two_factor.pending_device(user)
        context.update(
            enabled=False, qr=two_factor.qr_svg(device), secret=two_factor.secret_text(device)
        )
    return render(
        request,
        "accounts/two_factor.html",
        context,
        status=400 if context["errors"] else 200,
    )
