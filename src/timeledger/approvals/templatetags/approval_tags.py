"""``{% approval_links member as links %}``: which approval/audit screens the nav shows."""

from django import template

from timeledger.accounts.roles import Cap
from timeledger.approvals.services import Scope, is_approver, scope_entries
from timeledger.timesheets.models import EntryStatus

register = template.Library()


@register.simple_tag
def approval_links(member) -> dict:
    if member is None:
        return {}
    return {
        "approvals": is_approver(member),
        "audit_report": member.can(Cap.VIEW_REPORTS),
        "audit_log": member.can(Cap.VIEW_AUDIT),
    }


@register.simple_tag
def week_approval_state(member, monday) -> dict:
    """Counts per status of ``member``'s entries in the week of ``monday``, for the submit bar."""
    if member is None or monday is None:
        return {}
    counts = dict.fromkeys(EntryStatus.values, 0)
    rows = scope_entries(member.organisation, Scope(member=member, week=monday)).values_list(
        "status", flat=True
    )
    for status in rows:
        counts[status] += 1
    notes = list(
        scope_entries(member.organisation, Scope(member=member, week=monday))
        .filter(status=EntryStatus.REJECTED)
        .exclude(status_note="")
        .values_list("status_note", flat=True)
        .distinct()[:3]
    )
    return {
        "counts": counts,
        "submittable": counts[EntryStatus.DRAFT] + counts[EntryStatus.REJECTED],
        "rejection_notes": notes,
    }
