"""Template versions: the exact layout an issued document is produced from (``TemplateVersion``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from timeledger.documents.models import InvoiceTemplate, TemplateVersion, content_hash

BUILT_IN_NAME = "Built-in layout"


def version_in_force(organisation, *, default_html: str, default_css: str) -> TemplateVersion:
    """The version of the organisation's invoice template as it is now: its default template, or
    the built-in layout (``default_html``/``default_css``, passed in by the app that owns it) when
    it has none. Made the first time this exact text is used, then found by its content hash."""
    custom = InvoiceTemplate.objects.filter(organisation=organisation, is_default=True).first()
    if custom is not None:
        name, html, css = custom.name, custom.html, custom.css
    else:
        name, html, css = BUILT_IN_NAME, default_html, default_css
    digest = content_hash(html, css)
    found = TemplateVersion.objects.filter(organisation=organisation, sha256=digest).first()
    if found is not None:
        return found
    try:
        # Two issuers may meet the same new text at once: the unique constraint keeps one row,
        # the loser (in a savepoint) reads the winner's.
        with transaction.atomic():
            return TemplateVersion.objects.create(
                organisation=organisation, name=name, html=html, css=css, template=custom
            )
    except IntegrityError:
        return TemplateVersion.objects.get(organisation=organisation, sha256=digest)
