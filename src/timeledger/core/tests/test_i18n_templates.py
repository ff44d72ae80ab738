"""No English left in the UI (issue 17): every template of the project marks what it shows
(text and the attributes people read) for translation, and every message any template or
module marks is translated in the de, nl and fr catalogues, plurals with both forms.

The templates not yet marked are listed below by area; an area's list only ever shrinks."""

import pytest

from timeledger.testing import i18n

# Projects, clients, rates, estimates, expenses, time-entry pages.
NOT_YET_WORK: set[str] = set()

# Billing, invoices, payments, autosend, banking, accounting.
NOT_YET_MONEY: set[str] = set()

# Accounts and sign-in, onboarding, integrations (imports), audit, error pages.
NOT_YET_PEOPLE: set[str] = set()

NOT_YET = NOT_YET_WORK | NOT_YET_MONEY | NOT_YET_PEOPLE
TEMPLATES = [str(p.relative_to(i18n.ROOT)) for p in i18n.templates()]


def test_every_template_marks_what_it_shows():
    left = {name: i18n.unmarked_text(name) for name in TEMPLATES if name not in NOT_YET}
    assert {name: text for name, text in left.items() if text} == {}
    # The lists name real templates, and none that is already done (so they only shrink).
    assert NOT_YET <= set(TEMPLATES)
    assert [name for name in sorted(NOT_YET) if not i18n.unmarked_text(name)] == []


def _marked_everywhere() -> set[tuple[str, bool]]:
    wanted = set()
    for name in TEMPLATES:
        wanted |= i18n.marked_in_template(name)
    for path in sorted(i18n.ROOT.rglob("*.py")):
        parts = path.relative_to(i18n.ROOT).parts
        if "tests" not in parts and parts[0] not in ("locale", "bench"):
            wanted |= i18n.marked_in_module(path)
    return wanted


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_marked_message_is_translated(language):
    wanted = _marked_everywhere()
    assert len(wanted) > 550
    assert i18n.untranslated(wanted, language) == []
