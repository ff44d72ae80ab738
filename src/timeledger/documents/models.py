"""Document templates an organisation may customise, and the frozen versions documents use.

A template is HTML + CSS rendered by a *sandboxed* Jinja environment over plain values only (see
``invoicing.rendering``): no model objects, no attribute access to Python internals, no includes,
no file or network access from the PDF renderer, and bounded output size and render time.

An issued invoice names the ``TemplateVersion`` it was produced from. A version is the exact text
(HTML and CSS) of a template at one moment, stored once per organisation and content hash and never
changed or deleted afterwards: editing a template (or upgrading the built-in default) makes a new
version and leaves every issued document's version as it was.
"""

import hashlib

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


def content_hash(html: str, css: str) -> str:
    return hashlib.sha256(f"{len(html)}:{html}\0{css}".encode()).hexdigest()


class TemplateVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("template versions are immutable")

    def delete(self):
        raise PermissionError("template versions are immutable")


class TemplateVersion(TenantModel):
    """The exact text of an invoice template at one moment; issued invoices point here.

    Immutable: ``save`` of an existing row, ``delete`` and queryset writes are refused, so the
    document of an issued invoice can always be produced from the layout it was issued with.
    """

    name = models.CharField(max_length=100)
    html = models.TextField()
    css = models.TextField(blank=True)
    sha256 = models.CharField(max_length=64)
    # The template this version was taken from; empty for the built-in default layout.
    template = models.ForeignKey(
        InvoiceTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )

    objects = TemplateVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="template_version_unique_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:10]})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("template versions are immutable")
        self.sha256 = content_hash(self.html, self.css)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("template versions are immutable")
