"""Approval that cannot surprise, walked in headless Debian Chromium: the accidental-rejection
sequence of issue 17 rejects exactly the ticked entry, the whole week is its own action with a
confirmation that states the count, reasons stay through an error and show at each rejected
entry (and to its owner), "next to review" after each decision, and an approver's own week is
explained. Screenshots at 1280 and 390 px land in var/screenshots/."""

import datetime as dt

import pytest

from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def week(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    boss = f.member(org, "admin", email="boss@example.com")
    dev = f.member(org, "member", email="dev@example.com")
    other = f.member(org, "member", email="other@example.com")
    project = f.project(org, code="WEB", name="Web shop")

    def submitted(m, n):
        return [
            f.entry(
                m,
                project,
                day=MONDAY + dt.timedelta(days=i % 5),
                hours="0.50",
                description=f"task {i}",
                status=EntryStatus.SUBMITTED,
            )
            for i in range(n)
        ]

    entries = submitted(dev, 13)
    submitted(other, 2)
    submitted(boss, 1)
    return org, dev, other, entries


def _week(base, m):
    return f"{base}/approvals/{m.pk}/{MONDAY:%Y-%m-%d}/"


def test_accidental_rejection_sequence_rejects_exactly_the_ticked_entry(live_server, browser, week):
    _org, dev, _other, entries = week
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "boss@example.com")
    flow = Flow(page, "approval-reject")
    flow.goto(_week(live_server.url, dev))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))

    # tick one entry, press Reject without a reason: an error, the tick stays
    flow.click(f"input[name=entries][value='{entries[0].pk}']")
    flow.click("#reject-selected")
    page.wait_for_selector("#id_reason-error")
    assert page.is_checked(f"input[name=entries][value='{entries[0].pk}']")
    assert TimeEntry.objects.filter(status=EntryStatus.REJECTED).count() == 0

    # type a reason, press Reject again: exactly that entry
    page.fill("#id_reason", "wrong project")
    flow.click("#reject-selected")
    page.wait_for_selector(".reject-reason")
    assert dialogs == ["Reject 1 ticked entry of " + str(dev) + "?"] * 2
    rejected = list(TimeEntry.objects.filter(status=EntryStatus.REJECTED))
    assert [e.pk for e in rejected] == [entries[0].pk]
    assert rejected[0].status_note == "wrong project"
    assert "Rejected: wrong project" in page.inner_text(f"tr:has(input[value='{entries[0].pk}'])")
    assert "Next to review" in page.inner_text("#next-review")
    assert flow.shot("after-reject") <= 390

    # a selection button with nothing ticked never widens to the week
    page.fill("#id_reason", "again")
    flow.click("#reject-selected")
    page.wait_for_selector("#entries-error")
    assert TimeEntry.objects.filter(status=EntryStatus.REJECTED).count() == 1

    # the owner sees the reason at the entry in their week
    mine = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(mine, live_server.url, "dev@example.com")
    mine.goto(f"{live_server.url}/week/?week={MONDAY:%Y-%m-%d}")
    assert "Rejected: wrong project" in mine.inner_text(f"#entry-{entries[0].pk}")


def test_approve_a_week_in_two_clicks_then_next_to_review(live_server, browser, week):
    _org, dev, other, _entries = week
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "boss@example.com")
    flow = Flow(page, "approval-week")
    flow.goto(f"{live_server.url}/approvals/")
    # the approver's own week is explained, not left without actions
    assert "Your own week" in page.inner_text("main")
    assert flow.shot("list") <= 390

    said = []
    page.on("dialog", lambda d: (said.append(d.message), d.accept()))
    flow.click(f"tr:has-text('{dev}') button.approve-week")
    page.wait_for_selector("text=Approved 13 entries")
    assert said == [f"Approve all 13 submitted entries of {dev}'s week 10?"]
    assert flow.clicks <= 2 and flow.loads <= 3, (flow.clicks, flow.loads)
    assert TimeEntry.objects.filter(member=dev, status=EntryStatus.APPROVED).count() == 13

    # from a week page: the whole-week button, then "next to review"
    flow.goto(_week(live_server.url, other))
    flow.click("#approve-week")
    page.wait_for_selector("text=Approved 2 entries")
    assert "Nothing else is waiting for you" in page.inner_text("#next-review")
    assert flow.shot("approved") <= 390
