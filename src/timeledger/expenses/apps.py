from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    """Expenses logged on projects (receipts, categories, mark-up, reimbursement), submitted and
    approved with the week like time. It sits below ``approvals`` (it reuses who approves what)
    and above ``invoicing``: the billing engine's expense strategy bills them."""

    name = "timeledger.expenses"
    label = "expenses"

    def ready(self) -> None:
        # Connects the receivers: a week's expenses move with its time; the receipts annex.
        from timeledger.expenses import receivers, services  # noqa: F401
