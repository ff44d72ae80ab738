import pytest


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
def test_far_away_week_is_a_field_error_not_a_500(api, alice, week):
    response = api(alice).post("/api/approvals/submit/", {"week": week}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["fields"]["week"] == ["Date must fall between 1900 and 2999."]
