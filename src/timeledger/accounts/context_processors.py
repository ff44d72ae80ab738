from timeledger.accounts.roles import Cap


def tenancy(request):
    member = getattr(request, "member", None)
    memberships = []
    if member is not None:
        memberships = list(
            request.user.memberships.filter(is_active=True).select_related("organisation")
        )
    return {
        "organisation": getattr(request, "organisation", None),
        "member": member,
        "memberships": memberships,
        "Cap": Cap,
    }
