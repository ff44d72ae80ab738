"""Today and week views, manual entries with inline field errors, edit and delete."""

import datetime as dt

import pytest

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def yesterday(alice):
    return timeutil.local_date(timeutil.now(), alice.timezone) - dt.timedelta(days=1)


def _post(web, url, **data):
    return web.post(url, data, **HX)


def test_duration_entry_is_created_and_the_list_is_told(web, alice, project, yesterday):
    response = _post(
        web, "/entries/new/", work=str(project.pk), date=yesterday.isoformat(), duration="1:30"
    )
    assert "entries-changed" in response.headers["HX-Trigger"]
    assert "Saved 1:30 on WEB" in response.content.decode()
    entry = TimeEntry.objects.get(member=alice)
    assert (entry.date, entry.seconds, entry.start, entry.is_billable) == (
        yesterday,
        5400,
        None,
        True,
    )


def test_start_end_entry_is_stored_in_utc_from_the_members_zone(web, alice, project, yesterday):
    _post(
        web,
        "/entries/new/",
        work=str(project.pk),
        date=yesterday.isoformat(),
        start="09:00",
        end="10:15",
        description="Standup and review",
    )
    entry = TimeEntry.objects.get(member=alice)
    local_start = entry.start.astimezone(timeutil.zone("Europe/Amsterdam"))
    assert (local_start.hour, local_start.minute) == (9, 0)
    assert entry.seconds == 75 * 60
    assert entry.description == "Standup and review"


def test_task_billable_flag_is_the_default_and_can_be_overridden(web, alice, project, yesterday):
    internal = f.task(project, "Internal", billable=False)
    day = yesterday.isoformat()
    _post(web, "/entries/new/", work=f"{project.pk}:{internal.pk}", date=day, duration="1")
    _post(
        web,
        "/entries/new/",
        work=f"{project.pk}:{internal.pk}",
        date=day,
        duration="1",
        billable="yes",
    )
    flags = list(TimeEntry.objects.order_by("id").values_list("is_billable", flat=True))
    assert flags == [False, True]


