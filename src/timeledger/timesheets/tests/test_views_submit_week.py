from timeledger.core import timeutil
from timeledger.testing import factories as f


def test_week_view_offers_submitting_the_week(client, alice, project):
    today = timeutil.local_date(timeutil.now(), alice.timezone)
    f.entry(alice, project, day=today, hours="2.00")
    client.force_login(alice.user)
    response = client.get(f"/week/?week={timeutil.week_start(today):%Y-%m-%d}")
    assert response.status_code == 200
    assert b"Submit week for approval (1)" in response.content


def test_week_of_someone_else_has_no_submit_button(client, manager, alice, project):
    today = timeutil.local_date(timeutil.now(), alice.timezone)
    f.entry(alice, project, day=today, hours="2.00")
    client.force_login(manager.user)
    response = client.get(f"/week/?member={alice.pk}")
    assert response.status_code == 200
    assert b"Submit week for approval" not in response.content
