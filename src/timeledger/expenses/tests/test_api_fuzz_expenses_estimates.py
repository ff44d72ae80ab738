"""Fuzzing the expenses and estimates endpoints: whatever is sent, never a 5xx, and every 4xx
has the one error shape (the approach of ``core/tests/test_api_fuzz.py``)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.core.tests.test_api_fuzz import FUZZ, _check, junk, plausible
from timeledger.expenses.tests.helpers import category

EXPENSE_FIELDS = [
    "project",
    "task",
    "category",
    "member",
    "date",
    "amount",
    "currency",
    "vat_amount",
    "exchange_rate",
    "supplier",
    "description",
    "is_billable",
    "markup_percent",
    "is_reimbursable",
]
ACTION_FIELDS = ["expenses", "member", "project", "week", "comment", "reason", "override_reason"]
ESTIMATE_FIELDS = [
    "client",
    "project",
    "project_code",
    "title",
    "valid_until",
    "billing_terms",
    "instalments",
    "deposit_percent",
    "terms",
    "notes",
    "phases",
]


@pytest.fixture
def ids(org, owner, client_, project):
    cat = category(org)
    return st.sampled_from([client_.pk, project.pk, cat.pk, owner.pk, 0, -1])


def _payloads(fields, ids):
    value = junk | plausible | ids | st.lists(ids, max_size=2)
    return st.dictionaries(st.sampled_from(fields), value, max_size=len(fields))


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/expenses/", EXPENSE_FIELDS),
        ("/api/expenses/submit/", ACTION_FIELDS),
        ("/api/expenses/approve/", ACTION_FIELDS),
        ("/api/expenses/reject/", ACTION_FIELDS),
        ("/api/estimates/", ESTIMATE_FIELDS),
    ],
)
def test_no_5xx(api, owner, ids, path, fields):
    c = api(owner)

    @FUZZ
    @given(payload=_payloads(fields, ids))
    def run(payload):
        _check(c.post(path, payload, format="json"))

    run()


def test_no_5xx_on_reimbursement_queries(api, owner, ids):
    c = api(owner)

    value = st.text(max_size=20) | plausible | ids.map(str)
    names = st.sampled_from(["date_from", "date_to", "member"])

    @FUZZ
    @given(params=st.dictionaries(names, value, max_size=3))
    def run(params):
        _check(c.get("/api/expenses/reimbursements/", params))

    run()
