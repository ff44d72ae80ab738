"""The whole organisation as one archive, and back: portability between instances.

``export_organisation`` writes a zip: ``manifest.json`` (format version, the organisation's
settings, row counts and the totals below) and one JSON-lines file per model, in dependency order
— job roles, members (with their users' e-mail and names, never passwords), tax categories,
invoice series, clients, projects, phases, tasks, milestones, rates, time entries, invoices and
their lines (as records: numbers, dates, states, totals; no PDFs). ``import_organisation`` makes
a new organisation of it with fresh ids, every reference remapped, and refuses to finish (it rolls
back) unless the totals it recomputes equal the manifest's: entries, seconds, billable seconds
and amounts per currency; invoices and their net, tax and gross per currency.

Links to what the archive does not carry (billing runs, recurring schedules, bank data) are left
empty. Issued invoices are written as drafts with their lines and then given their state, which
is the one order the issued-invoice triggers allow; their public links get new tokens. People
whose e-mail already has an account on this instance get a placeholder account instead (an
archive never adds an existing person to an organisation).
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections import defaultdict
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Count, Sum
from django.utils.text import slugify

from timeledger.accounts.models import JobRole, Member, Organisation, User
from timeledger.accounts.roles import Cap, Role
from timeledger.clients.models import Client
from timeledger.core.audit import record
from timeledger.core.errors import fail
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceSequence, TaxCategory
from timeledger.projects.models import Milestone, Phase, Project, Task
from timeledger.rates.models import Rate
from timeledger.timesheets.models import TimeEntry

FORMAT = "timeledger-organisation"
VERSION = 1
# Dependency order: a model's references point at models before it (or at itself, by lower id).
MODELS: list[type[models.Model]] = [
    JobRole,
    Member,
    TaxCategory,
    InvoiceSequence,
    Client,
    Project,
    Phase,
    Task,
    Milestone,
    Rate,
    TimeEntry,
    Invoice,
    InvoiceLine,
]
# Files (the logo) are not carried: the archive holds records only.
ORG_FIELDS = [
    f.name
    for f in Organisation._meta.concrete_fields
    if f.name not in ("id", "slug", "created_at") and not isinstance(f, models.FileField)
]
EDITABLE_STATUS = "draft"
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024


def _label(model) -> str:
    return model._meta.label_lower


def totals(organisation) -> dict:
    """What a round trip must reproduce."""
    entries = TimeEntry.objects.filter(organisation=organisation)
    out = {
        "entries": entries.count(),
        "seconds": entries.aggregate(s=Sum("seconds"))["s"] or 0,
        "billable_seconds": entries.filter(is_billable=True).aggregate(s=Sum("billable_seconds"))[
            "s"
        ]
        or 0,
        "entry_amounts": {},
        "invoices": {},
        "counts": {_label(m): m.objects.filter(organisation=organisation).count() for m in MODELS},
    }
    for row in (
        entries.exclude(amount__isnull=True)
        .values("currency")
        .annotate(a=Sum("amount"))
        .order_by("currency")
    ):
        out["entry_amounts"][row["currency"]] = str(row["a"])
    for row in (
        Invoice.objects.filter(organisation=organisation)
        .values("currency")
        .annotate(
            n=Count("id"), net=Sum("net_total"), tax=Sum("tax_total"), gross=Sum("gross_total")
        )
        .order_by("currency")
    ):
        out["invoices"][row["currency"]] = {
            "count": row["n"],
            "net": str(row["net"]),
            "tax": str(row["tax"]),
            "gross": str(row["gross"]),
        }
    return json.loads(json.dumps(out, cls=DjangoJSONEncoder))


def _rows(model, organisation):
    qs = model.objects.filter(organisation=organisation).order_by("pk")
    if model is Member:
        qs = qs.select_related("user")
    for obj in qs.iterator(chunk_size=2000):
        data = {f.attname: f.value_from_object(obj) for f in model._meta.concrete_fields}
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                data[f.attname] = ""
        if model is Member:
            data["user"] = {
                "email": obj.user.email,
                "first_name": obj.user.first_name,
                "last_name": obj.user.last_name,
                "timezone": obj.user.timezone,
            }
        yield data


def export_organisation(organisation, out: BinaryIO, *, by: Member) -> dict:
    """Write the archive of ``organisation`` to ``out``; returns the manifest."""
    if by.organisation_id != organisation.pk or not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("Only an owner or admin may export the organisation.")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "organisation": {
            name: Organisation._meta.get_field(name).value_from_object(organisation)
            for name in ORG_FIELDS
        },
        "slug": organisation.slug,
        "models": [_label(m) for m in MODELS],
        "totals": totals(organisation),
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in MODELS:
            with archive.open(f"{_label(model)}.jsonl", "w") as fh:
                text = io.TextIOWrapper(fh, encoding="utf-8")
                for row in _rows(model, organisation):
                    text.write(json.dumps(row, cls=DjangoJSONEncoder) + "\n")
                text.flush()
                text.detach()
        archive.writestr("manifest.json", json.dumps(manifest, cls=DjangoJSONEncoder, indent=1))
    record(
        organisation=organisation,
        actor=by.user,
        action="export_archive",
        obj=organisation,
        after={"totals": manifest["totals"]},
    )
    return json.loads(json.dumps(manifest, cls=DjangoJSONEncoder))


def _user_for(data: dict, slug: str) -> User:
    email = data["email"].lower()
    if User.objects.filter(email__iexact=email).exists():
        local = slugify(email.split("@")[0])[:30] or "person"
        email = f"{local}.{slug}.{secrets.token_hex(3)}@imported.invalid"
    user = User(
        email=email,
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        timezone=data.get("timezone") or settings.TIME_ZONE,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def import_organisation(
    stream: BinaryIO, *, slug: str, name: str = "", owner: User
) -> Organisation:
    """Make a new organisation ``slug`` of an archive; ``owner`` becomes its owner. One
    transaction: a damaged archive, or totals that do not match, leave nothing behind."""
    if Organisation.objects.filter(slug=slug).exists():
        fail(f"An organisation {slug!r} exists already; choose another slug.", "file")
    try:
        archive = zipfile.ZipFile(stream)
        if sum(i.file_size for i in archive.infolist()) > MAX_ARCHIVE_BYTES:
            fail("This archive unpacks to more than 2 GB.", "file")
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError):
        fail("This is not a Timeledger organisation archive (no readable manifest).", "file")
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        fail(f"Not a version-{VERSION} Timeledger organisation archive.", "file")
    with transaction.atomic():
        fields = {
            k: Organisation._meta.get_field(k).to_python(v)
            for k, v in manifest["organisation"].items()
            if k in ORG_FIELDS
        }
        if name:
            fields["name"] = name
        organisation = Organisation.objects.create(slug=slug, **fields)
        loader = _Loader(organisation, slug)
        for model in MODELS:
            label = _label(model)
            try:
                lines = archive.open(f"{label}.jsonl")
            except KeyError:
                fail(f"The archive has no {label} rows file.", "file")
            with lines:
                loader.load(
                    model, (json.loads(line) for line in io.TextIOWrapper(lines, encoding="utf-8"))
                )
        loader.finish()
        Member.objects.get_or_create(
            organisation=organisation, user=owner, defaults={"role": Role.OWNER}
        )
        got = totals(organisation)
        expected = manifest["totals"]
        expected_counts = dict(expected["counts"])
        got_counts = dict(got["counts"])
        # The importing owner may be one member more than the archive had.
        if got_counts.get("accounts.member", 0) == expected_counts.get("accounts.member", 0) + 1:
            got_counts["accounts.member"] -= 1
        if {**got, "counts": got_counts} != {**expected, "counts": expected_counts}:
            fail(
                "The imported organisation does not reproduce the archive's totals "
                f"(expected {expected}, got {got}); nothing was imported.",
                "file",
            )
        record(
            organisation=organisation,
            actor=owner,
            action="import_archive",
            obj=organisation,
            after={"from": manifest.get("slug"), "totals": got},
        )
    return organisation


class _Loader:
    """Inserts an archive's rows model by model with fresh ids, remapping every reference."""

    def __init__(self, organisation, slug: str) -> None:
        self.organisation = organisation
        self.slug = slug
        self.ids: dict[str, dict[int, int]] = defaultdict(dict)
        self.order = {_label(m): i for i, m in enumerate(MODELS)}
        # References to models that come later (a client viewer's client, an entry's invoice
        # line): (model, new id, attname, target label, old target id), set at the end.
        self.later: list[tuple] = []
        self.states: list[tuple[int, str]] = []  # invoices to give back their state

    def load(self, model, rows) -> None:
        label = _label(model)
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        # A model pointing at itself (credit notes, converted proformas) goes row by row, in
        # id order, so the row pointed at is always in already.
        one_by_one = any(f.is_relation and f.related_model is model for f in fields)
        batch: list[tuple[int, models.Model, list, str]] = []

        def flush():
            if not batch:
                return
            created = model.objects.bulk_create([obj for _, obj, _, _ in batch])
            for (old, _, later, state), obj in zip(batch, created, strict=True):
                self.ids[label][old] = obj.pk
                self.later.extend((model, obj.pk, *ref) for ref in later)
                if state:
                    self.states.append((obj.pk, state))
            batch.clear()

        for row in rows:
            values, later = {}, []
            for f in fields:
                raw = row.get(f.attname)
                if model is Member and f.name == "user":
                    continue  # a new account, below
                if f.is_relation:
                    values[f.attname] = self._reference(model, f, raw, row, later)
                elif isinstance(f, models.FileField):
                    values[f.attname] = ""
                else:
                    values[f.attname] = f.to_python(raw) if raw is not None else None
            state = ""
            if model is Member:
                values["user_id"] = _user_for(row["user"], self.slug).pk
                self.ids[_label(User)][row["user_id"]] = values["user_id"]
            if model is Invoice:
                values["public_token"] = secrets.token_urlsafe(24)
                values["pdf_sha256"] = ""
                if values["status"] != EDITABLE_STATUS:
                    # Lines can only go into an editable invoice (the issued-invoice trigger):
                    # in as a draft, its state given back once its lines are in.
                    state, values["status"] = values["status"], EDITABLE_STATUS
            batch.append((row["id"], model(**values), later, state))
            if one_by_one or len(batch) >= 1000:
                flush()
        flush()

    def _reference(self, model, f, raw, row, later):
        target = _label(f.related_model)
        if target == _label(Organisation):
            return self.organisation.pk
        if raw is None:
            return None
        if target in self.ids and raw in self.ids[target]:
            return self.ids[target][raw]
        if self.order.get(target, -1) >= self.order[_label(model)] and f.related_model is not model:
            later.append((f.attname, target, raw))
            return None
        if f.null:
            return None  # what the archive does not carry (a billing run, another's user)
        fail(f"{_label(model)} #{row.get('id')} points at a missing {target} #{raw}.", "file")

    def finish(self) -> None:
        for model, pk, attname, target, old in self.later:
            new = self.ids[target].get(old)
            if new is not None:
                model.objects.filter(pk=pk).update(**{attname: new})
        for pk, state in self.states:
            Invoice.objects.filter(pk=pk).update(status=state)
