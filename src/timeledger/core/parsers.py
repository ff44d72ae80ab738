"""The API's request parser: JSON, with a nesting bomb refused as bad input.

``json.loads`` of a body nested 100,000 levels deep raises ``RecursionError``, which DRF's parser
does not catch (a 500). Here it is a parse error in the API's error shape. The API accepts JSON
only, except the few views that take a file upload and say so with their own ``parser_classes``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - nested too deeply.")) from None
