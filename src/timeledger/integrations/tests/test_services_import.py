"""Preview, commit, re-import and undo on the real database, with the hand-made files."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from timeledger.accounts.roles import Role
from timeledger.billing.engine import run_billing
from timeledger.clients.models import Client
from timeledger.core.models import AuditLog
from timeledger.integrations.imports import service
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import ImportBatch, ImportedEntry, ImportStatus
from timeledger.integrations.tests.conftest import DATA, NOW, named
from timeledger.projects.models import BillingModel, Project, Task
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

H, M = 3600, 60
UTC = dt.UTC


def seconds_per_project(org) -> dict[str, int]:
    rows = (
        TimeEntry.objects.filter(organisation=org)
        .values("project__code")
        .annotate(s=Sum("seconds"))
        .order_by()
    )
    return {r["project__code"]: r["s"] for r in rows}


def test_preview_writes_nothing_and_shows_the_mapping_and_totals(look, people, berlin):
    summary = look("toggl_detailed.csv")
    assert TimeEntry.objects.count() == 0
    assert not Client.objects.filter(code="GLOBEX").exists()
    assert summary["format"] == "toggl" and summary["time_zone"] == "Europe/Berlin"
    assert "local times in Europe/Berlin" in summary["timing"]
    assert summary["rows"] == {"total": 7, "new": 7, "duplicate": 0, "changed": 0, "invalid": 0}
    hows = {e["key"]: (e["how"], e["target"]) for e in summary["entities"]}
    assert hows["person:anna@example.com"] == (
        "matched by e-mail",
        "Anna Schmidt <anna@example.com>",
    )
    assert hows["project:acme retail/website"] == ("matched by name", "WEB — Website")
    assert hows["client:acme retail"][0] == "matched by name"
    assert hows["client:globex"] == ("to be created", "GLOBEX — Globex")
    assert hows["project:globex/data platform"][0] == "to be created"
    assert hows["client:"] == ("to be created", "NO-CLIENT — No client (imported)")
    totals = {t["project"]: t for t in summary["totals"]}
    # Website: 3:30 + 1:15 + 2:30 + 3:00 = 10:15, all billable; 420 + 150 + 300 + 360 EUR
    web = totals["WEB — Website"]
    assert (web["hours"], web["billable_hours"], web["amounts"]) == (
        "10:15",
        "10:15",
        {"EUR": "1230.00"},
    )
    assert totals["DATA-PLATFORM — Data platform"]["hours"] == "2:46"
    assert totals["DATA-PLATFORM — Data platform"]["billable_hours"] == "1:40"
    assert totals["INTERNAL — Internal"]["billable_hours"] == "0:00"


def test_commit_writes_exact_entries_and_one_audit_row(imp, people, berlin):
    anna, ben = people
    batch = imp("toggl_detailed.csv")
    assert (batch.status, batch.rows_created) == (ImportStatus.COMMITTED, 7)
    assert seconds_per_project(berlin) == {
        "WEB": 10 * H + 15 * M,
        "INTERNAL": 45 * M,
        "DATA-PLATFORM": 2 * H + 46 * M,
    }
    night = TimeEntry.objects.get(description="Release night, deploy")
    assert (night.date, night.seconds, night.member) == (dt.date(2026, 10, 20), 9000, anna)
    dst = TimeEntry.objects.get(member=ben, project__code="WEB")
    assert (dst.start, dst.end, dst.seconds, dst.date) == (
        dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=UTC),
        3 * H,
        dt.date(2026, 10, 25),
    )
    formula = TimeEntry.objects.get(project__code="INTERNAL")
    assert formula.description == '=HYPERLINK("http://evil.test","click")'
    assert formula.is_billable is False and formula.status == EntryStatus.DRAFT
    internal = Project.objects.get(code="INTERNAL")
    assert internal.billing_model == BillingModel.NON_BILLABLE
    assert internal.client.code == "NO-CLIENT"
    assert Task.objects.get(name="On-call").project.code == "DATA-PLATFORM"
    assert AuditLog.objects.filter(action="import").count() == 1
    assert TimeEntry.objects.filter(status=EntryStatus.DRAFT).count() == 7
    assert ImportedEntry.objects.filter(batch=batch).count() == 7


def test_reimport_creates_nothing(imp, people, berlin):
    imp("toggl_detailed.csv")
    again = imp("toggl_detailed.csv")
    assert (again.rows_created, again.rows_duplicate, again.rows_changed) == (0, 7, 0)
    assert TimeEntry.objects.count() == 7
    assert Client.objects.filter(code__startswith="GLOBEX").count() == 1


def test_rows_changed_in_the_source_are_reported_not_doubled(imp, look, people):
    imp("toggl_detailed.csv")
    text = (DATA / "toggl_detailed.csv").read_bytes().replace(b"Homepage wireframes", b"Home v2")
    summary = service.preview(
        io.BytesIO(text),
        by=people[0].organisation.members.get(role=Role.OWNER),
        options=service.ImportOptions(tz="Europe/Berlin"),
        now=NOW,
    )
    assert summary["rows"]["changed"] == 1 and summary["rows"]["new"] == 0
    assert summary["changes"][0]["line"] == 2
    assert "Changed in the source since import" in summary["changes"][0]["reason"]


def test_undo_removes_entries_and_what_the_import_created(imp, boss, people, berlin):
    batch = imp("toggl_detailed.csv")
    service.undo(batch, by=boss)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UNDONE
    assert TimeEntry.objects.count() == 0
    assert not Client.objects.filter(code="GLOBEX").exists()
    assert not Project.objects.filter(code="DATA-PLATFORM").exists()
    assert Project.objects.filter(code="WEB").exists()  # existed before
    assert AuditLog.objects.filter(action="import_undo").count() == 1
    assert imp("toggl_detailed.csv").rows_created == 7  # the keys went with it


def test_undo_is_refused_once_an_entry_is_approved(imp, boss, people):
    batch = imp("toggl_detailed.csv")
    TimeEntry.objects.filter(description="Homepage wireframes").update(status=EntryStatus.APPROVED)
    with pytest.raises(ValidationError, match="approved or billed"):
        service.undo(batch, by=boss)
    assert TimeEntry.objects.count() == 7


def test_invoiced_rows_are_imported_as_billed_elsewhere(imp, people, berlin):
    imp("harvest_detailed.csv")
    billed = TimeEntry.objects.get(status=EntryStatus.INVOICED)
    assert billed.invoice_line_id is None
    assert (billed.rate, billed.amount, billed.currency) == (
        Decimal("120.00"),
        Decimal("150.00"),
        "EUR",
    )
    assert billed.rate_locked_at is not None and "Harvest" in billed.rate_source
    assert ImportedEntry.objects.get(entry=billed).billed_elsewhere is True


def test_billing_never_bills_time_billed_elsewhere(imp, boss, people, berlin):
    f.rate(berlin, "100.00")
    imp("harvest_detailed.csv")
    TimeEntry.objects.filter(status=EntryStatus.DRAFT).update(status=EntryStatus.APPROVED)
    run_billing(berlin, up_to=dt.date(2026, 10, 31), project_codes=["WEB"])
    billed_elsewhere = TimeEntry.objects.get(description="", project__code="WEB")
    assert billed_elsewhere.invoice_line_id is None
    assert billed_elsewhere.status == EntryStatus.INVOICED
    assert TimeEntry.objects.filter(project__code="WEB", invoice_line__isnull=False).count() == 2


def test_harvest_durations_people_by_name_and_rates_as_overrides(imp, people, berlin):
    anna, ben = people
    imp("harvest_detailed.csv", rates_as_overrides=True)
    # Website 7:15, Data platform 13:15 (2,0 + 10,75 + 0,5)
    assert seconds_per_project(berlin) == {"WEB": 7 * H + 15 * M, "DATA": 13 * H + 15 * M}
    long = TimeEntry.objects.get(description="Long session, two parts")
    assert (long.member, long.date, long.start, long.seconds) == (
        anna,
        dt.date(2026, 10, 26),
        None,
        10 * H + 45 * M,
    )
    assert long.rate_override == Decimal("1250.00")
    assert TimeEntry.objects.get(description="=SUM(A1:A9)").member == ben
    assert TimeEntry.objects.get(description="Not billed").rate_override is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("clockify_detailed.csv", {"WEB": 36900, "DATA-PLATFORM": 6000, "INTERNAL": 2700}),
        ("kimai_export.csv", {"WEB": 36900, "DATA-PLATFORM": 6000, "INTERNAL": 2700}),
        ("kimai_export.xlsx", {"WEB": 36900, "DATA-PLATFORM": 6000, "INTERNAL": 2700}),
        # Watson names no client: "website" is the one project of that name, WEB
        ("watson_log.json", {"WEB": 9 * H, "DATA-PLATFORM": 6000}),
    ],
)
def test_every_format_commits_its_hours_per_project(imp, people, berlin, name, expected):
    imp(name)
    assert seconds_per_project(berlin) == expected


def test_watson_frames_and_log_are_the_same_rows(imp, people):
    imp("watson_log.json")
    again = imp("watson_frames")
    assert (again.rows_created, again.rows_duplicate) == (0, 4)


def test_watson_time_is_the_importers_or_the_chosen_members(imp, boss, people, berlin):
    anna, _ = people
    imp("watson_log.json", member_id=anna.pk)
    assert set(TimeEntry.objects.values_list("member", flat=True)) == {anna.pk}
    # Watson names no client: a new project goes under the no-client client
    assert Project.objects.get(code="DATA-PLATFORM").client.code == "NO-CLIENT"


def test_a_mapping_chosen_in_the_preview_is_used_and_remembered(imp, look, people, berlin, acme):
    shop = f.project(berlin, acme, code="SHOP", name="Web shop")
    batch = imp("toggl_detailed.csv", mapping={"project:acme retail/website": str(shop.pk)})
    assert seconds_per_project(berlin)["SHOP"] == 10 * H + 15 * M
    assert batch.mapping == {"project:acme retail/website": str(shop.pk)}
    # The next file of the same tool maps the same way without being told.
    hows = {e["key"]: e for e in look("clockify_detailed.csv")["entities"]}
    assert hows["project:acme retail/website"]["target_id"] == shop.pk
    assert hows["project:acme retail/website"]["how"] == "as in an earlier import"


def test_rows_in_a_locked_period_are_bad_rows(look, people, berlin):
    berlin.lock_date = dt.date(2026, 10, 20)
    berlin.save()
    summary = look("toggl_detailed.csv")
    locked = [e for e in summary["errors"] if "locked" in e["reason"]]
    assert [e["line"] for e in locked] == [2, 3, 4]
    assert locked[0]["reason"] == (
        "The period up to 20 Oct 2026 is locked (the organisation's date, Europe/Berlin time); "
        "ask an admin."
    )


def test_rows_overlapping_existing_timed_entries_are_bad_rows(look, people, website):
    anna, _ = people
    TimeEntry.objects.create(
        organisation=anna.organisation,
        member=anna,
        project=website,
        client=website.client,
        date=dt.date(2026, 10, 19),
        start=dt.datetime(2026, 10, 19, 8, 0, tzinfo=UTC),
        end=dt.datetime(2026, 10, 19, 9, 0, tzinfo=UTC),
        seconds=3600,
        is_billable=True,
    )
    summary = look("toggl_detailed.csv")
    assert summary["errors"] == [
        {"line": 2, "reason": "Overlaps your entry on WEB 19 Oct 2026 10:00–11:00."}
    ]


def test_overlapping_rows_within_a_file_are_bad_rows(look, people):
    header = "User,Email,Project,Billable,Start date,Start time,End date,End time\n"
    text = header + (
        "A,anna@example.com,Website,Yes,2026-10-01,09:00,2026-10-01,10:00\n"
        "A,anna@example.com,Website,Yes,2026-10-01,09:30,2026-10-01,10:30\n"
    )
    summary = service.preview(
        io.BytesIO(text.encode()),
        by=people[0].organisation.members.get(role=Role.OWNER),
        options=service.ImportOptions(tz="Europe/Berlin"),
        now=NOW,
    )
    assert summary["errors"] == [{"line": 3, "reason": "Overlaps line 2 of this file."}]


def test_a_member_imports_only_their_own_time(look, people, berlin, website):
    anna, ben = people
    f.task(website, "Design"), f.task(website, "Development")
    summary = look("toggl_detailed.csv", by=anna)
    reasons = {e["line"]: e["reason"] for e in summary["errors"]}
    assert reasons[5] == "You can only log your own time."  # Ben's row on Website
    assert reasons[6].endswith("Your role cannot create projects; map it to an existing one.")
    assert summary["rows"]["new"] == 3  # her own rows on Website


def test_people_not_found_are_created_as_members_who_cannot_sign_in(imp, website, berlin):
    imp("toggl_detailed.csv")
    created = berlin.members.get(code="anna@example.com")
    assert created.user.is_active is False and not created.user.has_usable_password()
    assert created.user.email.endswith("@imported.invalid")
    assert created.user.get_full_name() == "Anna Schmidt"


def test_committing_twice_is_refused(imp, boss, people):
    batch = imp("toggl_detailed.csv")
    with pytest.raises(ValidationError, match="already committed"):
        service.commit(batch, by=boss, now=NOW)


def test_an_outsider_cannot_commit_or_undo(imp, outsider, people):
    batch = imp("toggl_detailed.csv")
    with pytest.raises(PermissionDenied):
        service.undo(batch, by=outsider)


# --- malformed files: a clear error and nothing written --------------------------------------


def _attempt(boss, data: bytes, **options):
    with pytest.raises(ImportFileError) as info:
        service.create_batch(
            io.BytesIO(data), by=boss, options=service.ImportOptions(**options), now=NOW
        )
    assert not ImportBatch.objects.exists() and not TimeEntry.objects.exists()
    assert not Client.objects.exists()
    return str(info.value)


def test_wrong_columns(boss):
    assert "no column 'Project'" in _attempt(
        boss, b"User,Email,Start date,Start time,End date,End time\n", fmt="toggl"
    )


def test_binary_junk(boss):
    assert "binary data" in _attempt(boss, bytes(range(256)) * 64)


def test_fifty_megabytes_of_noise(boss):
    noise = random.Random(7).randbytes(50 * 1024 * 1024)
    assert "binary data" in _attempt(boss, noise)
    text_noise = bytes(random.Random(8).choices(b"abcdefgh ;,\n", k=1 << 20)) * 50
    assert "Not an export we read" in _attempt(boss, text_noise)


def test_an_xlsx_that_is_not_one(boss):
    assert "not a readable XLSX" in _attempt(boss, b"PK\x03\x04" + b"\x00" * 100)


def test_bad_dates_are_bad_rows_and_nothing_is_created(boss, people):
    text = (
        "User,Email,Project,Start date,Start time,End date,End time\n"
        "A,anna@example.com,Website,31/31/2026,09:00,31/31/2026,10:00\n"
        "A,anna@example.com,Website,2026-10-01,25:00,2026-10-01,26:00\n"
    )
    batch = service.create_batch(
        io.BytesIO(text.encode()),
        by=boss,
        options=service.ImportOptions(tz="Europe/Berlin"),
        now=NOW,
    )
    assert [e["line"] for e in batch.preview["errors"]] == [2, 3]
    assert service.commit(batch, by=boss, now=NOW).rows_created == 0
    assert not TimeEntry.objects.exists()


def test_a_rate_in_another_currency_is_not_made_an_override(boss, people, berlin):
    header = "User,Email,Project,Billable,Start date,Start time,End date,End time,Amount (USD)\n"
    text = header + "A,anna@example.com,Website,Yes,2026-10-01,09:00,2026-10-01,10:00,100.00\n"
    batch = service.create_batch(
        io.BytesIO(text.encode()),
        by=boss,
        options=service.ImportOptions(tz="Europe/Berlin", rates_as_overrides=True),
        now=NOW,
    )
    assert "another currency" in batch.preview["notes"][0]
    service.commit(batch, by=boss, now=NOW)
    assert TimeEntry.objects.get().rate_override is None


def test_a_manager_imports_but_cannot_create_people(look, website, berlin):
    manager = named(berlin, "mia@example.com", "Mia", "M", Role.MANAGER)
    summary = look("toggl_detailed.csv", by=manager)
    person = {e["key"]: e for e in summary["entities"]}["person:anna@example.com"]
    assert person["error"] == "Your role cannot create people; map it to an existing one."
    assert summary["rows"]["new"] == 0
