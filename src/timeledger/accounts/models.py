"""Users, organisations (the tenant), members with roles, and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from timeledger.accounts.roles import Role, can
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.core.timeutil import TIMEZONE_CHOICES


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address. May belong to several organisations."""

    username = None
    email = models.EmailField("e-mail", unique=True)
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES, default=settings.TIME_ZONE)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class RoundingMode(models.TextChoices):
    NONE = "none", "No rounding"
    UP = "up", "Up"
    DOWN = "down", "Down"
    NEAREST = "nearest", "Nearest"


ROUNDING_INCREMENTS = [(m, f"{m} min") for m in (1, 5, 6, 10, 15, 30)]


class ReminderFrequency(models.TextChoices):
    OFF = "off", "Off"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


WEEKDAY_CHOICES = [
    (1, "Monday"),
    (2, "Tuesday"),
    (3, "Wednesday"),
    (4, "Thursday"),
    (5, "Friday"),
    (6, "Saturday"),
    (7, "Sunday"),
]


def _logo_path(instance, filename: str) -> str:
    return f"logos/{instance.pk or 'new'}/{filename}"


# The languages of the UI and of invoice documents (the catalogues under locale/; English is the
# source). Codes as documents store them: ``en``, not Django's ``en-gb``.
LANGUAGE_CHOICES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
]
# Document/organisation language → the UI's language code (settings.LANGUAGES).
DJANGO_LANGUAGES = {"en": "en-gb", "de": "de", "nl": "nl", "fr": "fr"}


class Organisation(models.Model):
    """The tenant: a company with its members, currency, tax and billing settings, time zone."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    legal_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    country = models.CharField(max_length=2, default="NL")
    vat_id = models.CharField("VAT / tax id", max_length=40, blank=True)
    registration_id = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    iban = models.CharField("IBAN", max_length=40, blank=True)
    bic = models.CharField("BIC", max_length=15, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="EUR")
    time_zone = models.CharField(
        max_length=64, choices=TIMEZONE_CHOICES, default=settings.TIME_ZONE
    )
    rounding_increment = models.PositiveSmallIntegerField(choices=ROUNDING_INCREMENTS, default=1)
    rounding_mode = models.CharField(
        max_length=10, choices=RoundingMode.choices, default=RoundingMode.NONE
    )
    lock_date = models.DateField(
        null=True, blank=True, help_text="Entries on or before this date cannot change."
    )
    reminder_frequency = models.CharField(
        max_length=10, choices=ReminderFrequency.choices, default=ReminderFrequency.OFF
    )
    approved_unbilled_days = models.PositiveSmallIntegerField(default=30)
    logo = models.ImageField(upload_to=_logo_path, blank=True)
    week_start = models.PositiveSmallIntegerField(choices=WEEKDAY_CHOICES, default=1)
    # ISO weekday numbers (1 = Monday) of a normal working week; a member's own pattern wins.
    working_days = models.CharField(max_length=7, default="12345")
    working_hours_per_day = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("8.00"),
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(24))],
    )
    default_payment_terms_days = models.PositiveSmallIntegerField(
        default=30, validators=[MaxValueValidator(365)], help_text="Net days for new clients."
    )
    language = models.CharField(
        max_length=2,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text="The UI's language for members who have not chosen one, and the invoice "
        "language of clients without one. Blank: each browser's language, invoices in English.",
    )
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Owners, admins and accountants must sign in with a second factor.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def mail_language(self) -> str:
        """The Django language of what is written for the whole organisation without a browser
        to ask (e-mails to members and invitees): its language, English when it has none."""
        return DJANGO_LANGUAGES.get(self.language or "en", "en-gb")

    @property
    def working_weekdays(self) -> set[int]:
        return {int(c) for c in self.working_days if c.isdigit()}


class JobRole(models.Model):
    """A job role ("Senior developer"), used for role-level rates."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="jobrole_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A user's membership of an organisation, with a role and a working pattern."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    job_role = models.ForeignKey(
        JobRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=40, blank=True, help_text="Short code, e.g. for imports.")
    is_active = models.BooleanField(default=True)
    weekly_capacity_hours = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("40.00"), validators=[MinValueValidator(0)]
    )
    # ISO weekday numbers (1 = Monday) the member normally works.
    working_days = models.CharField(max_length=7, default="12345")
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="For client viewers: the client whose documents they may see.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="member_unique_user"),
        ]
        ordering = ["user__first_name", "user__last_name", "user__email"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def timezone(self) -> str:
        return self.user.timezone

    def can(self, capability: str) -> bool:
        return self.is_active and can(self.role, capability)

    @property
    def working_weekdays(self) -> set[int]:
        return {int(c) for c in self.working_days if c.isdigit()}


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token of one member; only its hash is stored."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, member: Member, name: str) -> tuple[ApiToken, str]:
        """Create a token; returns it with the clear key, which is shown once and never stored."""
        key = "tl_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            member=member, name=name, prefix=key[:8], key_hash=_hash_key(key)
        )
        return token, key

    @classmethod
    def find(cls, key: str) -> ApiToken | None:
        return (
            cls.objects.select_related("member__user", "member__organisation")
            .filter(key_hash=_hash_key(key), revoked_at__isnull=True)
            .first()
        )


INVITATION_DAYS = 7


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    EXPIRED = "expired", "Expired"
    ACCEPTED = "accepted", "Accepted"
    REVOKED = "revoked", "Revoked"


class Invitation(models.Model):
    """An e-mailed offer to join an organisation with a role.

    The link carries a secret of which only the hash is stored. It works once (``accepted_at`` is
    set by a conditional UPDATE that only one acceptance can win) and until ``expires_at``, seven
    days after it was last sent; resending makes a new secret, so an older link stops working.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("e-mail")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="For client viewers: the client whose documents they may see.",
    )
    invited_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The membership the acceptance made.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            # One open invitation per address and organisation: a second one is a resend.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    def status_at(self, now: dt.datetime) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @staticmethod
    def hash(token: str) -> str:
        return _hash_key(token)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
