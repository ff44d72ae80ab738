"""No English left in the UI (issue 17): every template of the project marks what it shows
(text and the attributes people read) for translation, and every message any template or
module marks is translated in the de, nl and fr catalogues, plurals with both forms.

The templates not yet marked are listed below by area; an area's list only ever shrinks."""

import pytest

from timeledger.testing import i18n

# Projects, clients, rates, estimates, expenses, time-entry pages.
NOT_YET_WORK = {
    "templates/clients/detail.html",
    "templates/clients/list.html",
    "templates/estimates/detail.html",
    "templates/estimates/list.html",
    "templates/estimates/new.html",
    "templates/estimates/public.html",
    "templates/expenses/approve.html",
    "templates/expenses/categories.html",
    "templates/expenses/list.html",
    "templates/expenses/reimbursements.html",
    "templates/form_page.html",
    "templates/partials/form_card.html",
    "templates/projects/_task_rows.html",
    "templates/projects/contracts/page.html",
    "templates/projects/detail.html",
    "templates/projects/list.html",
    "templates/rates/_form.html",
    "templates/rates/_preview.html",
    "templates/rates/delete.html",
    "templates/rates/entry.html",
    "templates/rates/form.html",
    "templates/rates/list.html",
    "templates/rates/rounding.html",
    "templates/timesheets/entry_page.html",
    "templates/timesheets/timer_page.html",
}

# Billing, invoices, payments, autosend, banking, accounting.
NOT_YET_MONEY: set[str] = set()

# Accounts and sign-in, onboarding, integrations (imports), audit, error pages.
NOT_YET_PEOPLE = {
    "templates/403.html",
    "templates/404.html",
    "templates/accounts/invitation_accept.html",
    "templates/accounts/invitation_invalid.html",
    "templates/accounts/locked_out.html",
    "templates/accounts/login.html",
    "templates/accounts/no_organisation.html",
    "templates/accounts/password_change.html",
    "templates/accounts/password_change_done.html",
    "templates/accounts/password_reset_complete.html",
    "templates/accounts/password_reset_confirm.html",
    "templates/accounts/password_reset_done.html",
    "templates/accounts/password_reset_form.html",
    "templates/accounts/two_factor.html",
    "templates/accounts/two_factor_codes.html",
    "templates/accounts/two_factor_verify.html",
    "templates/audit/_rows.html",
    "templates/audit/log.html",
    "templates/integrations/_progress.html",
    "templates/integrations/detail.html",
    "templates/integrations/list.html",
    "templates/onboarding/first_run.html",
    "templates/onboarding/signup.html",
    "templates/reports/_audit_findings.html",
    "templates/reports/audit.html",
    "templates/reports/entries.html",
}

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
