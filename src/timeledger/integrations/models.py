"""Imports: one batch per uploaded file, a stable source key per imported row, and how names in
files map to this organisation's clients, projects, tasks and people."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_noop, pgettext_lazy

from timeledger.core.models import TenantModel


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed (nothing written)"
    QUEUED = "queued", "Committing in the background"
    COMMITTED = "committed", "Committed"
    UNDONE = "undone", "Undone"
    FAILED = "failed", "Failed"


# The statuses' names as the import pages show them, marked for the catalogues (the choices stay
# plain strings: a migration records them); the pages translate each label.
STATUS_NAMES = (
    gettext_noop("Previewed (nothing written)"),
    gettext_noop("Committing in the background"),
    gettext_noop("Committed"),
    gettext_noop("Undone"),
    gettext_noop("Failed"),
)

# A status inside a sentence ("This import is already committed."), lower case in English.
STATUS_IN_SENTENCE = {
    ImportStatus.PREVIEWED: pgettext_lazy("import status in a sentence", "previewed"),
    ImportStatus.QUEUED: pgettext_lazy("import status in a sentence", "committing"),
    ImportStatus.COMMITTED: pgettext_lazy("import status in a sentence", "committed"),
    ImportStatus.UNDONE: pgettext_lazy("import status in a sentence", "undone"),
    ImportStatus.FAILED: pgettext_lazy("import status in a sentence", "failed"),
}


class ImportBatch(TenantModel):
    """One file brought in from another tool: previewed first, then committed as one audited
    operation, undoable as a whole while none of its entries is approved or billed.

    ``preview`` holds what the last preview found (format, zone, mapping proposals, totals per
    client and project, every bad row); ``mapping`` the choices made on it (entity key → id, or
    ``"new"``); ``created`` the ids of the clients, projects, tasks and members the commit made,
    so undo can remove what nothing else uses.
    """

    created_by = models.ForeignKey(
        "accounts.Member", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(max_length=20)
    filename = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    time_zone = models.CharField(max_length=64)
    options = models.JSONField(default=dict, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_changed = models.PositiveIntegerField(default=0)
    rows_invalid = models.PositiveIntegerField(default=0)
    committed_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import #{self.pk} ({self.format}, {self.filename or 'upload'})"


class ImportedEntry(models.Model):
    """The stable source key of one imported row, and the entry it became.

    Unique per organisation: importing the same file again, or an export overlapping an earlier
    one, finds the key and creates nothing (the database holds the rule, so two imports racing
    on the same rows cannot both win). The entry link is kept null when someone deletes the
    entry later: the row stays "seen", and a re-import does not bring it back.
    """

    # No database-level foreign keys here (``db_constraint=False``): the rows are written only
    # by the import service, in the transaction that writes their batch and entries, and a
    # deferred key check per row and key was a third of a 100,000-row commit. Deletes still
    # cascade and null in Django (organisation, batch; an entry deleted later).
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="rows", db_constraint=False
    )
    entry = models.OneToOneField(
        "timesheets.TimeEntry",
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_source",
        db_constraint=False,
    )
    source_key = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=40)
    line = models.PositiveIntegerField()
    billed_elsewhere = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_key"], name="imported_entry_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_key} (line {self.line})"


class AliasKind(models.TextChoices):
    CLIENT = "client", "Client"
    PROJECT = "project", "Project"
    TASK = "task", "Task"
    PERSON = "person", "Person"


class ImportAlias(TenantModel):
    """What a name in an import file meant the last time it was committed (matched, created or
    remapped by hand), so the next export of the same tool maps the same way."""

    kind = models.CharField(max_length=10, choices=AliasKind.choices)
    key = models.CharField(max_length=500)
    target_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key"], name="import_alias_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key!r} → #{self.target_id}"
