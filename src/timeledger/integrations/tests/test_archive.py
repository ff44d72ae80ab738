"""The organisation archive: export, import as a new organisation, every total reproduced."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.approvals import services as approval
from timeledger.billing.engine import run_billing
from timeledger.cli import main
from timeledger.integrations import archive
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def history(org, owner, alice, manager, accountant, client_, project):
    """Approved time billed on an issued invoice with a credit note, plus unbilled time."""
    tax = inv.taxes(org)
    client_.default_tax_category = tax["S"]
    client_.save()
    f.rate(org, "150.00")
    phase = f.phase(project, "Discovery", position=1)
    workshops = f.task(project, "Workshops", phase=phase)
    now = dt.datetime(2026, 3, 6, 17, tzinfo=dt.UTC)
    for day, minutes in ((MONDAY, 450), (MONDAY + dt.timedelta(days=1), 270)):
        services.create_entry(
            services.EntryInput(
                project=project,
                task=workshops,
                description="Workshop",
                date=day,
                seconds=minutes * 60,
            ),
            by=alice,
            now=now,
        )
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(approval.Scope(member=alice, week=MONDAY), by=manager)
    run_billing(org, up_to=dt.date(2026, 3, 31))
    invoice = issuing.issue_invoice(
        Invoice.objects.get(project=project), by=accountant, issue_date=dt.date(2026, 4, 1)
    )
    credit = issuing.create_credit_note(invoice, by=accountant, reason="goodwill")
    issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 4, 2))
    services.create_entry(
        services.EntryInput(
            project=project, description="Later", date=MONDAY + dt.timedelta(7), seconds=3600
        ),  # fmt: skip
        by=alice,
        now=now + dt.timedelta(days=7),
    )
    return invoice


def _round_trip(org, owner, slug="acme-copy"):
    buffer = io.BytesIO()
    manifest = archive.export_organisation(org, buffer, by=owner)
    buffer.seek(0)
    copy = archive.import_organisation(buffer, slug=slug, owner=owner.user)
    return manifest, copy


def test_round_trip_reproduces_every_total(org, owner, history):
    manifest, copy = _round_trip(org, owner)
    assert archive.totals(copy)["entry_amounts"] == archive.totals(org)["entry_amounts"]
    got = archive.totals(copy)
    got["counts"]["accounts.member"] -= 1  # the importing owner
    assert got == manifest["totals"]
    assert manifest["totals"]["entries"] == 3
    assert manifest["totals"]["invoices"]["EUR"]["count"] == 2
    # Numbers, states and the billed-by links come along; public links do not.
    original = {i.number: i for i in Invoice.objects.filter(organisation=org)}
    copied = {i.number: i for i in Invoice.objects.filter(organisation=copy)}
    assert set(copied) == set(original)
    for number, invoice in copied.items():
        assert invoice.status == original[number].status
        assert invoice.gross_total == original[number].gross_total
        assert invoice.public_token != original[number].public_token
    credit = Invoice.objects.get(organisation=copy, credited_invoice__isnull=False)
    assert credit.credited_invoice.number == history.number
    billed = TimeEntry.objects.filter(organisation=copy, status=EntryStatus.INVOICED)
    assert billed.count() == 2
    assert all(e.invoice_line.invoice.organisation_id == copy.pk for e in billed)
    assert (
        InvoiceLine.objects.filter(organisation=copy).count()
        == InvoiceLine.objects.filter(organisation=org).count()
    )
    assert Invoice.objects.filter(organisation=copy, status=InvoiceStatus.DRAFT).count() == 0


def test_people_with_an_account_here_get_placeholders(org, owner, alice, history):
    _, copy = _round_trip(org, owner)
    emails = set(copy.members.values_list("user__email", flat=True))
    assert alice.user.email not in emails
    assert owner.user.email in emails  # the importing owner, as owner
    assert all(e.endswith("@imported.invalid") for e in emails - {owner.user.email})


def test_only_owners_and_admins_export(org, manager, history):
    with pytest.raises(PermissionDenied):
        archive.export_organisation(org, io.BytesIO(), by=manager)


def test_a_damaged_or_tampered_archive_imports_nothing(org, owner, history):
    with pytest.raises(ValidationError, match="not a Timeledger organisation archive"):
        archive.import_organisation(io.BytesIO(b"junk"), slug="x", owner=owner.user)
    buffer = io.BytesIO()
    archive.export_organisation(org, buffer, by=owner)
    tampered = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "timesheets.timeentry.jsonl":
                data = data.replace(b'"seconds": 3600', b'"seconds": 3601')
            dst.writestr(item, data)
    tampered.seek(0)
    with pytest.raises(ValidationError, match="does not reproduce the archive's totals"):
        archive.import_organisation(tampered, slug="tampered", owner=owner.user)
    assert not org.__class__.objects.filter(slug="tampered").exists()


def test_an_existing_slug_is_refused(org, owner, history):
    buffer = io.BytesIO()
    archive.export_organisation(org, buffer, by=owner)
    buffer.seek(0)
    with pytest.raises(ValidationError, match="exists already"):
        archive.import_organisation(buffer, slug=org.slug, owner=owner.user)


def test_cli_export_then_import(org, owner, history, tmp_path, capsys):
    path = tmp_path / "acme.zip"
    assert main(["--user", owner.user.email, "org-export", str(path)]) == 0
    assert "3 entries, 2 invoices" in capsys.readouterr().out
    code = main(["--user", owner.user.email, "--org", org.slug, "org-import", str(path),
                 "--slug", "acme-2"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "every total matches" in out
    code = main(["--user", owner.user.email, "org-import", str(path), "--slug", "acme-2"])
    assert code == 1 and "exists already" in capsys.readouterr().err
