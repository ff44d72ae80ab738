"""The rule's explanations (``rates.rules``: which level offers what, which wins) in the page's
language, for the entry's rate page. Display only: what is frozen on an entry (``rate_source``)
stays the rule's own English text, whoever approved it in whatever language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from timeledger.core.money import UnknownCurrency, format_money
from timeledger.rates import rules

LEVEL_NAMES = {
    rules.OVERRIDE: pgettext_lazy("rate level", "entry override"),
    rules.TASK: pgettext_lazy("rate level", "task"),
    rules.PROJECT_MEMBER: pgettext_lazy("rate level", "project-member"),
    rules.PROJECT: pgettext_lazy("rate level", "project"),
    rules.CLIENT: pgettext_lazy("rate level", "client"),
    rules.MEMBER: pgettext_lazy("rate level", "member"),
    rules.ROLE: pgettext_lazy("rate level", "role"),
    rules.ORGANISATION: pgettext_lazy("rate level", "organisation default"),
}


def _price(amount: Decimal, currency: str) -> str:
    """As ``rules._price`` writes it, in the page's language's digits."""
    language = (get_language() or "en").split("-")[0]
    try:
        return format_money(
            amount, currency, price=True, language=None if language == "en" else language
        )
    except UnknownCurrency:
        return f"{amount:.2f}"


def describe(level: str, label: str, amount: Decimal, currency: str, effective_from) -> str:
    """``rules.describe`` in the page's language (the same words in English)."""
    facts = {
        "level": LEVEL_NAMES[level],
        "label": label,
        "price": _price(amount, currency),
        "currency": currency,
        "date": effective_from.isoformat() if effective_from else "",
    }
    if level == rules.OVERRIDE:
        return _("%(level)s %(price)s %(currency)s, set on the entry") % facts
    if label:
        return _("%(level)s rate '%(label)s' %(price)s %(currency)s, effective %(date)s") % facts
    return _("%(level)s rate %(price)s %(currency)s, effective %(date)s") % facts


def resolution_text(resolution: rules.Resolution, work_date) -> str:
    """The rule's answer (``rules.resolve``) in words."""
    if resolution.found:
        return describe(
            resolution.level,
            resolution.label,
            resolution.amount,
            resolution.currency,
            resolution.effective_from,
        )
    facts = {"currency": resolution.currency, "date": work_date.isoformat()}
    if resolution.kind == rules.BILLING:
        return _("no billing rate in %(currency)s in force on %(date)s") % facts
    return _("no cost rate in %(currency)s in force on %(date)s") % facts


def steps(step_list: list[rules.Step], winner: rules.Resolution) -> list[dict]:
    """``rules.explain``'s steps as ``{"text", "wins"}`` in words."""
    out = []
    for step in step_list:
        if step.level == rules.OVERRIDE:
            if winner.level == rules.OVERRIDE:
                text = describe(rules.OVERRIDE, "", winner.amount, winner.currency, None)
            else:
                text = _("no override on the entry")
        elif step.candidate is None:
            text = _("no %(level)s rate in force") % {"level": LEVEL_NAMES[step.level]}
        else:
            c = step.candidate
            text = describe(step.level, c.label, c.amount, c.currency, c.effective_from)
        out.append({"text": text, "wins": step.wins})
    return out
