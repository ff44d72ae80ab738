from rest_framework import permissions


class IsOrganisationMember(permissions.BasePermission):
    """Signed in and acting as an active member of an organisation."""

    message = "You are not a member of an organisation."

    def has_permission(self, request, view):
        return bool(
            request.user and request.user.is_authenticated and getattr(request, "member", None)
        )


def capability(read: str | None, write: str | None):
    """A permission class: ``read`` needed for safe methods, ``write`` for the others.

    ``None`` means any member may.
    """

    class HasCapability(IsOrganisationMember):
        def has_permission(self, request, view):
            if not super().has_permission(request, view):
                return False
            needed = read if request.method in permissions.SAFE_METHODS else write
            return needed is None or request.member.can(needed)

    return HasCapability
