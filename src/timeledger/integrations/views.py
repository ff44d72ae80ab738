"""Import pages: upload a file, preview it with a mapping that can be changed, commit, undo.

Each view parses the form, calls one service and renders; large files commit in the background
(``tasks.commit_import``) and the page shows the batch's status.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import scoped
from timeledger.clients.models import Client
from timeledger.core.timeutil import TIMEZONE_CHOICES
from timeledger.integrations import tasks
from timeledger.integrations.imports import service
from timeledger.integrations.imports.formats import FORMAT_CHOICES
from timeledger.integrations.imports.reading import MAX_FILE_BYTES
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import AliasKind, ImportBatch, ImportStatus
from timeledger.projects.models import Project, Task


def _member(request) -> Member:
    member = getattr(request, "member", None)
    if member is None or not (member.can(Cap.LOG_TIME) or member.can(Cap.EDIT_ALL_TIME)):
        raise PermissionDenied(_("Your role cannot import time."))
    return member


def _flag(request, name: str, default: bool) -> bool:
    if f"{name}_present" not in request.POST:
        return default
    return request.POST.get(name) == "on"


@login_required
def import_list(request):
    member = _member(request)
    form = {"tz": member.timezone}
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        form = request.POST
        if upload is None:
            error = _("Choose the exported file to upload.")
        elif upload.size > MAX_FILE_BYTES:
            error = _("The file is larger than %(size)s MB.") % {
                "size": MAX_FILE_BYTES // (1024 * 1024)
            }
        else:
            options = service.ImportOptions(
                fmt=request.POST.get("format") or None,
                tz=request.POST.get("tz") or None,
                rates_as_overrides=_flag(request, "rates_as_overrides", False),
                invoiced_as_billed=_flag(request, "invoiced_as_billed", True),
            )
            try:
                batch = service.create_batch(
                    upload, by=member, options=options, filename=upload.name
                )
                return redirect("import_detail", pk=batch.pk)
            except ImportFileError as exc:
                error = str(exc)
            except ValidationError as exc:
                error = service.error_text(exc)
    return render(
        request,
        "integrations/list.html",
        {
            "batches": scoped(ImportBatch, request)[:30],
            "formats": FORMAT_CHOICES,
            "zones": [z for z, _label in TIMEZONE_CHOICES],
            "form": form,
            "error": error,
        },
    )


def _choices(request, batch: ImportBatch) -> list[dict]:
    """The preview's entities with the options of their select."""
    org = request.organisation
    clients = [(c.pk, f"{c.code} — {c.name}") for c in Client.objects.filter(organisation=org)]
    projects = [
        (p.pk, f"{p.code} — {p.name}")
        for p in Project.objects.filter(organisation=org, is_archived=False)
    ]
    people = [
        (m.pk, m.user.get_full_name() or m.user.email)
        for m in Member.objects.filter(organisation=org).select_related("user")
    ]
    entities = batch.preview.get("entities", [])
    project_of = {e["key"]: e.get("target_id") for e in entities if e["kind"] == "project"}
    task_projects = {project_of.get(e.get("parent")) for e in entities if e["kind"] == "task"}
    tasks_by_project: dict = {}
    for t in Task.objects.filter(organisation=org, project_id__in=[p for p in task_projects if p]):
        tasks_by_project.setdefault(t.project_id, []).append((t.pk, t.name))
    rows = []
    for i, e in enumerate(entities):
        if e["kind"] == AliasKind.CLIENT:
            options = clients
        elif e["kind"] == AliasKind.PROJECT:
            options = projects
        elif e["kind"] == AliasKind.TASK:
            options = tasks_by_project.get(project_of.get(e.get("parent")), [])
        else:
            options = people
        rows.append({**e, "index": i, "options": options})
    return rows


@login_required
def import_detail(request, pk: int):
    member = _member(request)
    batch = get_object_or_404(scoped(ImportBatch, request), pk=pk)
    can_undo = batch.status == ImportStatus.COMMITTED and (
        member.can(Cap.EDIT_ALL_TIME) or batch.created_by_id == member.pk
    )
    return render(
        request,
        "integrations/detail.html",
        {
            "batch": batch,
            "summary": batch.preview,
            "entities": _choices(request, batch),
            "editable": batch.status == ImportStatus.PREVIEWED,
            "can_undo": can_undo,
            "job": tasks.job_of(batch),
        },
    )


@login_required
def import_progress(request, pk: int):
    """The progress bar of a background commit (htmx polls it); once the commit is over, the
    whole page is reloaded to show the result."""
    _member(request)
    batch = get_object_or_404(scoped(ImportBatch, request), pk=pk)
    response = render(
        request, "integrations/_progress.html", {"batch": batch, "job": tasks.job_of(batch)}
    )
    if batch.status != ImportStatus.QUEUED:
        response["HX-Refresh"] = "true"
    return response


def _posted_mapping(request, batch: ImportBatch) -> dict:
    """The choices changed in the form: a select left as the preview proposed adds nothing, so
    a task proposed "new" under a project remapped in the same form is matched afresh."""
    current = {}
    for e in batch.preview.get("entities", []):
        current[e["key"]] = (
            str(e["target_id"]) if e.get("target_id") else ("new" if e.get("target") else "")
        )
    mapping = {}
    for name, key in request.POST.items():
        if name.startswith("key_"):
            value = request.POST.get("target_" + name.removeprefix("key_"), "")
            if value and value != current.get(key, ""):
                mapping[key] = value
    return mapping


@login_required
@require_POST
def import_preview(request, pk: int):
    member = _member(request)
    batch = get_object_or_404(scoped(ImportBatch, request), pk=pk)
    try:
        service.repreview(batch, by=member, mapping=_posted_mapping(request, batch))
        messages.success(request, _("Preview updated with your mapping. Nothing is written yet."))
    except (ValidationError, ImportFileError) as exc:
        text = service.error_text(exc) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    return redirect("import_detail", pk=batch.pk)


@login_required
@require_POST
def import_commit(request, pk: int):
    member = _member(request)
    batch = get_object_or_404(scoped(ImportBatch, request), pk=pk)
    mapping = _posted_mapping(request, batch)
    try:
        if batch.rows_total > tasks.BACKGROUND_ROWS:
            batch = service.queue(batch, by=member, mapping=mapping)
            transaction.on_commit(lambda: tasks.commit_import.delay(batch.pk, member.pk))
            messages.success(request, _("Importing in the background; this page shows when done."))
        else:
            batch = service.commit(batch, by=member, mapping=mapping)
            messages.success(
                request,
                ngettext(
                    "Imported %(count)s entry.", "Imported %(count)s entries.", batch.rows_created
                )
                % {"count": batch.rows_created},
            )
    except ValidationError as exc:
        messages.error(request, service.error_text(exc))
    except ImportFileError as exc:
        messages.error(request, str(exc))
    return redirect("import_detail", pk=batch.pk)


@login_required
@require_POST
def import_undo(request, pk: int):
    member = _member(request)
    batch = get_object_or_404(scoped(ImportBatch, request), pk=pk)
    try:
        service.undo(batch, by=member)
        messages.success(request, _("The import is undone: its entries are removed."))
    except ValidationError as exc:
        messages.error(request, service.error_text(exc))
    return redirect("import_detail", pk=batch.pk)
