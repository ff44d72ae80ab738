"""State only: the models moved between apps when billing was split into invoicing, billing and
contracts; their tables keep their names (``Meta.db_table``), so the database does not change."""

import django.db.models.deletion
import timeledger.invoicing.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("billing", "0006_detach_invoice_models_state"),
        ("clients", "0002_client_default_tax_category"),
        ("projects", "0003_billing_terms_budgets_retainers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="RecurringSchedule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=200)),
                (
                    "description",
                    models.CharField(help_text="Line text; {period} is replaced.", max_length=500),
                ),
                (
                    "quantity",
                    models.DecimalField(decimal_places=4, default=Decimal("1"), max_digits=14),
                ),
                ("unit", models.CharField(default="mo", max_length=10)),
                ("unit_price", models.DecimalField(decimal_places=4, max_digits=14)),
                (
                    "frequency",
                    models.CharField(
                        choices=[
                            ("weekly", "Weekly"),
                            ("monthly", "Monthly"),
                            ("quarterly", "Quarterly"),
                            ("yearly", "Yearly"),
                        ],
                        default="monthly",
                        max_length=10,
                    ),
                ),
                ("next_run", models.DateField()),
                ("end_date", models.DateField(blank=True, null=True)),
                ("auto_issue", models.BooleanField(default=True)),
                ("auto_send", models.BooleanField(default=False)),
                ("is_active", models.BooleanField(default=True)),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.client",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
            ],
            options={
                "db_table": "billing_recurringschedule",
                "ordering": ["next_run", "id"],
            },
        ),
        migrations.CreateModel(
            name="Invoice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("proforma", "Proforma"),
                            ("standard", "Invoice"),
                            ("recurring", "Recurring invoice"),
                            ("final", "Final invoice"),
                            ("credit_note", "Credit note"),
                        ],
                        default="standard",
                        max_length=12,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("on_hold", "On hold"),
                            ("issued", "Issued"),
                            ("sent", "Sent"),
                            ("partially_paid", "Partially paid"),
                            ("paid", "Paid"),
                            ("void", "Void"),
                        ],
                        default="draft",
                        max_length=16,
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=[
                            ("AED", "AED"),
                            ("AUD", "AUD"),
                            ("BGN", "BGN"),
                            ("BHD", "BHD"),
                            ("BRL", "BRL"),
                            ("CAD", "CAD"),
                            ("CHF", "CHF"),
                            ("CNY", "CNY"),
                            ("CZK", "CZK"),
                            ("DKK", "DKK"),
                            ("EUR", "EUR"),
                            ("GBP", "GBP"),
                            ("HKD", "HKD"),
                            ("HUF", "HUF"),
                            ("ILS", "ILS"),
                            ("INR", "INR"),
                            ("ISK", "ISK"),
                            ("JPY", "JPY"),
                            ("KRW", "KRW"),
                            ("KWD", "KWD"),
                            ("MXN", "MXN"),
                            ("NOK", "NOK"),
                            ("NZD", "NZD"),
                            ("PLN", "PLN"),
                            ("RON", "RON"),
                            ("SEK", "SEK"),
                            ("SGD", "SGD"),
                            ("TRY", "TRY"),
                            ("USD", "USD"),
                            ("ZAR", "ZAR"),
                        ],
                        max_length=3,
                    ),
                ),
                ("series", models.CharField(default="INV", max_length=20)),
                ("number", models.CharField(blank=True, max_length=40)),
                ("issue_date", models.DateField(blank=True, null=True)),
                ("due_date", models.DateField(blank=True, null=True)),
                ("period_start", models.DateField(blank=True, null=True)),
                ("period_end", models.DateField(blank=True, null=True)),
                (
                    "grouping",
                    models.CharField(
                        choices=[
                            ("phase", "By phase / deliverable"),
                            ("task", "By task"),
                            ("member", "By member"),
                            ("date", "By date"),
                            ("project", "One line per project"),
                        ],
                        default="phase",
                        max_length=10,
                    ),
                ),
                ("include_timesheet", models.BooleanField(default=False)),
                (
                    "net_total",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "tax_total",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "gross_total",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "amount_paid",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "estimate_note",
                    models.TextField(
                        blank=True, help_text="Why this invoice goes over the estimate."
                    ),
                ),
                ("hold_reason", models.TextField(blank=True)),
                (
                    "public_token",
                    models.CharField(
                        default=timeledger.invoicing.models._public_token,
                        max_length=40,
                        unique=True,
                    ),
                ),
                ("pdf", models.FileField(blank=True, upload_to="invoices/%Y/")),
                ("issued_at", models.DateTimeField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("voided_at", models.DateTimeField(blank=True, null=True)),
                ("void_reason", models.TextField(blank=True)),
                ("payment_terms_days", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("seller", models.JSONField(blank=True, default=dict)),
                ("buyer", models.JSONField(blank=True, default=dict)),
                (
                    "tax_note",
                    models.TextField(
                        blank=True, help_text="Legal notes of the tax categories used."
                    ),
                ),
                (
                    "amount_credited",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "release_entries",
                    models.BooleanField(
                        default=False,
                        help_text="Credit notes: put the credited entries back to unbilled.",
                    ),
                ),
                (
                    "summary",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Final invoices: what was billed before.",
                    ),
                ),
                ("viewed_at", models.DateTimeField(blank=True, null=True)),
                ("pdf_sha256", models.CharField(blank=True, max_length=64)),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                ("hold_released_at", models.DateTimeField(blank=True, null=True)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "billing_run",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="invoices",
                        to="billing.billingrun",
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoices",
                        to="clients.client",
                    ),
                ),
                (
                    "converted_from",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="converted_to",
                        to="invoicing.invoice",
                    ),
                ),
                (
                    "credited_invoice",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="credit_notes",
                        to="invoicing.invoice",
                    ),
                ),
                (
                    "hold_released_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "issued_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoices",
                        to="projects.project",
                    ),
                ),
                (
                    "recurring_schedule",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoices",
                        to="invoicing.recurringschedule",
                    ),
                ),
            ],
            options={
                "db_table": "billing_invoice",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="TaxCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=100)),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("S", "Standard rate"),
                            ("AA", "Reduced rate"),
                            ("Z", "Zero rated"),
                            ("E", "Exempt"),
                            ("AE", "Reverse charge"),
                        ],
                        default="S",
                        max_length=3,
                    ),
                ),
                ("rate", models.DecimalField(decimal_places=2, max_digits=5)),
                ("effective_from", models.DateField(blank=True, null=True)),
                ("legal_note", models.CharField(blank=True, max_length=300)),
                ("is_default", models.BooleanField(default=False)),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "tax categories",
                "db_table": "billing_taxcategory",
                "ordering": ["code", "-rate"],
            },
        ),
        migrations.AddField(
            model_name="recurringschedule",
            name="tax_category",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="invoicing.taxcategory",
            ),
        ),
        migrations.CreateModel(
            name="InvoiceLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("time", "Time"),
                            ("milestone", "Milestone"),
                            ("fixed_fee", "Fixed fee instalment"),
                            ("retainer_fee", "Retainer fee"),
                            ("retainer_overage", "Retainer overage"),
                            ("change_order", "Change order"),
                            ("manual", "Manual"),
                            ("discount", "Discount"),
                            ("credit", "Credit"),
                        ],
                        default="manual",
                        max_length=20,
                    ),
                ),
                ("description", models.CharField(max_length=500)),
                (
                    "quantity",
                    models.DecimalField(decimal_places=4, default=Decimal("1"), max_digits=14),
                ),
                ("unit", models.CharField(default="h", max_length=10)),
                (
                    "unit_price",
                    models.DecimalField(decimal_places=4, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "net_amount",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=14),
                ),
                (
                    "tax_rate",
                    models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=5),
                ),
                ("note", models.TextField(blank=True)),
                ("group_key", models.CharField(blank=True, db_index=True, max_length=120)),
                ("service_date", models.DateField(blank=True, null=True)),
                ("entry_count", models.PositiveIntegerField(default=0)),
                (
                    "credited_line",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="credits",
                        to="invoicing.invoiceline",
                    ),
                ),
                (
                    "invoice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="invoicing.invoice",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.member",
                    ),
                ),
                (
                    "milestone",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoice_lines",
                        to="projects.milestone",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "phase",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.phase",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.task",
                    ),
                ),
                (
                    "tax_category",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="invoicing.taxcategory",
                    ),
                ),
            ],
            options={
                "db_table": "billing_invoiceline",
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="InvoiceSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("series", models.CharField(max_length=20)),
                ("pattern", models.CharField(default="INV-{YYYY}-{SEQ:05}", max_length=60)),
                ("next_value", models.PositiveIntegerField(default=1)),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "db_table": "billing_invoicesequence",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "series"), name="sequence_unique_series"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number", ""), _negated=True),
                fields=("organisation", "number"),
                name="invoice_unique_number",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("recurring_schedule__isnull", False)),
                fields=("recurring_schedule", "period_start"),
                name="invoice_one_per_schedule_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount_paid__gte", 0), ("amount_credited__gte", 0)),
                name="invoice_paid_credited_gte_0",
            ),
        ),
        migrations.AddConstraint(
            model_name="recurringschedule",
            constraint=models.CheckConstraint(
                condition=models.Q(("unit_price__gte", 0)), name="schedule_price_gte_0"
            ),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
