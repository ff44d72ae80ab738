"""Gap-free numbering: per organisation and series, taken in the issuing transaction.

On PostgreSQL 200 invoices are issued from concurrent threads (each with its own connection), with
more transactions failing after they took a number: the result is 200 consecutive numbers.
"""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from timeledger.accounts.roles import Role
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceSequence, InvoiceStatus
from timeledger.invoicing.numbering import take_number
from timeledger.invoicing.rules import PatternError, check_pattern, format_number
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f

ON = dt.date(2026, 3, 2)


class Boom(Exception):
    pass


def test_format_number():
    assert format_number("INV-{YYYY}-{SEQ:05}", ON, 7) == "INV-2026-00007"
    assert format_number("{YY}{MM}/{SEQ}", ON, 123) == "2603/123"
    with pytest.raises(PatternError):
        check_pattern("INV-{YYYY}")
    with pytest.raises(PatternError):
        check_pattern("INV-{SEQ}-{DAY}")


@pytest.mark.django_db
def test_rolled_back_issue_gives_its_number_to_the_next(org, accountant, client_):
    tax = inv.taxes(org)
    a = inv.draft(accountant, client_, [("A", "1", "10", tax["S"])])
    b = inv.draft(accountant, client_, [("B", "1", "10", tax["S"])])
    with pytest.raises(Boom), transaction.atomic():
        issuing.issue_invoice(a, by=accountant, issue_date=ON)
        raise Boom
    assert Invoice.objects.get(pk=a.pk).status == InvoiceStatus.DRAFT
    assert issuing.issue_invoice(b, by=accountant, issue_date=ON).number == "INV-2026-00001"
    assert issuing.issue_invoice(a, by=accountant, issue_date=ON).number == "INV-2026-00002"


@pytest.mark.django_db
def test_sequences_are_per_organisation_and_series(org, outsider_org, accountant, client_):
    tax = inv.taxes(org)
    other_tax = inv.taxes(outsider_org)
    boss = f.member(outsider_org, Role.ACCOUNTANT)
    their_client = f.client(outsider_org)
    mine = inv.issued(accountant, client_, [("A", "1", "10", tax["S"])])
    theirs = inv.issued(boss, their_client, [("A", "1", "10", other_tax["S"])])
    assert mine.number == theirs.number == "INV-2026-00001"
    credit = issuing.issue_invoice(
        issuing.create_credit_note(mine, by=accountant), by=accountant, issue_date=ON
    )
    assert credit.number == "CN-2026-00001"
    InvoiceSequence.objects.filter(organisation=org, series="INV").update(pattern="A{YY}-{SEQ:03}")
    assert inv.issued(accountant, client_, [("A", "1", "10", tax["S"])]).number == "A26-002"


@pytest.mark.django_db(transaction=True)
def test_take_number_outside_a_transaction_is_refused(org):
    with pytest.raises(RuntimeError):
        take_number(org, "INV", ON)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_200_concurrent_issues_get_200_consecutive_numbers(transactional_db, settings):
    settings.INVOICE_PDF_ON_ISSUE = False  # rendering is not what this test measures
    org = f.organisation("Numbers Co", slug="numbers")
    accountant = f.member(org, Role.ACCOUNTANT)
    client = f.client(org)
    tax = inv.taxes(org)
    good = [inv.draft(accountant, client, [("A", "1", "10", tax["S"])]) for _ in range(200)]
    doomed = [inv.draft(accountant, client, [("B", "1", "10", tax["S"])]) for _ in range(40)]
    jobs = [(d, False) for d in good] + [(d, True) for d in doomed]
    jobs.sort(key=lambda job: hash((job[0].pk * 7919) % 241))  # interleave failing and good
    start = threading.Barrier(16)
    errors = []

    def work(job):
        draft, fail = job
        try:
            if fail:
                with transaction.atomic():
                    issued = issuing.issue_invoice(draft, by=accountant, issue_date=ON)
                    assert issued.number  # it did take a number...
                    raise Boom  # ...and rolls back
            else:
                issuing.issue_invoice(draft, by=accountant, issue_date=ON)
        except Boom:
            pass
        except (ValidationError, Exception) as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    def first(job):
        start.wait(timeout=60)
        work(job)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(first, jobs[:16]))
        list(pool.map(work, jobs[16:]))

    assert errors == []
    numbers = sorted(
        Invoice.objects.filter(organisation=org).exclude(number="").values_list("number", flat=True)
    )
    assert numbers == [f"INV-2026-{i:05d}" for i in range(1, 201)]
    assert set(
        Invoice.objects.filter(pk__in=[d.pk for d in good]).values_list("status", flat=True)
    ) == {"issued"}
    assert set(
        Invoice.objects.filter(pk__in=[d.pk for d in doomed]).values_list("number", flat=True)
    ) == {""}
    assert InvoiceSequence.objects.get(organisation=org, series="INV").next_value == 201
