from timeledger.core import timeutil
from timeledger.testing import factories as f


def _today(m):
    return timeutil.local_date(timeutil.now(), m.timezone)


def test_manager_sees_a_rate_link_on_each_billable_entry(client, manager, project):
    entry = f.entry(manager, project, day=_today(manager), hours="1.00")
    client.force_login(manager.user)
    response = client.get("/week/")
    assert f'href="/entries/{entry.pk}/rate/"'.encode() in response.content


def test_plain_member_gets_no_rate_link(client, alice, project):
    entry = f.entry(alice, project, day=_today(alice), hours="1.00")
    client.force_login(alice.user)
    response = client.get("/week/")
    assert response.status_code == 200
    assert f"/entries/{entry.pk}/rate/".encode() not in response.content
