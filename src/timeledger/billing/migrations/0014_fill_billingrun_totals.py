"""Data: per-currency totals of past runs, from the per-project summary each run stored (its
``net_total`` added nets across currencies and cannot be split back)."""

from decimal import Decimal

from django.db import migrations


def fill(apps, schema_editor):
    BillingRun = apps.get_model("billing", "BillingRun")
    for run in BillingRun.objects.exclude(net_total=0).iterator():
        totals = {}
        for p in (run.summary or {}).get("projects", []):
            if p.get("error") or p.get("status") == "held_back" or not p.get("currency"):
                continue
            totals[p["currency"]] = totals.get(p["currency"], Decimal("0.00")) + Decimal(p["net"])
        run.totals = {currency: str(net) for currency, net in sorted(totals.items())}
        run.save(update_fields=["totals"])


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0013_billingrun_kind_totals"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
