"""``{% approval_links member as links %}``: which approval/audit screens the nav shows."""

from django import template

from timeledger.accounts.roles import Cap

register = template.Library()


@register.simple_tag
def approval_links(member) -> dict:
    if member is None:
        return {}
    from timeledger.timesheets.approval import is_approver

    return {
        "approvals": is_approver(member),
        "audit_report": member.can(Cap.VIEW_REPORTS),
        "audit_log": member.can(Cap.VIEW_AUDIT),
    }
