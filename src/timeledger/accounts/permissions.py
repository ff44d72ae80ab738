from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import permissions

from timeledger.accounts.roles import Cap


class IsOrganisationMember(permissions.BasePermission):
    """Signed in and acting as an active member of an organisation."""

    message = gettext_lazy("You are not a member of an organisation.")

    def has_permission(self, request, view):
        return bool(
            request.user and request.user.is_authenticated and getattr(request, "member", None)
        )


def missing_capability(member, needed: str) -> str:
    """The 403 message naming the capability a member's role lacks."""
    # The role by the name the Members page gives it (``roles.ROLE_NAMES``); the capability is
    # the code the API documents, never translated.
    return _("Your role (%(role)s) lacks the capability '%(capability)s' that this needs.") % {
        "role": _(member.get_role_display()),
        "capability": needed,
    }


def require(request, needed: str):
    """A page's role check: the acting member, or a 403 that names the capability it lacks."""
    member = getattr(request, "member", None)
    if member is None:
        raise PermissionDenied(IsOrganisationMember.message)
    if not member.can(needed):
        raise PermissionDenied(missing_capability(member, needed))
    return member


def capability(read: str | None, write: str | None):
    """A permission class: ``read`` needed for safe methods, ``write`` for the others.

    ``None`` means any member may.
    """

    class HasCapability(IsOrganisationMember):
        def has_permission(self, request, view):
            if not super().has_permission(request, view):
                return False
            needed = read if request.method in permissions.SAFE_METHODS else write
            if needed is None or request.member.can(needed):
                return True
            # Say what is missing: "not a member" would send people looking in the wrong place.
            self.message = missing_capability(request.member, needed)
            return False

    return HasCapability


def sees_money(member) -> bool:
    """Amounts (budgets, fees, estimates) are for roles that see rates; a plain member or a client
    viewer sees hours, not money."""
    return member is not None and member.can(Cap.VIEW_RATES)


class HidesMoneyMixin:
    """A serializer whose ``money_fields`` read as null for members who do not see money."""

    money_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not sees_money(getattr(request, "member", None)):
            for name in self.money_fields:
                if name in data:
                    data[name] = None
        return data
