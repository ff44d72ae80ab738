"""Document templates an organisation may customise.

A template is HTML + CSS rendered by a *sandboxed* Jinja environment over plain values only (see
``documents.rendering``): no model objects, no attribute access to Python internals, no includes,
no file or network access from the PDF renderer.
"""

from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel


class InvoiceTemplate(TenantModel):
    """The HTML layout of an organisation's invoices; the default one is used when none is set."""

    name = models.CharField(max_length=100)
    html = models.TextField(help_text="Jinja syntax over the documented variables only.")
    css = models.TextField(blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(is_default=True), name="one_default_template"
            ),
        ]

    def __str__(self) -> str:
        return self.name
