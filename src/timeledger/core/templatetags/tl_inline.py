"""``{{ label|in_sentence }}``: a (translated) label inside a sentence (``core.inline``)."""

from django import template

from timeledger.core.inline import in_sentence as _in_sentence

register = template.Library()


@register.filter
def in_sentence(label) -> str:
    return _in_sentence(label)
