"""``{% timer_panel %}``: the header timer on every page, whatever view rendered it."""

from django import template

from timeledger.timesheets.views import timer_context

register = template.Library()


@register.inclusion_tag("timesheets/partials/timer_panel.html", takes_context=True)
def timer_panel(context):

    request = context.get("request")
    if request is None or getattr(request, "member", None) is None:
        return {"can_log": False, "running": None}
    return {**timer_context(request), "request": request, "csrf_token": context.get("csrf_token")}
