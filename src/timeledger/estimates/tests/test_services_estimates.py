"""Estimates: numbering, sending (PDF, e-mail with the link), versions, and what accepting,
declining and expiring do to the project."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from timeledger.contracts.models import PaymentInstalment, ProjectTerms
from timeledger.core.models import AuditLog
from timeledger.estimates import documents, services
from timeledger.estimates.models import EstimateStatus
from timeledger.estimates.tests.helpers import TODAY, D, draft, sent, standard_phases
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.projects.models import BillingModel, Milestone, Phase, Project, Task

TOTAL = Decimal("7749.93")  # 1800 + 400 + 4800 + 749.93 (the optional 960.00 not chosen)


def _snapshot_of_projects(org):
    return (
        list(Project.objects.filter(organisation=org).values()),
        list(Phase.objects.filter(organisation=org).values()),
        list(Task.objects.filter(organisation=org).values()),
        list(ProjectTerms.objects.filter(organisation=org).values()),
        Invoice.objects.filter(organisation=org).count(),
    )


def test_send_numbers_in_its_own_gap_free_series_and_mails_pdf_with_link(
    org, owner, client_, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sent(owner, client_)
    with django_capture_on_commit_callbacks(execute=True):
        second = sent(owner, client_, code="SHOP2")
    assert (first.number, second.number) == ("EST-2026-00001", "EST-2026-00002")
    assert first.status == EstimateStatus.SENT
    message = mail.outbox[0]
    assert message.to == ["buyer@acme.example"]
    assert f"/q/{first.public_token}/" in message.body
    name, data, kind = message.attachments[0]
    assert (name, kind) == ("EST-2026-00001-v1.pdf", "application/pdf")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Estimate" in text and "EST-2026-00001 v1" in text
    assert "7,749.93" in text and "Discovery — Workshops" in text
    # Invoices keep their own series.
    assert not Invoice.objects.filter(number__startswith="EST").exists()


def test_a_revision_keeps_the_number_and_supersedes_when_sent(org, owner, client_):
    v1 = sent(owner, client_)
    v2 = services.revise(v1, by=owner)
    assert (v2.number, v2.version, v2.status) == (v1.number, 2, EstimateStatus.DRAFT)
    assert [p.name for p in v2.phases.all()] == ["Discovery", "Build"]
    services.send_estimate(v2, by=owner, to=["b@acme.example"], today=TODAY)
    v1.refresh_from_db()
    assert v1.status == EstimateStatus.SUPERSEDED
    with pytest.raises(ValidationError, match="superseded"):
        services.accept(v1.public_token, name="Jo Buyer", ip="203.0.113.9", today=TODAY)


def test_accepted_time_and_materials_makes_exactly_the_project_it_states(org, owner, client_):
    e = sent(owner, client_)
    optional = e.phases.get(name="Build").lines.get(description="Reports")
    services.accept(
        e.public_token, name="Jo Buyer", ip="203.0.113.9", chosen=[optional.pk], today=TODAY
    )
    e.refresh_from_db()
    total = TOTAL + Decimal("960.00")
    p = e.project
    assert (p.code, p.client_id, p.billing_model, p.lead_id) == (
        "SHOP",
        client_.pk,
        BillingModel.HOURLY,
        owner.pk,
    )
    assert (p.budget_hours, p.budget_amount) == (Decimal("67.50"), total)
    assert (p.estimate_hours, p.estimate_amount) == (Decimal("67.50"), total)
    assert list(p.phases.order_by("position").values_list("name", "estimate_hours")) == [
        ("Discovery", Decimal("12.00")),
        ("Build", Decimal("55.50")),
    ]
    assert sorted(p.tasks.values_list("phase__name", "name", "estimate_hours")) == [
        ("Build", "Payments", Decimal("7.50")),
        ("Build", "Reports", Decimal("8.00")),
        ("Build", "Shop front", Decimal("40.00")),
        ("Discovery", "Workshops", Decimal("12.00")),
    ]
    assert ProjectTerms.objects.get(project=p).cap_amount == total  # T&M capped at the estimate
    assert e.status == EstimateStatus.ACCEPTED and e.decided_name == "Jo Buyer"
    row = AuditLog.objects.get(action="accept", object_id=str(e.pk))
    assert "Jo Buyer" in row.reason and "203.0.113.9" in row.reason
    assert e.decided_ip == "203.0.113.9" and e.decided_at is not None
    # A decision is final.
    with pytest.raises(ValidationError, match="accepted"):
        services.accept(e.public_token, name="Again", ip=None, today=TODAY)


def test_fixed_fee_with_instalments_and_a_deposit(org, owner, client_):
    inv.taxes(org)
    e = sent(
        owner,
        client_,
        terms="fixed_fee",
        deposit_percent=Decimal("30"),
        instalments=[
            {"label": "On signing", "percent": "30", "due_days": 0},
            {"label": "On delivery", "percent": "70", "due_days": 60},
        ],
    )
    services.accept(e.public_token, name="Jo", ip="198.51.100.1", today=TODAY)
    e.refresh_from_db()
    p = e.project
    assert (p.billing_model, p.fixed_fee) == (BillingModel.FIXED_FEE, TOTAL)
    rows = list(PaymentInstalment.objects.filter(project=p).order_by("position"))
    # 30 % of 7,749.93 = 2,324.979 and 70 % = 5,424.951: allocated to add up to the fee.
    assert [(r.label, r.amount) for r in rows] == [
        ("On signing", Decimal("2324.98")),
        ("On delivery", Decimal("5424.95")),
    ]
    assert sum(r.amount for r in rows) == TOTAL
    assert rows[1].due_date - rows[0].due_date == D(2026, 3, 3) - D(2026, 1, 2)
    deposit = e.deposit_invoice
    assert deposit.status == "draft" and deposit.project_id == p.pk
    assert deposit.net_total == Decimal("2324.98")


def test_milestones_one_per_phase(org, owner, client_):
    e = sent(owner, client_, terms="milestone")
    services.accept(e.public_token, name="Jo", ip=None, today=TODAY)
    e.refresh_from_db()
    assert list(Milestone.objects.filter(project=e.project).values_list("name", "value")) == [
        ("Discovery", Decimal("2200.00")),
        ("Build", Decimal("5549.93")),
    ]


def test_accepting_updates_an_existing_project(org, owner, client_, project):
    e = services.save_estimate(
        None,
        {"title": "Phase two", "valid_until": D(2026, 3, 31), "billing_terms": "hourly"},
        standard_phases(),
        by=owner,
        project=project,
    )
    services.send_estimate(e, by=owner, to=["b@acme.example"], today=TODAY)
    services.accept(e.public_token, name="Jo", ip=None, today=TODAY)
    project.refresh_from_db()
    assert project.budget_amount == TOTAL and project.phases.count() == 2
    assert Project.objects.filter(organisation=org).count() == 1


def test_declined_changes_nothing_but_the_estimate(org, owner, client_):
    e = sent(owner, client_)
    before = _snapshot_of_projects(org)
    with pytest.raises(ValidationError) as exc:
        services.decline(e.public_token, comment="", ip=None, today=TODAY)
    assert "comment" in exc.value.message_dict
    services.decline(e.public_token, comment="Too expensive", ip="203.0.113.5", today=TODAY)
    e.refresh_from_db()
    assert (e.status, e.decision_comment, e.project_id) == (
        EstimateStatus.DECLINED,
        "Too expensive",
        None,
    )
    assert _snapshot_of_projects(org) == before


def test_expired_changes_nothing(org, owner, client_):
    e = sent(owner, client_)
    before = _snapshot_of_projects(org)
    with pytest.raises(ValidationError, match="expired on 31 Mar 2026"):
        services.accept(e.public_token, name="Jo", ip=None, today=D(2026, 4, 1))
    e.refresh_from_db()
    assert e.status == EstimateStatus.EXPIRED and e.project_id is None
    assert _snapshot_of_projects(org) == before


def test_accept_needs_a_typed_name_and_drafts_refuse(org, owner, client_):
    e = sent(owner, client_)
    with pytest.raises(ValidationError) as exc:
        services.accept(e.public_token, name="  ", ip=None, today=TODAY)
    assert exc.value.message_dict == {"name": ["Type your name to accept."]}
    d = draft(owner, client_, code="OTHER")
    with pytest.raises(ValidationError, match="draft"):
        services.accept(d.public_token, name="Jo", ip=None, today=TODAY)


def test_bad_input_is_field_errors(org, owner, client_, project):
    with pytest.raises(ValidationError) as exc:
        draft(owner, client_, code=project.code)
    assert "already exists" in exc.value.message_dict["project_code"][0]
    with pytest.raises(ValidationError) as exc:
        draft(owner, client_, terms="fixed_fee", instalments=[{"label": "A", "percent": "60"}])
    assert "add up to 60" in exc.value.message_dict["instalments"][0]


def test_document_uses_the_invoice_template_context(org, owner, client_):
    e = draft(owner, client_)
    ctx = documents.estimate_context(e)
    assert ctx["title"] == "Estimate" and ctx["is_draft"]
    assert [line["net"] for line in ctx["lines"]] == [
        "1,800.00",
        "400.00",
        "4,800.00",
        "749.93",
        "960.00",
    ]
    assert ctx["net_total"] == "7,749.93"
