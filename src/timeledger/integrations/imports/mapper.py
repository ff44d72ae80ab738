"""How the clients, projects, tasks and people named in a file map to this organisation's.

Matching, in order: a choice made in the preview (``overrides``: key → id, or ``"new"``), what
the name meant in the last committed import (``ImportAlias``), then clients by code or name,
projects by code (the file's project code, or its name as a code) or by name under the client
(or anywhere, when unique), tasks by name in the project, people by e-mail, member code or full
name. What matches nothing is created — as an unsaved stand-in during the preview, for real by
``create_missing`` at commit — when the importer's role may create it; otherwise its rows cannot
be imported until it is mapped by hand.
"""

from __future__ import annotations

import functools
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from timeledger.accounts.models import Member, User
from timeledger.accounts.roles import Cap, Role
from timeledger.clients import services as client_services
from timeledger.clients.models import Client
from timeledger.integrations.imports.rows import SourceRow
from timeledger.integrations.models import AliasKind, ImportAlias
from timeledger.projects import services as project_services
from timeledger.projects.models import BillingModel, Project, Task

# How an entity was mapped, and its kind, as the preview page shows them (the preview keeps the
# English words, the API gives them as they are; the page translates each).
HOW_NAMES = (
    gettext_noop("to be created (chosen)"),
    gettext_noop("chosen"),
    gettext_noop("as in an earlier import"),
    gettext_noop("the default client"),
    gettext_noop("matched by code"),
    gettext_noop("matched by name"),
    gettext_noop("to be created"),
    gettext_noop("not needed: its projects exist already"),
    gettext_noop("the default person"),
    gettext_noop("matched by e-mail"),
    gettext_noop("matched by member code"),
    gettext_noop("to be created (cannot sign in until invited)"),
)
KIND_NAMES = (
    pgettext_lazy("import entity", "client"),
    pgettext_lazy("import entity", "project"),
    pgettext_lazy("import entity", "task"),
    pgettext_lazy("import entity", "person"),
)


def _not_ours(kind: str) -> str:
    """The refusal of a chosen id that is not one of the organisation's (``%(id)s`` to fill)."""
    return {
        AliasKind.CLIENT: _("#%(id)s is not one of this organisation's clients."),
        AliasKind.PROJECT: _("#%(id)s is not one of this organisation's projects."),
        AliasKind.TASK: _("#%(id)s is not one of this organisation's tasks."),
    }.get(kind) or _("#%(id)s is not one of this organisation's people.")


def _cannot_create(kind: str) -> str:
    return {
        AliasKind.CLIENT: _("Your role cannot create clients; map it to an existing one."),
        AliasKind.PROJECT: _("Your role cannot create projects; map it to an existing one."),
        AliasKind.TASK: _("Your role cannot create tasks; map it to an existing one."),
    }.get(kind) or _("Your role cannot create people; map it to an existing one.")


NO_CLIENT_NAME = "No client (imported)"
NO_CLIENT_CODE = "NO-CLIENT"
NEW = "new"
PLACEHOLDER_DOMAIN = "imported.invalid"


@functools.lru_cache(maxsize=65536)  # pure; a file names each client and project many times
def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Entity:
    """A client, project, task or person as one file names it, with what it was mapped to."""

    kind: str
    key: str
    name: str
    client: str = ""
    project: str = ""
    code: str = ""
    email: str = ""
    rows: int = 0
    seconds: int = 0
    billable_rows: int = 0
    currencies: set = field(default_factory=set)
    # resolution
    target: object | None = None  # a saved model instance, or an unsaved stand-in
    how: str = ""
    error: str = ""

    @property
    def is_new(self) -> bool:
        return self.target is not None and self.target.pk is None

    def label(self) -> str:
        if self.kind == AliasKind.PROJECT:
            return f"{self.client or '(no client)'} / {self.name}"
        if self.kind == AliasKind.TASK:
            return f"{self.client or '(no client)'} / {self.project} / {self.name}"
        if self.kind == AliasKind.CLIENT:
            return self.name or "(no client)"
        if self.kind == AliasKind.PERSON:
            return self.name or self.email or "(nobody named: the default person)"
        return self.name

    def as_json(self) -> dict:
        target = self.target
        return {
            "key": self.key,
            "kind": self.kind,
            "label": self.label(),
            "rows": self.rows,
            "seconds": self.seconds,
            "target_id": getattr(target, "pk", None),
            "target": target_label(target) if target is not None else "",
            "how": self.how,
            "error": self.error,
            "parent": f"project:{norm(self.client)}/{norm(self.project)}"
            if self.kind == AliasKind.TASK
            else "",
        }


