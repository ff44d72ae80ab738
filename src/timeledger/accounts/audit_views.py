"""The audit log page: search and filter, read only."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from timeledger.accounts.audit_api import AuditLogFilter
from timeledger.accounts.roles import Cap
from timeledger.core.models import AuditLog

PAGE_SIZE = 50


def _require(request, capability):
    member = getattr(request, "member", None)
    if member is None or not member.can(capability):
        raise PermissionDenied(_("You may not see the audit log."))
    return member


def changes(before, after) -> list[tuple[str, object, object]]:
    """(field, old, new) for every field that differs; a create or delete lists all fields."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = sorted(set(before) | set(after))
    return [
        (k, before.get(k, ""), after.get(k, ""))
        for k in keys
        if k != "batch" and before.get(k) != after.get(k)
    ]


@login_required
def audit_log(request):
    member = _require(request, Cap.VIEW_AUDIT)
    base = AuditLog.objects.filter(organisation=member.organisation).select_related("actor")
    filterset = AuditLogFilter(request.GET or None, queryset=base.order_by("-at", "-id"))
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else base.none()
    if not filterset.is_bound:
        rows = base.order_by("-at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.changes = changes(row.before, row.after)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filter": filterset,
        "errors": filterset.errors if filterset.is_bound else {},
        "query": query.urlencode(),
        "object_types": base.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct(),
        "actions": base.order_by("action").values_list("action", flat=True).distinct(),
    }
    template = "audit/_rows.html" if request.htmx else "audit/log.html"
    return render(request, template, context)
