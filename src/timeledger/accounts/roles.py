"""Roles and what each may do. One table, read by views, API and services alike."""

from django.db import models
from django.utils.translation import gettext_noop, pgettext_lazy


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MANAGER = "manager", "Manager"
    MEMBER = "member", "Member"
    ACCOUNTANT = "accountant", "Accountant"
    CLIENT_VIEWER = "client_viewer", "Client viewer"


# The roles' names as the Members page shows them, marked for the catalogues (the choices stay plain
# strings: a migration records them); the page translates each label.
ROLE_NAMES = (
    gettext_noop("Owner"),
    gettext_noop("Admin"),
    gettext_noop("Manager"),
    gettext_noop("Member"),
    gettext_noop("Accountant"),
    gettext_noop("Client viewer"),
)

# A role inside a sentence of an e-mail ("… invites you to join Acme as member."), in the
# recipient's language: lower case in English, as each language writes it mid-sentence.
ROLE_IN_SENTENCE = {
    Role.OWNER: pgettext_lazy("role in a sentence", "owner"),
    Role.ADMIN: pgettext_lazy("role in a sentence", "admin"),
    Role.MANAGER: pgettext_lazy("role in a sentence", "manager"),
    Role.MEMBER: pgettext_lazy("role in a sentence", "member"),
    Role.ACCOUNTANT: pgettext_lazy("role in a sentence", "accountant"),
    Role.CLIENT_VIEWER: pgettext_lazy("role in a sentence", "client viewer"),
}


class Cap:
    """Capabilities. A role is the set of capabilities it grants."""

    LOG_TIME = "log_time"  # own entries and timer
    VIEW_PROJECTS = "view_projects"
    VIEW_ALL_TIME = "view_all_time"
    EDIT_ALL_TIME = "edit_all_time"
    MANAGE_CLIENTS = "manage_clients"
    MANAGE_PROJECTS = "manage_projects"
    MANAGE_RATES = "manage_rates"
    VIEW_RATES = "view_rates"
    APPROVE_TIME = "approve_time"  # the time of the teams one belongs to
    APPROVE_ALL_TIME = "approve_all_time"  # everyone's time, whatever the team
    MANAGE_BILLING = "manage_billing"
    VIEW_INVOICES = "view_invoices"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_SETTINGS = "manage_settings"
    OVERRIDE_LOCK = "override_lock"
    VIEW_AUDIT = "view_audit"
    VIEW_REPORTS = "view_reports"


_MANAGER = {
    Cap.LOG_TIME,
    Cap.VIEW_PROJECTS,
    Cap.VIEW_ALL_TIME,
    Cap.EDIT_ALL_TIME,
    Cap.MANAGE_CLIENTS,
    Cap.MANAGE_PROJECTS,
    Cap.MANAGE_RATES,
    Cap.VIEW_RATES,
    Cap.APPROVE_TIME,
    Cap.VIEW_INVOICES,
    Cap.VIEW_AUDIT,
    Cap.VIEW_REPORTS,
}
_ACCOUNTANT = {
    Cap.VIEW_PROJECTS,
    Cap.VIEW_ALL_TIME,
    Cap.VIEW_RATES,
    Cap.MANAGE_CLIENTS,
    Cap.MANAGE_BILLING,
    Cap.VIEW_INVOICES,
    Cap.VIEW_AUDIT,
    Cap.VIEW_REPORTS,
}
_ADMIN = (
    _MANAGER
    | _ACCOUNTANT
    | {Cap.MANAGE_MEMBERS, Cap.MANAGE_SETTINGS, Cap.OVERRIDE_LOCK, Cap.APPROVE_ALL_TIME}
)

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(_ADMIN),
    Role.ADMIN: frozenset(_ADMIN),
    Role.MANAGER: frozenset(_MANAGER),
    Role.MEMBER: frozenset({Cap.LOG_TIME, Cap.VIEW_PROJECTS}),
    Role.ACCOUNTANT: frozenset(_ACCOUNTANT),
    # A client viewer sees only the invoices and projects of the client it is linked to.
    Role.CLIENT_VIEWER: frozenset({Cap.VIEW_INVOICES}),
}


def can(role: str, capability: str) -> bool:
    return capability in ROLE_CAPABILITIES.get(role, frozenset())
