"""Reads of contracts."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeledger.contracts import rules
from timeledger.contracts.models import CapAcceptance, ProjectTerms
from timeledger.projects.models import Project
from timeledger.rates.selectors import priced
from timeledger.timesheets.models import EntryStatus, TimeEntry


def terms_for(project: Project) -> ProjectTerms:
    """The project's terms row (unsaved defaults when it has none yet)."""
    try:
        return project.terms
    except ProjectTerms.DoesNotExist:
        return ProjectTerms(organisation_id=project.organisation_id, project=project)


@dataclass
class CapCheck:
    """The not-to-exceed cap (``rules.over_cap``) over some projects' entries, as it stands now."""

    capped: set[int] = field(default_factory=set)  # projects with a cap
    over: set[int] = field(default_factory=set)  # entries beyond it (accepted ones included)
    accepted: set[int] = field(default_factory=set)
    # (entry id, needs_acceptance, invoice_line_id) of every entry the cap counts
    rows: list[tuple[int, bool, int | None]] = field(default_factory=list)

    @property
    def held(self) -> set[int]:
        """Entries the cap holds back: beyond it and not accepted by a manager."""
        return self.over - self.accepted


def cap_check(project_ids) -> CapCheck:
    """What the cap says of the projects' entries: counted are their billable ones, whatever their
    state but rejected (a running timer is not an entry yet), in work order, priced at their frozen
    amount or the rate in force today (``rates.selectors.priced``, in SQL). One query when none of
    the projects has a cap; otherwise three (terms, entries, acceptances)."""
    caps = {
        t.project_id: t
        for t in ProjectTerms.objects.filter(project_id__any=list(project_ids)).exclude(
            cap_amount__isnull=True, cap_hours__isnull=True
        )
    }
    check = CapCheck(capped=set(caps))
    if not caps:
        return check
    entries = (
        TimeEntry.objects.filter(project_id__any=list(caps), is_billable=True)
        .exclude(status=EntryStatus.REJECTED)
        .exclude(start__isnull=False, end__isnull=True)
    )
    by_project: dict[int, list[rules.CapEntry]] = {}
    for pid, pk, day, start, secs, amount, flag, line in priced(entries).values_list(
        "project_id",
        "pk",
        "date",
        "start",
        "billable_seconds",
        "live_amount",
        "needs_acceptance",
        "invoice_line_id",
    ):
        by_project.setdefault(pid, []).append(rules.CapEntry(pk, day, secs, amount, start))
        check.rows.append((pk, flag, line))
    for pid, counted in by_project.items():
        terms = caps[pid]
        check.over |= rules.over_cap(
            counted, cap_amount=terms.cap_amount, cap_hours=terms.cap_hours
        )
    check.accepted = set(
        CapAcceptance.objects.filter(entry__project_id__any=list(caps)).values_list(
            "entry_id", flat=True
        )
    )
    return check
