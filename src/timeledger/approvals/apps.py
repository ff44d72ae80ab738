from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    """Weekly submission, approval and rejection of timesheets; approving freezes the rates, so
    this app sits above ``rates``. It has no models of its own (they are in ``timesheets``)."""

    name = "timeledger.approvals"
    label = "approvals"
