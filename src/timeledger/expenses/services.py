"""Writes for expenses: categories, logging (with the receipt), and the week's workflow.

An expense follows time: draft / rejected --submit--> submitted --approve--> approved; rejected
goes back to its owner with the reason; an approved or billed expense never changes (a manager
reopens an approved, unbilled one). Who approves is the approvals app's rule
(``approvals.services.approvable_filter``: admins all, managers their teams' projects, a lead
their project's, never their own). The organisation's lock date applies as to time
(``timesheets.services._check_lock``). When a member-week or project of time is submitted,
approved or rejected, the expenses in the same scope move with it (``approvals.signals``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.approvals import services as approvals
from timeledger.approvals import workflow
from timeledger.approvals.signals import time_transitioned
from timeledger.core import timeutil
from timeledger.core.audit import delete_audited, record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import MINOR_UNITS, decimals_error
from timeledger.expenses import rules
from timeledger.expenses.models import EDITABLE_STATUSES, Expense, ExpenseCategory, ExpenseStatus
from timeledger.projects import teams
from timeledger.projects.models import Project, Task
from timeledger.timesheets import services as timesheets

# --- categories ----------------------------------------------------------------------------------


def save_category(
    *, by: Member, name: str, category: ExpenseCategory | None = None, **fields
) -> ExpenseCategory:
    """Create or change an expense category (managers and finance)."""
    if not (by.can(Cap.MANAGE_PROJECTS) or by.can(Cap.MANAGE_BILLING)):
        raise PermissionDenied(_("Only managers and finance may change expense categories."))
    name = (name or "").strip()
    if not name:
        fail(_("Give the category a name."), "name")
    tax = fields.get("default_tax_category")
    if tax is not None and tax.organisation_id != by.organisation_id:
        fail(_("Not found."), "default_tax_category")
    clash = ExpenseCategory.objects.filter(organisation_id=by.organisation_id, name__iexact=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        fail(_("There is already a category '%(name)s'.") % {"name": name}, "name")
    with transaction.atomic():
        before = snapshot(category) if category is not None else None
        category = category or ExpenseCategory(organisation_id=by.organisation_id)
        category.name = name
        for key, value in fields.items():
            setattr(category, key, value)
        category.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="update" if before else "create",
            obj=category,
            before=before,
            after=snapshot(category),
        )
    return category


# --- logging -------------------------------------------------------------------------------------


@dataclass
class ExpenseInput:
    project: Project
    category: ExpenseCategory
    date: dt.date
    amount: Decimal
    currency: str = ""  # empty: the client's
    vat_amount: Decimal = Decimal("0")
    exchange_rate: Decimal | None = None  # None: 1 when in the client's currency
    task: Task | None = None
    supplier: str = ""
    description: str = ""
    is_billable: bool | None = None  # None: the task's, else the project's billing model
    markup_percent: Decimal = Decimal("0")
    is_reimbursable: bool = True


def _check(data: ExpenseInput, owner: Member, *, by: Member) -> dict:
    org = owner.organisation
    project = data.project
    if project is None or project.organisation_id != org.id:
        fail(_("Choose a project."), "project")
    if not project.is_open_for_time:
        fail(_("Project %(code)s takes no new expenses.") % {"code": project.code}, "project")
    if reason := teams.refusal(owner, project, by=by):
        fail(reason, "project")
    task = data.task
    if task is not None and (task.organisation_id != org.id or task.project_id != project.id):
        fail(
            _("Task '%(task)s' does not belong to project %(code)s.")
            % {"task": task.name, "code": project.code},
            "task",
        )
    category = data.category
    if category is None or category.organisation_id != org.id:
        fail(_("Choose a category."), "category")
    if not category.is_active:
        fail(_("Category '%(name)s' is no longer in use.") % {"name": category.name}, "category")
    client_currency = project.client.currency
    currency = (data.currency or client_currency).upper()
    if currency not in MINOR_UNITS:
        fail(_("Unknown currency %(currency)s.") % {"currency": currency}, "currency")
    if data.amount is None or data.amount <= 0:
        fail(_("The amount is more than zero."), "amount")
    for field, value in (("amount", data.amount), ("vat_amount", data.vat_amount)):
        if message := decimals_error(value, currency):
            fail(message, field)
    if data.vat_amount < 0 or data.vat_amount > data.amount:
        fail(_("The VAT is part of the amount: between zero and the amount."), "vat_amount")
    rate = data.exchange_rate
    if currency == client_currency:
        if rate is not None and rate != 1:
            fail(_("The expense is in the client's currency: the rate is 1."), "exchange_rate")
        rate = Decimal(1)
    elif rate is None or rate <= 0:
        fail(
            _("Record the rate: 1 %(currency)s in %(client_currency)s (the client's currency).")
            % {"currency": currency, "client_currency": client_currency},
            "exchange_rate",
        )
    if data.markup_percent is None or not Decimal(0) <= data.markup_percent <= Decimal(1000):
        fail(_("The mark-up is a percentage between 0 and 1000."), "markup_percent")
    if data.date is None:
        fail(_("Give the date of the expense."), "date")
    if data.date > timeutil.local_date(timeutil.now(), org.time_zone) + dt.timedelta(days=1):
        fail(_("An expense is logged once it is spent, not in the future."), "date")
    billable = data.is_billable
    if billable is None:
        billable = task.is_billable if task is not None else project.billing_model != "non_billable"
    return {
        "project": project,
        "task": task,
        "category": category,
        "date": data.date,
        "amount": data.amount,
        "currency": currency,
        "vat_amount": data.vat_amount,
        "exchange_rate": rate,
        "supplier": data.supplier.strip()[:200],
        "description": data.description.strip()[:500],
        "is_billable": billable,
        "markup_percent": data.markup_percent,
        "is_reimbursable": data.is_reimbursable,
    }


def _owner(by: Member, member: Member | None) -> Member:
    if member is None or member.pk == by.pk:
        if not by.can(Cap.LOG_TIME):
            raise PermissionDenied(_("Your role does not log expenses."))
        return by
    if member.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not a member of your organisation."))
    if not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only log your own expenses."))
    return member


def _attach(expense: Expense, receipt) -> None:
    """Check and store the receipt: type from its first bytes, size from the upload."""
    receipt.seek(0)
    head = receipt.read(16)
    receipt.seek(0)
    try:
        kind = rules.check_receipt(head, receipt.size)
    except rules.ReceiptRefused as exc:
        fail(str(exc), "receipt")
    expense.receipt_name = (getattr(receipt, "name", "") or "receipt").rsplit("/", 1)[-1][:200]
    expense.receipt_type = kind
    expense.receipt.save(expense.receipt_name, receipt, save=False)


def create_expense(
    data: ExpenseInput,
    *,
    by: Member,
    member: Member | None = None,
    receipt=None,
    override_reason: str = "",
) -> Expense:
    """Log an expense (optionally with its receipt) for ``member`` (default: ``by``)."""
    owner = _owner(by, member)
    values = _check(data, owner, by=by)
    override = timesheets._check_lock(owner, values["date"], by=by, override_reason=override_reason)
    with transaction.atomic():
        expense = Expense(organisation_id=owner.organisation_id, member=owner, **values)
        if receipt is not None:
            _attach(expense, receipt)
        expense.save()
        record(
            organisation=owner.organisation,
            actor=by.user,
            action="create",
            obj=expense,
            after=snapshot(expense),
            reason=override,
        )
    return expense


def _check_can_edit(expense: Expense, by: Member) -> None:
    if expense.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not your organisation's expense."))
    if expense.member_id != by.pk and not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only change your own expenses."))
    if expense.invoice_line_id is not None:
        fail(_("This expense is invoiced and can no longer change."))
    if expense.status not in EDITABLE_STATUSES:
        fail(
            _("This expense is %(status)s and locked; ask a manager to reopen it.")
            % {"status": _(expense.get_status_display()).lower()},
            "non_field_errors",
        )


def update_expense(
    expense: Expense, data: ExpenseInput, *, by: Member, receipt=None, override_reason: str = ""
) -> Expense:
    with transaction.atomic():
        expense = Expense.objects.select_for_update().get(pk=expense.pk)
        _check_can_edit(expense, by)
        values = _check(data, expense.member, by=by)
        reason = timesheets._check_lock(
            expense.member,
            min(expense.date, values["date"]),
            by=by,
            override_reason=override_reason,
        )
        before = snapshot(expense)
        for key, value in values.items():
            setattr(expense, key, value)
        if receipt is not None:
            old = expense.receipt.name
            _attach(expense, receipt)
            if old:
                transaction.on_commit(lambda: expense.receipt.storage.delete(old))
        expense.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="update",
            obj=expense,
            before=before,
            after=snapshot(expense),
            reason=reason,
        )
    return expense


def delete_expense(expense: Expense, *, by: Member, override_reason: str = "") -> None:
    with transaction.atomic():
        expense = Expense.objects.select_for_update().get(pk=expense.pk)
        _check_can_edit(expense, by)
        reason = timesheets._check_lock(
            expense.member, expense.date, by=by, override_reason=override_reason
        )
        name = expense.receipt.name
        delete_audited(expense, organisation=by.organisation, actor=by.user, reason=reason)
        if name:
            storage = Expense._meta.get_field("receipt").storage
            transaction.on_commit(lambda: storage.delete(name))


# --- the workflow --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    action: str
    expense_ids: list[int]
    batch: str

    @property
    def count(self) -> int:
        return len(self.expense_ids)


def scope_expenses(organisation, scope: approvals.Scope, *, expense_ids=None):
    """The organisation's expenses in ``scope`` (a member-week or a project, optionally a week),
    or the explicit ``expense_ids`` (an approval scope's ``entry_ids`` name time entries)."""
    qs = Expense.objects.filter(organisation=organisation)
    if scope.member is not None:
        qs = qs.filter(member=scope.member)
    if scope.project is not None:
        qs = qs.filter(project=scope.project)
    if scope.week is not None:
        monday = approvals.week_of(scope.week, organisation)
        qs = qs.filter(date__gte=monday, date__lt=monday + dt.timedelta(days=7))
    if expense_ids is not None:
        qs = qs.filter(pk__in=list(expense_ids))
    elif scope.member is None and scope.project is None:
        fail(_("Choose a member and week, a project, or expenses."))
    return qs


def _transition(
    scope: approvals.Scope,
    *,
    by: Member,
    action: str,
    from_statuses: tuple[str, ...],
    to_status: str,
    note: str | None,
    nothing: str,
    approver_only: bool = True,
    expense_ids=None,
    override_reason: str = "",
    quiet: bool = False,
) -> Outcome:
    """Move the expenses in scope (``approvals.workflow``: row locks, lock date, audit)."""
    with transaction.atomic():
        candidates = scope_expenses(by.organisation, scope, expense_ids=expense_ids).filter(
            status__in=from_statuses, invoice_line__isnull=True
        )
        moved = workflow.move(
            candidates,
            by=by,
            action=action,
            from_statuses=from_statuses,
            to_status=to_status,
            note=note,
            reason=note or "",
            override_reason=override_reason,
            nothing=nothing,
            not_yours="You may approve only expenses of projects you lead or whose team you are on "
            "(and not your own).",
            approvable=approvals.approvable_filter(by) if approver_only else None,
            related=("category",),
            quiet=quiet,
        )
    return Outcome(action, moved.ids, moved.batch)


def submit_week(member: Member, monday: dt.date, *, by: Member, override_reason: str = ""):
    """Submit ``member``'s draft and rejected expenses of the week."""
    if member.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not a member of your organisation."))
    if member.pk != by.pk and not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only submit your own week."))
    return _transition(
        approvals.Scope(member=member, week=monday),
        by=by,
        action="submit",
        from_statuses=EDITABLE_STATUSES,
        to_status=ExpenseStatus.SUBMITTED,
        note="",
        nothing="Nothing to submit: no draft or rejected expenses in this week.",
        approver_only=False,
        override_reason=override_reason,
    )


def approve(
    scope: approvals.Scope,
    *,
    by: Member,
    comment: str = "",
    expense_ids=None,
    override_reason: str = "",
) -> Outcome:
    """Approve the submitted expenses in scope that ``by`` may approve."""
    return _transition(
        scope,
        by=by,
        action="approve",
        from_statuses=(ExpenseStatus.SUBMITTED,),
        to_status=ExpenseStatus.APPROVED,
        note=comment.strip(),
        nothing="Nothing to approve: no submitted expenses here.",
        expense_ids=expense_ids,
        override_reason=override_reason,
    )


def reject(
    scope: approvals.Scope,
    *,
    by: Member,
    reason: str,
    expense_ids=None,
    override_reason: str = "",
) -> Outcome:
    reason = (reason or "").strip()
    if not reason:
        fail(_("Say why, so the member knows what to fix."), "reason")
    return _transition(
        scope,
        by=by,
        action="reject",
        from_statuses=(ExpenseStatus.SUBMITTED,),
        to_status=ExpenseStatus.REJECTED,
        note=reason,
        nothing="Nothing to reject: no submitted expenses here.",
        expense_ids=expense_ids,
        override_reason=override_reason,
    )


def reopen(
    scope: approvals.Scope,
    *,
    by: Member,
    reason: str,
    expense_ids=None,
    override_reason: str = "",
) -> Outcome:
    """Undo an approval (managers, with a reason) while the expense is not invoiced."""
    if not by.can(Cap.APPROVE_TIME):
        raise PermissionDenied(_("Only a manager can undo an approval."))
    reason = (reason or "").strip()
    if not reason:
        fail(_("Give the reason for undoing the approval."), "reason")
    return _transition(
        scope,
        by=by,
        action="reopen",
        from_statuses=(ExpenseStatus.APPROVED,),
        to_status=ExpenseStatus.DRAFT,
        note=reason,
        nothing="Nothing to reopen: no approved, uninvoiced expenses here.",
        expense_ids=expense_ids,
        override_reason=override_reason,
    )


_WITH_TIME = {
    "submit": (EDITABLE_STATUSES, ExpenseStatus.SUBMITTED, False),
    "approve": ((ExpenseStatus.SUBMITTED,), ExpenseStatus.APPROVED, True),
    "reject": ((ExpenseStatus.SUBMITTED,), ExpenseStatus.REJECTED, True),
}


@receiver(time_transitioned, dispatch_uid="expenses.follow_time")
def follow_time(sender, *, scope, by, action, note, override_reason, **kwargs) -> None:
    """The week's expenses move with its time (same scope, same transaction, same actor).
    A scope of explicit time-entry ids names no expense."""
    if action not in _WITH_TIME or scope.entry_ids is not None:
        return
    from_statuses, to_status, approver_only = _WITH_TIME[action]
    _transition(
        scope,
        by=by,
        action=action,
        from_statuses=from_statuses,
        to_status=to_status,
        note=note,
        nothing="",
        approver_only=approver_only,
        override_reason=override_reason,
        quiet=True,
    )
