"""Reading the translation catalogues and what the sources mark, for the i18n tests (issue 17).

- ``catalogue(language)``: what a ``.po`` file translates, keyed as gettext keys a message
  (``"context\\x04msgid"`` where there is a context);
- ``marked_in_template(path)`` / ``marked_in_module(path)``: the messages a template or a Python
  module marks, found as ``makemessages`` finds them (Django's own ``templatize`` for templates);
- ``unmarked_text(path)``: the words a template shows (text and the attributes people read) that
  are not marked for translation — English left on a translated page.
"""

import ast
import re
from pathlib import Path

from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
LANGUAGES = ("de", "nl", "fr")


def templates() -> list[Path]:
    """Every HTML template of the project (project-level and the apps' own)."""
    return sorted([*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")])


def catalogue(language: str, domain: str = "django") -> dict[str, list[str]]:
    """key → its msgstr, or msgstr[0], msgstr[1]… for a plural (single-line entries, as
    ``makemessages --no-wrap`` writes them). A fuzzy entry is a failure, not a translation."""
    text = (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text, f"{language}/{domain}.po has fuzzy entries"
    entries = {}
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"$', block, flags=re.M)
        if msgid is None or not msgid.group(1):
            continue
        key = ast.literal_eval(f'"{msgid.group(1)}"')
        context = re.search(r'^msgctxt "(.*)"$', block, flags=re.M)
        if context:
            key = ast.literal_eval(f'"{context.group(1)}"') + "\x04" + key
        entries[key] = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', block, flags=re.M)
    return entries


_LITERAL = r"u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
_TEMPLATE_CALL = re.compile(
    rf"\b(ngettext|gettext|_|pgettext|npgettext)\(\s*({_LITERAL})(?:\s*,\s*({_LITERAL}))?"
    rf"(?:\s*,\s*({_LITERAL}))?"
)


def marked_in_template(path: Path | str) -> set[tuple[str, bool]]:
    """(key, is_plural) of every message the template marks."""
    code = templatize(Path(ROOT / path).read_text(encoding="utf-8"))
    found = set()
    for kind, first, second, _third in _TEMPLATE_CALL.findall(code):
        first = ast.literal_eval(first)
        if kind in ("pgettext", "npgettext"):
            found.add((f"{first}\x04{ast.literal_eval(second)}", kind == "npgettext"))
        else:
            found.add((first, kind == "ngettext"))
    return found


_SINGULAR = {"gettext", "_", "gettext_lazy", "gettext_noop"}
_CONTEXT = {"pgettext", "pgettext_lazy"}
_PLURAL = {"ngettext", "ngettext_lazy"}


def marked_in_module(path: Path | str) -> set[tuple[str, bool]]:
    """(key, is_plural) of every message a Python module marks (calls by these names)."""
    found = set()
    for node in ast.walk(ast.parse(Path(ROOT / path).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if not args or not all(isinstance(a, str) for a in args[:2]):
            continue
        if node.func.id in _SINGULAR:
            found.add((args[0], False))
        elif node.func.id in _CONTEXT and len(args) >= 2:
            found.add((f"{args[0]}\x04{args[1]}", False))
        elif node.func.id in _PLURAL:
            found.add((args[0], True))
    return found


def untranslated(wanted: set[tuple[str, bool]], language: str) -> list[str]:
    """The wanted messages the language's catalogue lacks, leaves empty, or (a plural) gives
    fewer than two forms."""
    strings = catalogue(language)
    return sorted(
        key
        for key, plural in wanted
        if not all(strings.get(key, [""])) or (plural and len(strings[key]) < 2)
    )


# What a page shows that needs no translation: the product's name, formats and units, symbols.
NOT_WORDS = {"Timeledger", "PDF", "CSV", "XLSX", "XML", "UBL", "URL", "API", "IBAN", "BIC", "VAT"}
_READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "label")
_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", flags=re.S)


def unmarked_text(path: Path | str) -> list[str]:
    """The pieces of text a template shows (between tags, and in the attributes a person reads:
    title, placeholder, aria-label, alt, label) with a word in them that is not marked for
    translation. Tags, variables, comments, scripts and marked blocks are left out first."""
    text = Path(ROOT / path).read_text(encoding="utf-8")
    for pattern in (
        r"\{#.*?#\}",
        r"\{% comment %\}.*?\{% endcomment %\}",
        r"\{% blocktrans(?:late)?\b.*?\{% endblocktrans(?:late)? %\}",
        r"<(script|style)\b.*?</\1>",
        r"\{%.*?%\}",
        r"\{\{.*?\}\}",
    ):
        text = re.sub(pattern, " ", text, flags=re.S | re.I)
    shown = []

    def read_attributes(tag: re.Match) -> str:
        for name, value in re.findall(r'([\w-]+)\s*=\s*"([^"]*)"', tag.group(0)):
            if name in _READ_ATTRIBUTES:
                shown.append(value)
        return "\n"

    shown += _TAG.sub(read_attributes, text).splitlines()
    left = []
    for piece in shown:
        words = re.findall(r"[A-Za-z][A-Za-z'’-]+", re.sub(r"&#?\w+;", " ", piece))
        if [w for w in words if w not in NOT_WORDS]:
            left.append(" ".join(piece.split()))
    return left