def target_label(obj) -> str:
    if isinstance(obj, Client | Project):
        return f"{obj.code} — {obj.name}"
    if isinstance(obj, Task):
        return f"{obj.project.code} / {obj.name}"
    if isinstance(obj, Member):
        name = obj.user.get_full_name()
        if obj.pk is None:
            return name
        return f"{name} <{obj.user.email}>" if name else obj.user.email
    return str(obj)


def _free_code(base: str, taken: set[str], fallback: str) -> str:
    code = slugify(base).upper()[:32].strip("-_.") or fallback
    if not code[0].isalnum():
        code = fallback
    candidate, n = code, 2
    while candidate.lower() in taken:
        candidate, n = f"{code}-{n}", n + 1
    taken.add(candidate.lower())
    return candidate


@dataclass
class _Tally:
    """The rows of one combination of names (client, project, task, person) in a file."""

    entities: list[Entity]
    rows: int = 0
    seconds: int = 0
    billable_rows: int = 0
    currencies: set = field(default_factory=set)


class Mapper:
    """Collects the names of a file (``observe``), maps them (``resolve``), and answers for each
    row whose time it is and where it goes (``targets``)."""

    def __init__(
        self, organisation, *, by: Member, tz: str, default_member=None, default_client=None
    ):
        self.organisation = organisation
        self.by = by
        self.tz = tz
        self.default_member = default_member or by
        self.default_client = default_client
        self.entities: dict[str, Entity] = {}
        self._keys: dict[tuple, tuple] = {}  # a file repeats few combinations of names
        self._observed: dict[tuple, _Tally] = {}
        self._targets: dict[tuple, object] = {}  # filled in pass 2, after resolve()
        self.first = None
        self.last = None

    # --- pass 1 -------------------------------------------------------------------------------

    def keys(self, row: SourceRow) -> tuple[str, str, str, str]:
        raw = (row.client, row.project, row.task, row.person_email, row.person_name)
        found = self._keys.get(raw)
        if found is None:
            c, p = norm(row.client), norm(row.project)
            task = f"task:{c}/{p}/{norm(row.task)}" if row.task.strip() else ""
            found = self._keys[raw] = (
                f"client:{c}",
                f"project:{c}/{p}",
                task,
                f"person:{row.person}",
            )
        return found

    def observe(self, row: SourceRow) -> None:
        raw = (row.client, row.project, row.task, row.person_email, row.person_name)
        found = self._observed.get(raw)
        if found is None:
            found = self._observed[raw] = _Tally(self._entities_of(row))
        # Counted per combination of names here, and handed to its entities by ``_tally``.
        found.rows += 1
        found.seconds += row.seconds
        if row.is_billable is not False:
            found.billable_rows += 1
        if row.currency:
            found.currencies.add(row.currency)
        if row.project_code and not found.entities[1].code:
            found.entities[1].code = row.project_code
        start = row.start
        if start is not None:
            if self.first is None or start < self.first:
                self.first = start
            if self.last is None or row.end > self.last:
                self.last = row.end

    def _tally(self) -> None:
        """Each entity's rows, seconds, billable rows and currencies: the sums over the
        combinations of names it is part of."""
        for entity in self.entities.values():
            entity.rows = entity.seconds = entity.billable_rows = 0
            entity.currencies = set()
        for tally in self._observed.values():
            for entity in tally.entities:
                entity.rows += tally.rows
                entity.seconds += tally.seconds
                entity.billable_rows += tally.billable_rows
                entity.currencies |= tally.currencies

    def _entities_of(self, row: SourceRow) -> list[Entity]:
        """The client, project, task (when named) and person of a row's combination of names,
        made when first seen (a file repeats few combinations: they are looked up once each)."""
        ck, pk, tk, mk = self.keys(row)
        out = []
        for key, kind, name, extra in (
            (ck, AliasKind.CLIENT, row.client, {}),
            (pk, AliasKind.PROJECT, row.project, {"client": row.client, "code": row.project_code}),
            (tk, AliasKind.TASK, row.task, {"client": row.client, "project": row.project}),
            (mk, AliasKind.PERSON, row.person_name, {"email": row.person_email}),
        ):
            if not key:
                continue
            entity = self.entities.get(key)
            if entity is None:
                entity = self.entities[key] = Entity(kind=kind, key=key, name=name.strip(), **extra)
            out.append(entity)
        return out

    # --- resolution ---------------------------------------------------------------------------

    def resolve(self, overrides: dict | None = None) -> None:
        self._tally()
        self._targets.clear()
        overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
        org = self.organisation
        aliases = {
            (a.kind, a.key): a.target_id
            for a in ImportAlias.objects.filter(organisation=org, key__in=list(self.entities)).only(
                "kind", "key", "target_id"
            )
        }
        clients = list(Client.objects.filter(organisation=org))
        projects = list(Project.objects.filter(organisation=org).select_related("client"))
        members = list(Member.objects.filter(organisation=org).select_related("user"))
        for m in members:
            m.organisation = org
        for p in projects:
            p.organisation = org
        self._client_codes = {c.code.lower() for c in clients}
        self._project_codes = {p.code.lower() for p in projects}
        by_id = {
            AliasKind.CLIENT: {c.pk: c for c in clients},
            AliasKind.PROJECT: {p.pk: p for p in projects},
            AliasKind.PERSON: {m.pk: m for m in members},
        }
        client_by_code = {c.code.lower(): c for c in clients}
        client_by_name = {norm(c.name): c for c in clients}
        project_by_code = {p.code.lower(): p for p in projects}
        project_by_name: dict = defaultdict(list)
        for p in projects:
            project_by_name[norm(p.name)].append(p)
        member_by_email = {m.user.email.lower(): m for m in members}
        member_by_code = {m.code.lower(): m for m in members if m.code}
        member_by_name: dict = defaultdict(list)
        for m in members:
            if m.user.get_full_name().strip():
                member_by_name[norm(m.user.get_full_name())].append(m)

        def chosen(entity: Entity, pool: dict | None):
            """(target, how) from an override or an alias, else (None, "")."""
            value = overrides.get(entity.key)
            if value == NEW:
                return NEW, "to be created (chosen)"
            if value is not None:
                try:
                    found = pool.get(int(value)) if pool is not None else None
                except (TypeError, ValueError):
                    found = None
                if found is None:
                    entity.error = _not_ours(entity.kind) % {"id": value}
                    return None, ""
                return found, "chosen"
            alias = aliases.get((entity.kind, entity.key))
            if alias is not None and pool is not None and alias in pool:
                return pool[alias], "as in an earlier import"
            return None, ""

        by_kind: dict[str, list[Entity]] = defaultdict(list)
        for e in self.entities.values():
            e.target, e.how, e.error = None, "", ""
            by_kind[e.kind].append(e)

        for e in by_kind[AliasKind.CLIENT]:
            target, how = chosen(e, by_id[AliasKind.CLIENT])
            if target is None and not e.error:
                if not e.name:
                    target = self.default_client or client_by_code.get(NO_CLIENT_CODE.lower())
                    how = "the default client" if target is not None else ""
                else:
                    target = client_by_code.get(e.name.lower())
                    how = "matched by code"
                    if target is None:
                        target, how = client_by_name.get(norm(e.name)), "matched by name"
            if target is None and not e.error or target == NEW:
                target, how = self._new_client(e), "to be created"
            e.target, e.how = (target, how) if not e.error else (None, "")

        for e in by_kind[AliasKind.PROJECT]:
            client = self.entities[f"client:{norm(e.client)}"]
            target, how = chosen(e, by_id[AliasKind.PROJECT])
            if target is None and not e.error:
                target, how = self._match_project(e, client, project_by_code, project_by_name)
            if (target is None and not e.error) or target == NEW:
                if client.target is None:
                    e.error = client.error or _("Its client is not mapped.")
                    target = None
                else:
                    target, how = self._new_project(e, client.target), "to be created"
            e.target, e.how = (target, how) if not e.error else (None, "")

        # A client the file names but whose projects all exist already is not created.
        needed = {id(e.target.client) for e in by_kind[AliasKind.PROJECT] if e.target is not None}
        for e in by_kind[AliasKind.CLIENT]:
            if e.is_new and id(e.target) not in needed:
                e.target, e.how = None, "not needed: its projects exist already"

        tasks_of: dict[int, dict[str, Task]] = defaultdict(dict)
        task_ids: dict[int, Task] = {}
        project_ids = [
            e.target.pk for e in by_kind[AliasKind.PROJECT] if e.target is not None and e.target.pk
        ]
        for t in Task.objects.filter(organisation=org, project_id__in=project_ids):
            tasks_of[t.project_id].setdefault(norm(t.name), t)
            task_ids[t.pk] = t
        for e in by_kind[AliasKind.TASK]:
            project = self.entities[f"project:{norm(e.client)}/{norm(e.project)}"]
            if project.target is None:
                e.error = project.error or _("Its project is not mapped.")
                continue
            value = overrides.get(e.key)
            target, how = None, ""
            if value not in (None, NEW):
                target = task_ids.get(int(value)) if str(value).isdigit() else None
                if target is None:
                    e.error = _("#%(id)s is not a task of %(project)s.") % {
                        "id": value,
                        "project": project.target.code,
                    }
                    continue
                how = "chosen"
            elif value is None and project.target.pk:
                alias = aliases.get((e.kind, e.key))
                target = task_ids.get(alias) if alias else None
                how = "as in an earlier import"
                if target is None:
                    target, how = tasks_of[project.target.pk].get(norm(e.name)), "matched by name"
            if target is None:
                target, how = self._new_task(e, project.target), "to be created"
            if target.project_id and target.project_id != project.target.pk:
                e.error = _("Task '%(task)s' is not in project %(project)s.") % {
                    "task": target.name,
                    "project": project.target.code,
                }
                continue
            target.project = project.target
            e.target, e.how = target, how

        for e in by_kind[AliasKind.PERSON]:
            target, how = chosen(e, by_id[AliasKind.PERSON])
            if target is None and not e.error:
                if not e.key.removeprefix("person:"):
                    target, how = self.default_member, "the default person"
                elif e.email and e.email.lower() in member_by_email:
                    target, how = member_by_email[e.email.lower()], "matched by e-mail"
                else:
                    person = e.key.removeprefix("person:")
                    target, how = member_by_code.get(person), "matched by member code"
                    if target is None and len(member_by_name.get(norm(e.name), [])) == 1:
                        target, how = member_by_name[norm(e.name)][0], "matched by name"
            if (target is None and not e.error) or target == NEW:
                target, how = self._new_person(e), "to be created (cannot sign in until invited)"
            e.target, e.how = (target, how) if not e.error else (None, "")
        self._check_can_create()

    def _match_project(self, e: Entity, client: Entity, by_code, by_name):
        for code in (e.code, e.name):
            found = by_code.get(code.lower()) if code else None
            if found is not None:
                return found, "matched by code"
        candidates = by_name.get(norm(e.name), [])
        if client.target is not None and client.target.pk:
            under = [p for p in candidates if p.client_id == client.target.pk]
            if len(under) == 1:
                return under[0], "matched by name"
        if len(candidates) == 1 and (not e.client or client.is_new):
            return candidates[0], "matched by name"
        return None, ""

    # --- stand-ins for what does not exist yet -------------------------------------------------

    def _new_client(self, e: Entity) -> Client:
        name = e.name or NO_CLIENT_NAME
        code = NO_CLIENT_CODE if not e.name else None
        currency = next(iter(e.currencies)) if len(e.currencies) == 1 else None
        return Client(
            organisation=self.organisation,
            code=code or _free_code(name, self._client_codes, "CLIENT"),
            name=name[:200],
            currency=currency or self.organisation.currency,
        )

    def _new_project(self, e: Entity, client: Client) -> Project:
        code = e.code if e.code and e.code.lower() not in self._project_codes else e.name
        internal = e.billable_rows == 0
        return Project(
            organisation=self.organisation,
            client=client,
            code=_free_code(code, self._project_codes, "PROJECT"),
            name=e.name[:200],
            billing_model=BillingModel.NON_BILLABLE if internal else BillingModel.HOURLY,
        )

    def _new_task(self, e: Entity, project: Project) -> Task:
        return Task(
            organisation=self.organisation,
            project=project,
            name=e.name[:200],
            is_billable=e.billable_rows > 0,
        )

    def _new_person(self, e: Entity) -> Member:
        first, _sep, last = (e.name or e.email.split("@")[0]).partition(" ")
        local = slugify(e.name or e.email.split("@")[0])[:30] or "person"
        user = User(
            email=f"{local}.{secrets.token_hex(3)}@{PLACEHOLDER_DOMAIN}",
            first_name=first[:150],
            last_name=last[:150],
            timezone=self.tz,
            is_active=False,
        )
        member = Member(
            organisation=self.organisation,
            user=user,
            role=Role.MEMBER,
            code=(e.email or e.name)[:40],
        )
        return member

    def _check_can_create(self) -> None:
        needs = {
            AliasKind.CLIENT: (Cap.MANAGE_CLIENTS, AliasKind.CLIENT),
            AliasKind.PROJECT: (Cap.MANAGE_PROJECTS, AliasKind.PROJECT),
            AliasKind.TASK: (Cap.MANAGE_PROJECTS, AliasKind.TASK),
            AliasKind.PERSON: (Cap.MANAGE_MEMBERS, AliasKind.PERSON),
        }
        for e in self.entities.values():
            if e.is_new:
                cap, what = needs[e.kind]
                if not self.by.can(cap):
                    e.error = _cannot_create(what)
                    e.target = None
        # A project whose client could not be had, a task whose project could not: no target.
        for e in self.entities.values():
            if e.kind == AliasKind.PROJECT and e.target is not None and e.is_new:
                client = self.entities[f"client:{norm(e.client)}"]
                if client.target is None:
                    e.error, e.target = client.error, None
        for e in self.entities.values():
            if e.kind == AliasKind.TASK and e.target is not None:
                project = self.entities[f"project:{norm(e.client)}/{norm(e.project)}"]
                if project.target is None:
                    e.error, e.target = project.error, None

    # --- pass 2 -------------------------------------------------------------------------------

    def targets(self, row: SourceRow):
        """(member, project, task) for a row, or the reason it has none (once per combination
        of names: the mapping is fixed once resolved)."""
        raw = (row.client, row.project, row.task, row.person_email, row.person_name)
        found = self._targets.get(raw)
        if found is None:
            found = self._targets[raw] = self._targets_of(row)
        return found

    def _targets_of(self, row: SourceRow):
        ck, pk, tk, mk = self.keys(row)
        person, project = self.entities[mk], self.entities[pk]
        task = self.entities[tk] if tk else None
        for e in (person, project, task):
            if e is not None and e.target is None:
                return f"{e.kind.title()} '{e.label()}': {e.error or 'not mapped.'}"
        return person.target, project.target, task.target if task else None

    # --- commit -------------------------------------------------------------------------------

    def create_missing(self) -> dict[str, list[int]]:
        """Save the stand-ins through the services that create clients, projects and tasks (their
        validation and audit rows apply); people become members who cannot sign in. Returns the
        ids made, by kind."""
        self._targets.clear()
        created: dict[str, list[int]] = defaultdict(list)
        by = self.by
        # Keyed by id() because unsaved model instances are unhashable; ``pinned`` keeps every
        # stand-in alive until the end, so no id is reused by an object made meanwhile.
        done: dict[int, object] = {}
        pinned: list = []
        new_tasks: list[tuple[Entity, Task]] = []
        for kind in (AliasKind.CLIENT, AliasKind.PROJECT, AliasKind.TASK, AliasKind.PERSON):
            for e in self.entities.values():
                if e.kind != kind or not e.is_new:
                    continue
                stand_in = e.target
                if id(stand_in) in done:
                    e.target = done[id(stand_in)]
                    continue
                if kind == AliasKind.CLIENT:
                    saved = client_services.save_client(
                        None,
                        {
                            "code": stand_in.code,
                            "name": stand_in.name,
                            "currency": stand_in.currency,
                        },
                        by=by,
                    )
                elif kind == AliasKind.PROJECT:
                    client = stand_in.client
                    client = done.get(id(client), client)
                    saved = project_services.save_project(
                        None,
                        {
                            "client": client,
                            "code": stand_in.code,
                            "name": stand_in.name,
                            "billing_model": stand_in.billing_model,
                        },
                        by=by,
                    )
                    saved.client = client
                elif kind == AliasKind.TASK:
                    # Tasks come by the hundred: made together below, by ``create_tasks``.
                    stand_in.project = done.get(id(stand_in.project), stand_in.project)
                    new_tasks.append((e, stand_in))
                    done[id(stand_in)] = stand_in
                    pinned.append(stand_in)
                    continue
                else:
                    user = stand_in.user
                    user.set_unusable_password()
                    user.save()
                    stand_in.save()
                    saved = stand_in
                saved.organisation = self.organisation
                done[id(stand_in)] = saved
                pinned.append(stand_in)
                e.target = saved
                created[kind].append(saved.pk)
        if new_tasks:
            saved_tasks = project_services.create_tasks([t for _, t in new_tasks], by=by)
            for (e, _task), saved in zip(new_tasks, saved_tasks, strict=True):
                saved.organisation = self.organisation
                e.target = saved
                created[AliasKind.TASK].append(saved.pk)
        # Tasks and projects point at the saved parents.
        for e in self.entities.values():
            if e.kind == AliasKind.TASK and e.target is not None:
                e.target.project = done.get(id(e.target.project), e.target.project)
        return dict(created)

    def remember(self) -> None:
        """Store what every name meant, for the next import of the same tool."""
        rows = [
            ImportAlias(
                organisation=self.organisation, kind=e.kind, key=e.key[:500], target_id=e.target.pk
            )
            for e in self.entities.values()
            if e.target is not None and e.target.pk is not None
        ]
        ImportAlias.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["organisation", "kind", "key"],
            update_fields=["target_id", "updated_at"],
        )
