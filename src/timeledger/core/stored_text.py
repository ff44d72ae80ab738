"""Texts stored in English from a marked msgid (a hold reason, a review message, a bank note),
shown in the reader's language: the msgid read back as a pattern, its figures taken from the
stored text and put into the translation.

``msgid_pattern`` writes a msgid as a regular expression (each ``%(name)s`` a named group, ``%%``
a percent sign); ``match`` finds which of some msgids a stored text was written from.

The apps that store such texts register their reader once (``register`` in ``AppConfig.ready``:
billing's hold reasons, banking's suggestion notes, autosend's review messages); ``show`` is what
templates call (``core.templatetags.tl``), so core never imports the apps above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_FIELD = re.compile(r"%\((\w+)\)s|%%")


def msgid_pattern(msgid: str, **inner: str) -> str:
    """The English ``msgid`` as a regular expression: each ``%(name)s`` a named group (or the
    pattern ``inner`` gives for it), ``%%`` a percent sign, the rest literal."""
    out, at = [], 0
    for m in _FIELD.finditer(msgid):
        out.append(re.escape(msgid[at : m.start()]))
        if m.group(0) == "%%":
            out.append("%")
        else:
            out.append(inner.get(m.group(1), rf"(?P<{m.group(1)}>.+?)"))
        at = m.end()
    out.append(re.escape(msgid[at:]))
    return "".join(out)


@cache
def _whole(msgid: str) -> re.Pattern:
    return re.compile(msgid_pattern(msgid) + "$", flags=re.S)


def match(stored: str, msgids) -> tuple[str, dict[str, str]] | None:
    """``(msgid, figures)`` of the first msgid the whole stored text was written from, or None."""
    for msgid in msgids:
        m = _whole(msgid).match(stored or "")
        if m:
            return msgid, m.groupdict()
    return None


_READERS: dict[str, Callable[[str], str]] = {}


def register(kind: str, reader: Callable[[str], str]) -> None:
    """``reader(stored)`` shows the texts of ``kind`` in the active language."""
    _READERS[kind] = reader


def show(kind: str, stored: str | None) -> str:
    """A stored text of ``kind`` in the active language, by the reader its app registered
    (a kind nobody registered is a programming error: ``KeyError``)."""
    return _READERS[kind](stored or "")