@pytest.mark.parametrize(
    "data, field_id, message",
    [
        ({"duration": "abc"}, "id_duration-error", "is not a duration"),
        ({"duration": "25:00"}, "id_duration-error", "cannot be longer than 24 hours"),
        ({"duration": ""}, "id_duration-error", "Give a duration, or a start and end time."),
        ({"start": "10:00", "end": "10:00"}, "id_end-error", "End must be after start."),
        ({"start": "10:00"}, "id_end-error", "Give both start and end."),
        ({"work": ""}, "id_work-error", "Choose a project."),
    ],
)
def test_bad_input_is_shown_next_to_its_field(web, project, yesterday, data, field_id, message):
    payload = {"work": str(project.pk), "date": yesterday.isoformat(), **data}
    response = web.post("/entries/new/", payload, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="{field_id}"' in body
    assert message in body
    assert "HX-Trigger" not in response.headers
    assert not TimeEntry.objects.exists()


def test_entry_far_in_the_future_is_refused_next_to_the_date(web, project, alice):
    later = timeutil.local_date(timeutil.now(), alice.timezone) + dt.timedelta(days=5)
    body = _post(
        web, "/entries/new/", work=str(project.pk), date=later.isoformat(), duration="1"
    ).content.decode()
    assert 'id="id_date-error"' in body
    assert "more than a day in the future" in body


def test_overlap_is_refused_next_to_the_start(web, alice, project, yesterday):
    day = yesterday.isoformat()
    _post(web, "/entries/new/", work=str(project.pk), date=day, start="09:00", end="11:00")
    body = _post(
        web, "/entries/new/", work=str(project.pk), date=day, start="10:00", end="12:00"
    ).content.decode()
    assert 'id="id_start-error"' in body
    assert "Overlaps your entry on WEB" in body
    assert TimeEntry.objects.count() == 1


def test_week_view_lists_entries_per_day_with_totals(web, alice, project, yesterday):
    f.entry(alice, project, day=yesterday, hours="1.5", description="Checkout flow")
    f.entry(alice, project, day=yesterday, hours="0.25")
    monday = timeutil.week_start(yesterday)
    body = web.get(f"/week/?week={monday.isoformat()}").content.decode()
    assert "Checkout flow" in body
    assert 'data-testid="total">1:45<' in body
    assert f'id="day-{yesterday.isoformat()}"' in body


def test_week_view_shows_only_my_time(web, org, project, yesterday):
    bob = f.member(org)
    f.entry(bob, project, day=yesterday, hours="3", description="Bob's work")
    monday = timeutil.week_start(yesterday)
    assert "Bob&#x27;s work" not in web.get(f"/week/?week={monday}").content.decode()


def test_today_view_navigates_by_day(web, alice, project, yesterday):
    f.entry(alice, project, day=yesterday, hours="2", description="Yesterday's work")
    body = web.get(f"/today/?date={yesterday.isoformat()}").content.decode()
    assert "Yesterday&#x27;s work" in body
    assert f"?date={(yesterday - dt.timedelta(days=1)).isoformat()}" in body


def test_edit_form_is_a_fragment_prefilled_with_the_entry(web, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1.5", description="Old")
    body = web.get(f"/entries/{entry.pk}/edit/", **HX).content.decode()
    assert "<html" not in body
    assert 'value="1:30"' in body and "Old" in body


def test_edit_saves_through_the_service(web, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1.5")
    response = _post(
        web,
        f"/entries/{entry.pk}/edit/",
        work=str(project.pk),
        date=yesterday.isoformat(),
        duration="2:15",
        description="New",
    )
    assert "entries-changed" in response.headers["HX-Trigger"]
    entry.refresh_from_db()
    assert (entry.seconds, entry.description) == (8100, "New")


def test_approved_entry_cannot_be_edited(web, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1", status=EntryStatus.APPROVED)
    body = _post(
        web, f"/entries/{entry.pk}/edit/", work=str(project.pk), date=yesterday, duration="2"
    ).content.decode()
    assert "approved and locked" in body
    entry.refresh_from_db()
    assert entry.seconds == 3600


def test_delete_removes_the_entry(web, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1")
    response = web.post(f"/entries/{entry.pk}/delete/", **HX)
    assert "entries-changed" in response.headers["HX-Trigger"]
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()


def test_a_member_cannot_touch_a_colleagues_entry(web, org, project, yesterday):
    bob = f.member(org)
    entry = f.entry(bob, project, day=yesterday, hours="1")
    assert web.get(f"/entries/{entry.pk}/edit/").status_code == 404
    assert web.post(f"/entries/{entry.pk}/delete/").status_code == 404
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_outsider_gets_404_for_our_entries(client, outsider, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1")
    client.force_login(outsider.user)
    assert client.get(f"/entries/{entry.pk}/edit/").status_code == 404
    assert client.post(f"/entries/{entry.pk}/delete/").status_code == 404
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_manager_may_correct_a_members_entry(client, manager, alice, project, yesterday):
    entry = services.create_entry(
        services.EntryInput(project=project, date=yesterday, seconds=3600), by=alice
    )
    client.force_login(manager.user)
    client.post(
        f"/entries/{entry.pk}/edit/",
        {"work": str(project.pk), "date": yesterday.isoformat(), "duration": "0:45"},
        **HX,
    )
    entry.refresh_from_db()
    assert entry.seconds == 45 * 60


def test_without_htmx_a_saved_entry_redirects_to_its_week(web, project, yesterday):
    response = web.post(
        "/entries/new/", {"work": str(project.pk), "date": yesterday, "duration": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?week={timeutil.week_start(yesterday).isoformat()}")


def test_manager_sees_a_colleagues_week_and_may_correct_it(
    client, manager, alice, project, yesterday
):
    f.entry(alice, project, day=yesterday, hours="2", description="Alice's work")
    client.force_login(manager.user)
    monday = timeutil.week_start(yesterday).isoformat()
    body = client.get(f"/week/?week={monday}&member={alice.pk}").content.decode()
    assert "Alice&#x27;s work" in body
    assert 'id="team-member"' in body
    assert "/edit/" in body  # managers may correct (EDIT_ALL_TIME)
    assert 'id="entry-form"' not in body  # no add form on someone else's week


def test_accountant_sees_but_cannot_correct_a_colleagues_week(
    client, accountant, alice, project, yesterday
):
    f.entry(alice, project, day=yesterday, hours="2", description="Alice's work")
    client.force_login(accountant.user)
    body = client.get(f"/today/?date={yesterday.isoformat()}&member={alice.pk}").content.decode()
    assert "Alice&#x27;s work" in body
    assert "/edit/" not in body


def test_member_cannot_open_a_colleagues_week(web, org):
    bob = f.member(org)
    assert web.get(f"/week/?member={bob.pk}").status_code == 404


def test_nobody_sees_another_organisations_member(client, manager, outsider):
    client.force_login(manager.user)
    assert client.get(f"/week/?member={outsider.pk}").status_code == 404


def test_deleting_an_approved_entry_is_refused_with_a_message(web, alice, project, yesterday):
    entry = f.entry(alice, project, day=yesterday, hours="1", status=EntryStatus.APPROVED)
    body = web.post(f"/entries/{entry.pk}/delete/", **HX).content.decode()
    assert 'role="alert"' in body and "approved and locked" in body
    followed = web.post(f"/entries/{entry.pk}/delete/", follow=True).content.decode()
    assert "approved and locked" in followed
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
