"""The one place that decides which organisation a request acts in.

Web requests: the organisation chosen in the session (``switch_organisation``), else the user's
first active membership. API requests with a token: the token's organisation (set by
``ApiTokenAuthentication``). Views and viewsets read ``request.organisation`` and
``request.member``; querysets are filtered by ``TenantViewSet``/``scoped``, never ad hoc.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation

from timeledger.accounts.models import DJANGO_LANGUAGES, Member

SESSION_KEY = "organisation_id"


def membership_for(user, organisation_id: int | None) -> Member | None:
    if not user.is_authenticated:
        return None
    members = Member.objects.select_related("organisation", "user").filter(
        user=user, is_active=True
    )
    if organisation_id:
        chosen = members.filter(organisation_id=organisation_id).first()
        if chosen:
            return chosen
    return members.order_by("organisation_id").first()


def bind(request, member: Member | None) -> None:
    request.member = member
    request.organisation = member.organisation if member else None


class OrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        member = membership_for(request.user, request.session.get(SESSION_KEY))
        bind(request, member)
        use_organisation_language(request)
        return self.get_response(request)


def use_organisation_language(request) -> None:
    """The organisation's language (``Organisation.language``) for a member who has not chosen
    one: it replaces what LocaleMiddleware took from the browser's Accept-Language. A member's
    own choice (Django's language cookie) wins; a blank organisation language leaves the
    browser's. Runs after LocaleMiddleware, which cannot know the organisation."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or not organisation.language:
        return
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    code = DJANGO_LANGUAGES[organisation.language]
    translation.activate(code)
    request.LANGUAGE_CODE = code


def scoped(model, request):
    """``model``'s rows of the current organisation (raises 404 with none)."""
    if getattr(request, "organisation", None) is None:
        raise Http404("no organisation")
    return model.objects.filter(organisation=request.organisation)


def get_scoped(model, request, **lookup):
    return get_object_or_404(scoped(model, request), **lookup)
