"""Time lines: approved, unbilled, billable entries up to the cut-off of hourly and hybrid
projects (hybrid: the hours that fill the invoice a milestone unlocks).

collect, per batch:
1. freeze the rates of approved entries not frozen yet (``rates.locking``, set-based);
2. apply the not-to-exceed cap (``contracts.services.flag_cap_overruns_in``: the rule of
   ``contracts.rules.over_cap``): entries beyond it, not accepted by a manager, are flagged
   ``needs_acceptance`` and so left out of the SQL below, and listed as held back with their ids;
3. aggregate the entries per (grouping, cut-off, currency) partition in SQL (``sql.aggregate``):
   one group = one line: quantity ``core.hours.hours_2dp(seconds)``, net = quantity × rate rounded
   once (``invoicing.totals.line_net``), so quantity × price is the net (see ``billing.rules``).
   A group already on the open draft the run adds to *merges* into that line: its quantity and net
   are re-derived from the seconds of the entries on it plus the new ones.

claim: one ``UPDATE … FROM`` per partition (``sql.claim``) with a row-count check. The entries'
foreign key to their line is checked once per line, not once per entry (``core.bulk.
references_checked``: every line of the batch's drafts locked ``FOR KEY SHARE``, then the UPDATEs
without the per-row trigger, where the connection may skip it — BENCHMARKS.md, "Billing claim").
verify: what the claimed entries add up to, per line, must be what the line bills.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext, gettext_noop

from timeledger.accounts.models import Member
from timeledger.billing import rules
from timeledger.billing.engine import sql
from timeledger.billing.engine.base import (
    Batch,
    ClaimConflict,
    Draft,
    Held,
    Row,
    Strategy,
    project_ids,
)
from timeledger.contracts import services as contracts
from timeledger.core.bulk import references_checked
from timeledger.core.hours import hours_2dp
from timeledger.invoicing.models import LineGrouping, LineKind
from timeledger.invoicing.totals import line_net
from timeledger.projects.models import BillingModel, Phase, Project, Task
from timeledger.rates.locking import lock_entries
from timeledger.timesheets.models import EntryStatus, TimeEntry

# In the active language where it is shown (English in what a run stores: ``batch.bill_batch``).
CAP_REASON = gettext_noop("above the not-to-exceed cap; bills once a manager accepts it")


def lock_rates(organisation_id: int, ids, up_to: dt.date, now: dt.datetime) -> int:
    """Freeze rates of approved entries not frozen yet (set-based, ``rates.locking``)."""
    qs = TimeEntry.objects.filter(
        organisation_id=organisation_id,
        project_id__any=list(ids),
        status=EntryStatus.APPROVED,
        invoice_line__isnull=True,
        rate_locked_at__isnull=True,
        date__lte=up_to,
    )
    if not qs.exists():  # the usual case: approval froze them already
        return 0
    return lock_entries(qs, at=now)


def _member_names(ids) -> dict[str, str]:
    rows = Member.objects.filter(id__any=ids).values_list(
        "id", "user__first_name", "user__last_name", "user__email"
    )
    return {str(i): (f"{f} {last}".strip() or e) for i, f, last, e in rows}


def labels(grouping: str, keys: set[str]) -> dict[str, tuple]:
    """``{key: (sort, label)}`` for the non-empty group keys of one grouping."""
    ids = [int(k) for k in keys if k and grouping in ("phase", "task", "member")]
    if grouping == LineGrouping.PHASE:
        return {
            str(i): ((pos, name), name)
            for i, name, pos in Phase.objects.filter(id__any=ids).values_list(
                "id", "name", "position"
            )
        }
    if grouping == LineGrouping.TASK:
        return {
            str(i): ((0, name), name)
            for i, name in Task.objects.filter(id__any=ids).values_list("id", "name")
        }
    if grouping == LineGrouping.MEMBER:
        return {k: ((0, v), v) for k, v in _member_names(ids).items()}
    if grouping == LineGrouping.DATE:
        return {k: ((0, k), f"{dt.date.fromisoformat(k[:10]):%a %d %b %Y}") for k in keys if k}
    return {}


def _label_of(description: str) -> str:
    """The label part of a time line's text ("Build — 3.00 h × …" → "Build"): kept when a line
    grows, so a label a finance person edited survives."""
    return description.rsplit(" — ", 1)[0]


class TimeLine(Row):
    """A new time line. Its text is written when first read (the insert's ``values()``, a preview
    page), not when the line is built: the pipeline report totals a preview's 25,000 lines on
    the large workload and reads none of their texts (0.24 s of formatting)."""

    @cached_property
    def description(self) -> str:
        label, seconds, rate, net, currency, language = self.text_of
        return rules.time_line_description(label, seconds, rate, net, currency, language=language)[
            :500
        ]

    def values(self) -> dict:
        out = super().values()
        del out["text_of"]
        out["description"] = self.description
        return out


def new_line(
    project: Project, grouping: str, g: sql.Group, label: str, *, language: str | None = None
) -> Row:
    """The time line of one group (not yet on a draft); its text in ``language`` (the
    invoice's)."""
    if grouping == LineGrouping.DATE and g.key:
        # A day is named in the invoice's language (``labels`` names it in English for sorting).
        label = rules.day_label(dt.date.fromisoformat(g.key[:10]), language)
    currency = project.client.currency
    quantity = hours_2dp(g.seconds)
    net = line_net(quantity, g.rate, currency)
    line = TimeLine(
        organisation_id=project.organisation_id,
        kind=LineKind.TIME,
        text_of=(label, g.seconds, g.rate, net, currency, language),
        quantity=quantity,
        unit="h",
        unit_price=g.rate,
        net_amount=net,
        group_key=g.group_key,
        entry_count=g.count,
        phase_id=None,
        task_id=None,
        member_id=None,
        service_date=None,
    )
    if g.key:
        if grouping == LineGrouping.PHASE:
            line.phase_id = int(g.key)
        elif grouping == LineGrouping.TASK:
            line.task_id = int(g.key)
        elif grouping == LineGrouping.MEMBER:
            line.member_id = int(g.key)
        elif grouping == LineGrouping.DATE:
            line.service_date = dt.date.fromisoformat(g.key[:10])
    return line


def ordered(groups: list[sql.Group], label_of: dict[str, tuple]) -> list[sql.Group]:
    """Lines in the order of their labels (phase position, name, date), then rate."""

    def order(g: sql.Group):
        sort, _ = label_of.get(g.key, ((10**9, ""), ""))
        return (sort, g.rate)

    return sorted(groups, key=order)


def lines_for(
    project: Project, grouping: str, groups: list[sql.Group], *, language: str | None = None
) -> list[Row]:
    """The time lines of ``groups`` (one project, one grouping) in line order: what a run bills,
    and what ``billing.services.regroup`` rebuilds a draft with."""
    label_of = labels(grouping, {g.key for g in groups})
    return [
        new_line(
            project, grouping, g, label_of.get(g.key, (None, project.name))[1], language=language
        )
        for g in ordered(groups, label_of)
    ]


@dataclass
class _State:
    partitions: dict[tuple, list[int]]
    groups: dict[int, list[sql.Group]]
    new_lines: list[tuple[Row, sql.Group]] = field(default_factory=list)
    merged: dict[int, tuple[Row, int, int]] = field(default_factory=dict)  # pk → (row, s, n)


class TimeStrategy(Strategy):
    name = "time"
    models = frozenset({BillingModel.HOURLY, BillingModel.HYBRID})

    def collect(self, batch: Batch, drafts: list[Draft]) -> _State | None:
        if not drafts:
            return None
        org_id = batch.organisation.id
        ids = project_ids(drafts)
        lock_rates(org_id, ids, max(d.plan.cutoff for d in drafts), batch.now)
        # The cap, applied where billing happens: every run and preview, not a nightly job.
        contracts.flag_cap_overruns_in(ids)

        partitions: dict[tuple, list[int]] = defaultdict(list)
        for d in drafts:
            partitions[(d.grouping, d.plan.cutoff, d.currency)].append(d.project.id)
        state = _State(partitions=dict(partitions), groups=defaultdict(list))
        keys_by_grouping: dict[str, set[str]] = defaultdict(set)
        for (grouping, cutoff, currency), pids in partitions.items():
            for g in sql.aggregate(org_id, pids, grouping, sql.Source(cutoff, currency)):
                state.groups[g.project_id].append(g)
                keys_by_grouping[grouping].add(g.key)
        label_of = {g: labels(g, keys) for g, keys in keys_by_grouping.items()}

        # Lines already on the open drafts that a group merges into: their entries' exact
        # seconds (quantity is rounded). Only those: reading every open draft's lines was 0.9 s
        # of a preview with nothing new to bill on the large workload.
        merging = []
        for d in drafts:
            if d.is_open and state.groups.get(d.project.id):
                keys = {g.group_key for g in state.groups[d.project.id]}
                merging += [
                    row.pk
                    for row in d.existing
                    if row.kind == LineKind.TIME and row.group_key in keys
                ]
        on_lines = sql.billed_by_line(merging) if merging else {}

        for d in drafts:
            groups = state.groups.get(d.project.id, [])
            if not groups:
                continue
            d.entries += sum(g.count for g in groups)
            first = min(g.first_date for g in groups)
            d.first_date = first if d.first_date is None else min(d.first_date, first)
            there = d.existing_by_key()
            names = label_of.get(d.grouping, {})
            for g in ordered(groups, names):
                old = there.get(g.group_key)
                if old is not None and old.kind == LineKind.TIME:
                    self._merge(d, old, g, on_lines.get(old.pk, (0, 0)), state)
                    continue
                label = names.get(g.key, (None, d.project.name))[1]
                line = d.add(new_line(d.project, d.grouping, g, label, language=d.language))
                state.new_lines.append((line, g))

        # Work the cap holds back: listed in the result (and the preview) with the entry ids.
        for (_grouping, cutoff, currency), pids in partitions.items():
            held = sql.held_back(org_id, pids, sql.Source(cutoff, currency))
            for pid, rows in held.items():
                batch.drafts[pid].held.append(
                    Held(gettext(CAP_REASON), [i for i, _s in rows], sum(s for _i, s in rows))
                )
        return state

    def _merge(self, d: Draft, old: Row, g: sql.Group, before: tuple[int, int], state) -> None:
        """The group's entries join the line of the same group on the open draft."""
        seconds, count = before[0] + g.seconds, before[1] + g.count
        quantity = hours_2dp(seconds)
        net = line_net(quantity, old.unit_price, d.currency)
        row = Row(
            pk=old.pk,
            quantity=quantity,
            net_amount=net,
            entry_count=count,
            description=rules.time_line_description(
                _label_of(old.description),
                seconds,
                old.unit_price,
                net,
                d.currency,
                language=d.language,
            )[:500],
            added_quantity=quantity - old.quantity,
        )
        d.merged[old.pk] = row
        state.merged[old.pk] = (row, seconds, count)

    def claim(self, batch: Batch, state: _State | None) -> None:
        if state is None:
            return
        # Every line an entry may be pointed at: the new lines and all lines of the open
        # drafts added to (the UPDATE matches lines of these invoices by group key).
        lines = {line.pk for line, _g in state.new_lines}
        for pid, groups in state.groups.items():
            if groups:
                lines.update(row.pk for row in batch.drafts[pid].existing)
        with references_checked(TimeEntry, {"invoice_line_id": lines}):
            for (grouping, cutoff, currency), pids in state.partitions.items():
                self._claim_partition(batch, state, grouping, cutoff, currency, pids)

    def _claim_partition(self, batch, state, grouping, cutoff, currency, pids) -> None:
        with_groups = [pid for pid in pids if state.groups.get(pid)]
        if not with_groups:
            return
        expected = sum(g.count for pid in with_groups for g in state.groups[pid])
        invoice_ids = [batch.drafts[pid].invoice.pk for pid in with_groups]
        claimed = sql.claim(
            batch.organisation.id,
            pids,
            grouping,
            sql.Source(cutoff, currency),
            invoice_ids,
            now=batch.now,
        )
        if claimed != expected:
            raise ClaimConflict(f"claimed {claimed} entries, counted {expected}")

    def verify(self, batch: Batch, state: _State | None) -> None:
        if state is None:
            return
        lines = {line.pk: line for line, _g in state.new_lines}
        actual = sql.billed_by_line([*lines, *state.merged])
        for pk, line in lines.items():
            seconds, count = actual.get(pk, (0, 0))
            if count != line.entry_count or hours_2dp(seconds) != line.quantity:
                raise ClaimConflict(
                    f"line {pk}: entries add up to {seconds}s/{count}, billed otherwise"
                )
        for pk, (_row, seconds, count) in state.merged.items():
            if actual.get(pk, (0, 0)) != (seconds, count):
                raise ClaimConflict(f"line {pk}: entries differ from what it bills after merging")


TIME = TimeStrategy()
