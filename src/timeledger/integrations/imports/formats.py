"""The formats we read, and which one a file is."""

from __future__ import annotations

from typing import BinaryIO

from django.utils.translation import gettext as _

from timeledger.integrations.imports import reading
from timeledger.integrations.imports.base import Parser
from timeledger.integrations.imports.clockify import ClockifyParser
from timeledger.integrations.imports.harvest import HarvestParser
from timeledger.integrations.imports.kimai import KimaiParser
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.imports.toggl import TogglParser
from timeledger.integrations.imports.watson import WatsonParser

PARSERS: dict[str, type[Parser]] = {
    p.name: p for p in (TogglParser, HarvestParser, ClockifyParser, KimaiParser, WatsonParser)
}
FORMAT_CHOICES = [(name, p.label) for name, p in PARSERS.items()]
CSV_PARSERS = (TogglParser, HarvestParser, ClockifyParser, KimaiParser)


def detect(stream: BinaryIO) -> type[Parser]:
    """The parser for a file, from its first bytes and its header row (not its name)."""
    head = stream.read(reading.SNIFF_BYTES)
    stream.seek(0)
    if not head.strip():
        raise ImportFileError(_("The file is empty."))
    kind = reading.file_kind(head)
    if kind == reading.XLSX:
        return KimaiParser
    if kind == reading.JSON:
        return WatsonParser
    text = reading.open_text(stream)
    try:
        header, _records = reading.csv_records(text)
    finally:
        text.detach()
        stream.seek(0)
    headers = {reading.normalise(h) for h in header}
    scored = sorted(((p.score(headers), p.name) for p in CSV_PARSERS), reverse=True)
    best, name = scored[0]
    if best == 0:
        found = ", ".join(repr(h) for h in header[:8] if h.strip()) or _("nothing")
        raise ImportFileError(
            _(
                "Not an export we read (Toggl Track, Harvest, Clockify, Kimai CSV/XLSX, Watson"
                " JSON): its first line has %(found)s."
            )
            % {"found": found}
        )
    return PARSERS[name]


def parser_for(stream: BinaryIO, fmt: str | None, options) -> Parser:
    """The parser asked for (``fmt``), or the detected one."""
    if fmt:
        if fmt not in PARSERS:
            raise ImportFileError(
                _("Unknown format %(format)s; use one of %(formats)s.")
                % {"format": repr(fmt), "formats": ", ".join(PARSERS)}
            )
        return PARSERS[fmt](options)
    return detect(stream)(options)
