"""Load the demo organisation "Northwind Digital": clients, projects, teams, members, rates, the
Dutch VAT preset, 3 weeks of time and invoices in every state.

Idempotent: when the organisation exists it only prints the login again. Time is logged through the
real services (team, overlap, rounding and billable rules apply), older weeks are submitted and
approved through the approval services, billing runs over the approved week, and earlier invoices
are issued, sent, paid in part or in full, left overdue and credited through the invoicing and
payment services, so every stage of the workflow has something to look at on first visit.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from timeledger.accounts.models import JobRole, Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.approvals import services as approval
from timeledger.billing import services as billing
from timeledger.clients.models import Client
from timeledger.contracts import services as contracts
from timeledger.core import timeutil
from timeledger.estimates import services as estimates
from timeledger.expenses import services as expenses
from timeledger.expenses.models import ExpenseCategory
from timeledger.invoicing import delivery, drafts, issuing, vat_presets
from timeledger.payments import services as payments
from timeledger.projects import teams
from timeledger.projects.models import Milestone, Phase, Project, Task
from timeledger.rates.models import Rate, RateKind, RateLevel
from timeledger.timesheets import services
from timeledger.timesheets.services import EntryInput

SLUG = "northwind"
PASSWORD = "northwind-demo-2026"
TZ = "Europe/Amsterdam"

# e-mail, first, last, role, job role, billing rate, cost rate
PEOPLE = [
    ("eva@northwind.example", "Eva", "Jansen", Role.OWNER, "Principal consultant", "165", "85"),
    ("daan@northwind.example", "Daan", "Visser", Role.MANAGER, "Project manager", "135", "65"),
    ("sanne@northwind.example", "Sanne", "de Vries", Role.MEMBER, "Senior developer", "125", "60"),
    ("lucas@northwind.example", "Lucas", "Bakker", Role.MEMBER, "Designer", "105", "50"),
    ("noor@northwind.example", "Noor", "Smit", Role.ACCOUNTANT, "Finance", None, "55"),
]

CLIENTS = [
    dict(
        code="ACME",
        name="Acme Retail",
        legal_name="Acme Retail B.V.",
        address="Coolsingel 42\n3011 AD Rotterdam",
        country="NL",
        vat_id="NL812345678B01",
        currency="EUR",
        payment_terms_days=30,
        invoice_email="ap@acme-retail.example",
        contact_name="Marieke Kok",
    ),
    dict(
        code="GLOBEX",
        name="Globex",
        legal_name="Globex GmbH",
        address="Friedrichstraße 120\n10117 Berlin",
        country="DE",
        vat_id="DE298765432",
        currency="EUR",
        payment_terms_days=14,
        invoice_email="rechnungen@globex.example",
        contact_name="Jonas Weber",
    ),
]

# code, client, name, billing model, lead, extra fields, {phase: [(task, billable, estimate)]}
PROJECTS = [
    (
        "ACME-WEB",
        "ACME",
        "Web shop relaunch",
        "hourly",
        "daan",
        dict(
            budget_hours=Decimal("400"),
            budget_amount=Decimal("52000"),
            estimate_hours=Decimal("380"),
        ),
        {
            "Discovery": [
                ("Stakeholder workshops", True, "24"),
                ("Architecture review", True, "16"),
            ],
            "Build": [
                ("Frontend development", True, "160"),
                ("Backend development", True, "120"),
                ("Code review", True, "30"),
            ],
            "Launch": [("Go-live support", True, "20")],
            None: [("Internal coordination", False, None)],
        },
    ),
    (
        "ACME-APP",
        "ACME",
        "Loyalty app MVP",
        "fixed_fee",
        "eva",
        dict(
            fixed_fee=Decimal("24000"),
            estimate_hours=Decimal("200"),
            estimate_amount=Decimal("24000"),
        ),
        {
            "Design": [("UX research", True, "24"), ("UI design", True, "40")],
            "Development": [("App development", True, "110"), ("QA and testing", True, "26")],
            None: [("Warranty bug fixing", False, None)],
        },
    ),
    (
        "GLX-MIG",
        "GLOBEX",
        "Platform migration",
        "milestone",
        "daan",
        dict(budget_amount=Decimal("35000"), estimate_hours=Decimal("260")),
        {
            "Assessment": [("System inventory", True, "30")],
            "Migration": [("Migration scripts", True, "120"), ("Acceptance testing", True, "60")],
            None: [("Knowledge sharing", False, None)],
        },
    ),
    (
        "GLX-SUP",
        "GLOBEX",
        "Support retainer",
        "retainer",
        "eva",
        dict(budget_hours=Decimal("20")),
        {
            None: [
                ("Support tickets", True, None),
                ("Monthly report", True, None),
                ("Onboarding", False, None),
            ]
        },
    ),
]

MILESTONES = [
    ("GLX-MIG", "Assessment report", "8000.00", -14, "complete", "100"),
    ("GLX-MIG", "Migration wave 1", "15000.00", 14, "in_progress", "40"),
    ("GLX-MIG", "Cut-over and hypercare", "12000.00", 42, "pending", "0"),
    ("ACME-APP", "Design sign-off", "8000.00", -7, "complete", "100"),
    ("ACME-APP", "MVP release", "16000.00", 35, "pending", "0"),
]

# Who works on what (project code, task name, description choices).
WORK = {
    "eva": [
        ("ACME-APP", "UX research", ["Interviews with store managers", "Synthesis of findings"]),
        ("GLX-MIG", "System inventory", ["Inventory of batch jobs", "Dependency mapping"]),
        ("GLX-SUP", "Support tickets", ["Ticket triage", "Incident follow-up"]),
        ("ACME-WEB", "Internal coordination", ["Weekly planning"]),
    ],
    "daan": [
        ("ACME-WEB", "Stakeholder workshops", ["Checkout workshop", "Requirements session"]),
        ("ACME-WEB", "Internal coordination", ["Sprint planning", "Status report"]),
        ("GLX-MIG", "Acceptance testing", ["Test plan wave 1", "UAT coordination"]),
        ("GLX-SUP", "Monthly report", ["Monthly service report"]),
    ],
    "sanne": [
        (
            "ACME-WEB",
            "Backend development",
            ["Order API", "Payment provider integration", "Stock sync"],
        ),
        ("ACME-WEB", "Code review", ["Review of checkout PRs"]),
        ("GLX-MIG", "Migration scripts", ["Customer table migration", "Data validation scripts"]),
        ("GLX-MIG", "Knowledge sharing", ["Handover session"]),
    ],
    "lucas": [
        ("ACME-APP", "UI design", ["Loyalty card screens", "Onboarding flow"]),
        (
            "ACME-WEB",
            "Frontend development",
            ["Product page", "Basket component", "Design system tokens"],
        ),
        ("ACME-APP", "Warranty bug fixing", ["Icon fixes"]),
    ],
}

BLOCKS = [60, 75, 90, 105, 120, 150]  # minutes


class Command(BaseCommand):
    help = "Load the Northwind Digital demo organisation (does nothing if it exists)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=3, help="Weeks of time to log (default 3)."
        )

    def handle(self, *args, weeks: int, **options):
        if Organisation.objects.filter(slug=SLUG).exists():
            self.stdout.write("The demo organisation exists already; nothing loaded.")
        else:
            # WeasyPrint warns about the screen-only CSS of the invoice template for every PDF
            # rendered; the demo's output is its logins, not that.
            logging.getLogger("weasyprint").setLevel(logging.ERROR)
            self._load(weeks)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo login (owner of Northwind Digital):"))
        self.stdout.write(f"  e-mail:   {PEOPLE[0][0]}")
        self.stdout.write(f"  password: {PASSWORD}")
        self.stdout.write(
            "  other users: " + ", ".join(f"{p[0]} ({p[3].label.lower()})" for p in PEOPLE[1:])
        )
        self.stdout.write("  (same password for every demo user)")

    @transaction.atomic
    def _load(self, weeks: int) -> None:
        now = timeutil.now()
        today = timeutil.local_date(now, TZ)
        year_start = dt.date(today.year - 1, 1, 1)
        org = Organisation.objects.create(
            name="Northwind Digital",
            slug=SLUG,
            legal_name="Northwind Digital B.V.",
            address="Keizersgracht 221\n1016 DV Amsterdam",
            country="NL",
            vat_id="NL859123456B01",
            registration_id="KvK 81234567",
            email="billing@northwind.example",
            iban="NL91ABNA0417164300",
            bic="ABNANL2A",
            currency="EUR",
            time_zone=TZ,
            rounding_increment=6,
            rounding_mode="up",
        )
        members: dict[str, Member] = {}
        for email, first, last, role, job, rate, cost in PEOPLE:
            user = User.objects.filter(email=email).first() or User.objects.create_user(
                email, PASSWORD, first_name=first, last_name=last, timezone=TZ
            )
            job_role, _ = JobRole.objects.get_or_create(organisation=org, name=job)
            member = Member.objects.create(
                organisation=org, user=user, role=role, job_role=job_role, code=first.upper()[:3]
            )
            members[first.lower()] = member
            if rate:
                self._rate(org, RateKind.BILLING, RateLevel.MEMBER, rate, year_start, member=member)
            self._rate(org, RateKind.COST, RateLevel.MEMBER, cost, year_start, member=member)
        self._rate(org, RateKind.BILLING, RateLevel.ORGANISATION, "110", year_start)
        self._rate(org, RateKind.COST, RateLevel.ORGANISATION, "55", year_start)

        clients = {c["code"]: Client.objects.create(organisation=org, **c) for c in CLIENTS}
        tasks: dict[tuple[str, str], Task] = {}
        projects: dict[str, Project] = {}
        for code, client, name, model, lead, extra, phases in PROJECTS:
            project = Project.objects.create(
                organisation=org,
                client=clients[client],
                code=code,
                name=name,
                billing_model=model,
                lead=members[lead],
                start_date=today - dt.timedelta(weeks=weeks + 2),
                **extra,
            )
            projects[code] = project
            for position, (phase_name, task_specs) in enumerate(phases.items()):
                phase = None
                if phase_name:
                    phase = Phase.objects.create(
                        organisation=org, project=project, name=phase_name, position=position
                    )
                for task_name, billable, estimate in task_specs:
                    tasks[(code, task_name)] = Task.objects.create(
                        organisation=org,
                        project=project,
                        phase=phase,
                        name=task_name,
                        is_billable=billable,
                        estimate_hours=Decimal(estimate) if estimate else None,
                        status="in_progress",
                    )
        for code, name, value, due_in, status, pct in MILESTONES:
            Milestone.objects.create(
                organisation=org,
                project=projects[code],
                name=name,
                value=Decimal(value),
                due_date=today + dt.timedelta(days=due_in),
                status=status,
                percent_complete=Decimal(pct),
                completed_at=now if status == "complete" else None,
            )
        # Teams: who works on what (WORK below); only they log time on those projects.
        for code, project in projects.items():
            people = [members[key] for key, work in WORK.items() if any(w[0] == code for w in work)]
            teams.set_team(project, people, by=members["eva"])
        Rate.objects.create(
            organisation=org,
            kind=RateKind.BILLING,
            level=RateLevel.TASK,
            task=tasks[("ACME-WEB", "Architecture review")],
            amount=Decimal("150.00"),
            currency="EUR",
            effective_from=year_start,
        )

        # Expenses first: submitting and approving the weeks of time below carries them along.
        self._expenses(org, members, projects, today, weeks)
        self._log_time(members, tasks, now, today, weeks)
        self._contracts(members["eva"], projects, today)
        self._invoices(org, members["noor"], clients, projects, today, weeks)
        self._estimate(members["eva"], clients["ACME"], today)

    def _rate(self, org, kind, level, amount, since, **scope) -> Rate:
        return Rate.objects.create(
            organisation=org,
            kind=kind,
            level=level,
            amount=Decimal(amount),
            currency=org.currency,
            effective_from=since,
            **scope,
        )

    def _log_time(self, members, tasks, now, today, weeks: int) -> None:
        rnd = random.Random(2026)
        first_monday = timeutil.week_start(today) - dt.timedelta(weeks=weeks - 1)
        day = first_monday
        while day <= today:
            if day.weekday() < 5:
                for key, work in WORK.items():
                    self._log_day(members[key], tasks, work, day, now, rnd)
            day += dt.timedelta(days=1)
        # The weeks before this one are submitted; the oldest is approved (rates frozen).

        this_monday = timeutil.week_start(today)
        for key in WORK:
            monday = first_monday
            while monday < this_monday:
                approval.submit_week(members[key], monday, by=members[key])
                monday += dt.timedelta(weeks=1)
            if first_monday < this_monday:
                approval.approve(
                    approval.Scope(member=members[key], week=first_monday), by=members["eva"]
                )

    def _log_day(self, member, tasks, work, day, now, rnd) -> None:
        """A working day of start–end entries from about 9:00, with a lunch break."""
        minute = 9 * 60 + rnd.choice([-30, -15, 0, 0, 15, 30])
        target = rnd.choice([360, 420, 450, 480])
        logged = 0
        lunch_done = False
        # Lucas logs durations on Mondays and Wednesdays (start–end on the day itself).
        durations_only = (
            member.user.first_name == "Lucas"
            and day.weekday() in (0, 2)
            and day != timeutil.local_date(now, TZ)
        )
        while logged < target:
            # Mostly billable work; internal tasks now and then.
            weights = [3 if tasks[(code, name)].is_billable else 1 for code, name, _ in work]
            project_code, task_name, descriptions = rnd.choices(work, weights=weights)[0]
            length = min(rnd.choice(BLOCKS), target - logged)
            task = tasks[(project_code, task_name)]
            if durations_only:
                data = EntryInput(
                    project=task.project,
                    task=task,
                    description=rnd.choice(descriptions),
                    date=day,
                    seconds=length * 60,
                )
            else:
                start = timeutil.make_aware(
                    dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute), TZ
                )
                end = start + dt.timedelta(minutes=length)
                if end > now:
                    return
                data = EntryInput(
                    project=task.project,
                    task=task,
                    description=rnd.choice(descriptions),
                    start=start,
                    end=end,
                )
            services.create_entry(data, by=member, now=now)
            logged += length
            minute += length
            if not lunch_done and minute >= 12 * 60:
                minute += 30
                lunch_done = True

    def _expenses(self, org, members, projects, today, weeks: int) -> None:
        """Travel and a licence on the web shop: one in the approved week (the run bills it with
        the time), one submitted, one draft of this week."""
        travel = ExpenseCategory.objects.create(organisation=org, name="Travel")
        licences = ExpenseCategory.objects.create(organisation=org, name="Software licences")
        first_monday = timeutil.week_start(today) - dt.timedelta(weeks=weeks - 1)
        web = projects["ACME-WEB"]
        rows = [
            ("daan", travel, first_monday + dt.timedelta(days=1), "48.40", "4.00", "0", "NS"),
            (
                "sanne",
                licences,
                first_monday + dt.timedelta(days=8),
                "121.00",
                "21.00",
                "15",
                "JetBrains",
            ),
            ("sanne", travel, today, "24.20", "4.20", "0", "Taxi Amsterdam"),
        ]
        for key, category, day, amount, vat, markup, supplier in rows:
            if day > today:
                continue
            expenses.create_expense(
                expenses.ExpenseInput(
                    project=web,
                    category=category,
                    date=day,
                    amount=Decimal(amount),
                    vat_amount=Decimal(vat),
                    markup_percent=Decimal(markup),
                    supplier=supplier,
                ),
                by=members[key],
            )

    def _estimate(self, owner, client, today) -> None:
        """A sent estimate for Acme's next project, waiting on the client link."""
        estimate = estimates.save_estimate(
            None,
            {
                "title": "Loyalty programme",
                "valid_until": today + dt.timedelta(days=30),
                "billing_terms": "hourly",
                "project_code": "ACME-LOY",
                "terms": "Time and materials, capped at the estimate.",
            },
            [
                estimates.PhaseInput(
                    "Discovery",
                    [estimates.LineInput("Workshops", hours=Decimal(16), rate=Decimal(150))],
                ),
                estimates.PhaseInput(
                    "Build",
                    [
                        estimates.LineInput("Points engine", hours=Decimal(60), rate=Decimal(125)),
                        estimates.LineInput(
                            "Reports", hours=Decimal(12), rate=Decimal(125), is_optional=True
                        ),
                    ],
                ),
            ],
            by=owner,
            client=client,
        )
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            estimates.send_estimate(
                estimate, by=owner, to=[client.invoice_email or "buyer@acme.example"], today=today
            )

    def _contracts(self, owner, projects, today) -> None:
        """A not-to-exceed cap on the web shop and the support retainer, both mid-period."""
        contracts.save_terms(projects["ACME-WEB"], {"cap_hours": Decimal("300")}, by=owner)
        contracts.save_retainer(
            projects["GLX-SUP"],
            {
                "fee": Decimal("2400.00"),
                "included_hours": Decimal("20"),
                "overage_rate": Decimal("140.00"),
                "period": "monthly",
                "starts_on": today.replace(day=1) - dt.timedelta(days=31),
            },
            by=owner,
        )

    def _invoices(self, org, finance, clients, projects, today, weeks: int) -> None:
        """Earlier months' invoices in every state, then this month's billing run over the
        approved week (its drafts stay drafts for review)."""
        categories = {c.name: c for c in vat_presets.seed_preset(org, "NL", actor=finance.user)}
        # Globex is a German business with a VAT id: services to it are reverse charged.
        issuing.set_default_tax_category(
            clients["GLOBEX"], categories["Reverse charge (NL)"], by=finance
        )
        acme, globex = clients["ACME"], clients["GLOBEX"]
        history = [
            # client, project, days ago, description, hours, rate, what happens next
            (
                acme,
                "ACME-WEB",
                95,
                "Discovery workshops and architecture review",
                "32",
                "150",
                "paid",
            ),
            (globex, "GLX-MIG", 80, "Assessment: system inventory", "40", "125", "credited"),
            (acme, "ACME-WEB", 65, "Checkout prototype", "24", "125", "overdue"),
            (globex, "GLX-SUP", 50, "Support tickets", "12", "140", "partially_paid"),
            (acme, "ACME-APP", 12, "UX research", "20", "165", "sent"),
            (globex, "GLX-MIG", 5, "Migration scripts, first batch", "18", "125", "issued"),
        ]
        # The demo's clients are fictitious: their mail goes nowhere (kept in memory).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for client, code, ago, text, hours, rate, fate in history:
                day = today - dt.timedelta(days=ago)
                draft = drafts.create_draft(
                    client,
                    by=finance,
                    project=projects[code],
                    lines=[
                        drafts.LineInput(
                            description=text, quantity=Decimal(hours), unit_price=Decimal(rate)
                        )
                    ],
                )
                invoice = issuing.issue_invoice(draft, by=finance, issue_date=day)
                if fate in ("sent", "partially_paid", "paid", "overdue"):
                    invoice = delivery.send_invoice(invoice, by=finance)
                if fate == "paid":
                    payments.pay_invoice(
                        invoice,
                        by=finance,
                        amount=invoice.gross_total,
                        date=day + dt.timedelta(days=21),
                    )
                elif fate == "partially_paid":
                    payments.pay_invoice(
                        invoice,
                        by=finance,
                        amount=(invoice.gross_total / 2).quantize(Decimal("0.01")),
                        date=day + dt.timedelta(days=10),
                    )
                elif fate == "credited":
                    credit = issuing.create_credit_note(
                        invoice, by=finance, reason="Assessment re-scoped with the client"
                    )
                    issuing.issue_invoice(credit, by=finance, issue_date=day + dt.timedelta(days=7))
        # The approved (oldest) week is billed; its drafts wait for review.
        first_monday = timeutil.week_start(today) - dt.timedelta(weeks=weeks - 1)
        billing.start_run(org, by=finance, up_to=first_monday + dt.timedelta(days=6))
