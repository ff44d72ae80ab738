"""Watson: ``watson log --json`` and its ``frames`` file.

``watson log --json`` is a list of objects ``{"id", "project", "start", "stop", "tags"}`` with
ISO 8601 instants carrying their offsets; the frames file (``~/.config/watson/frames``) is a list
of ``[start, stop, project, id, tags, updated_at]`` with Unix timestamps. Both are exact
instants: the zone only decides the local date. Watson has no clients, people, tasks,
descriptions or billable flags: the tags become the description, the importing person (or the
one chosen) is who worked, and the client is chosen in the preview.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from timeledger.integrations.imports import reading, timing
from timeledger.integrations.imports.base import Parser
from timeledger.integrations.imports.rows import ImportFileError, RowError, SourceRow

MAX_JSON_BYTES = 64 * 1024 * 1024


def _instant(value) -> dt.datetime:
    if isinstance(value, bool):
        raise ValueError(_("%(value)s is not a time") % {"value": repr(value)})
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC).replace(microsecond=0)
        except (OverflowError, OSError, ValueError):
            raise ValueError(_("%(value)s is not a time") % {"value": repr(value)}) from None
    if isinstance(value, str):
        try:
            return timing.aware_instant(value).replace(microsecond=0)
        except ValueError:
            raise ValueError(
                _("%(value)s is not a time with an offset") % {"value": repr(value)}
            ) from None
    raise ValueError(_("%(value)s is not a time") % {"value": repr(value)})


class WatsonParser(Parser):
    name = "watson"
    label = "Watson log (JSON) or frames file"
    timing = timing.INSTANTS
    kind = reading.JSON
    row_word = "frame"

    def parse(self, stream: BinaryIO) -> Iterator[SourceRow | RowError]:
        raw = stream.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise ImportFileError(_("A Watson file of more than 64 MB: export a shorter period."))
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ImportFileError(
                _("This is not readable JSON (%(error)s).") % {"error": exc}
            ) from None
        if not isinstance(data, list):
            raise ImportFileError(
                _("A Watson export is a list of frames (watson log --json, or the frames file).")
            )
        for number, frame in enumerate(data, start=1):
            try:
                yield self.frame(number, frame)
            except ValueError as exc:
                yield RowError(number, str(exc))

    def frame(self, number: int, frame) -> SourceRow:
        if isinstance(frame, dict):
            start, stop = frame.get("start"), frame.get("stop")
            project, frame_id, tags = frame.get("project"), frame.get("id"), frame.get("tags")
        elif isinstance(frame, list) and len(frame) >= 3:
            start, stop, project = frame[0], frame[1], frame[2]
            frame_id = frame[3] if len(frame) > 3 else None
            tags = frame[4] if len(frame) > 4 else None
        else:
            raise ValueError(_("Not a Watson frame."))
        if not isinstance(project, str) or not project.strip():
            raise ValueError(_("No project."))
        if stop in (None, ""):
            raise ValueError(_("No stop time: the frame was still running."))
        begin, end = _instant(start), _instant(stop)
        if end <= begin:
            raise ValueError(_("The stop is not after the start."))
        tags = tuple(str(t) for t in tags) if isinstance(tags, list) else ()
        return SourceRow(
            line=number,
            project=project.strip(),
            description=", ".join(tags),
            start=begin,
            end=end,
            seconds=int((end - begin).total_seconds()),
            source_id=str(frame_id) if frame_id else "",
            tags=tags,
        )
