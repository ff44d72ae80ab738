"""Pure rules of webhook delivery: the Standard Webhooks signature, the retry schedule, when an
endpoint is disabled.

Signature (https://www.standardwebhooks.com, the spec's "Signature scheme"): the secret is
``whsec_`` + base64 of random bytes; the signed content is ``{msg_id}.{timestamp}.{body}`` with
the timestamp in integer seconds; ``webhook-signature`` is ``v1,`` + base64(HMAC-SHA256), one per
valid secret, space separated (secret rotation: receivers accept any of them).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"

# Delay before attempt n+1 after attempt n failed (attempt 1 is at once): the schedule Svix
# documents for Standard Webhooks — 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; 8 attempts in all.
RETRY_DELAYS = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# An endpoint that failed this many attempts in a row (no success in between: a whole back-off
# schedule's worth, about 27.5 hours) is disabled and the admins are told.
DISABLE_AFTER_FAILURES = MAX_ATTEMPTS
TIMEOUT_SECONDS = 10
# With Celery, a failed delivery's task waits for its next attempt itself (a retry with that
# countdown) when it is due within this; later attempts (2 h and more) are left to the periodic
# ``webhooks.run_due``: Redis hands an unacknowledged task to another worker after its visibility
# timeout (1 h by default), so a task must not sit on a longer countdown.
QUEUE_RETRY_WITHIN = dt.timedelta(minutes=30)
PREVIOUS_SECRET_GRACE = dt.timedelta(hours=24)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    return base64.b64decode(secret[len(SECRET_PREFIX) :])


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "msg_id.timestamp.body">`` with the decoded secret as key."""
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secrets_: list[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with every secret in force."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body) for s in secrets_),
        "content-type": "application/json",
    }


def is_success(status_code: int | None) -> bool:
    """Any 2xx is delivered; everything else (3xx too: redirects are not followed) is retried."""
    return status_code is not None and 200 <= status_code < 300


def next_attempt(attempts: int, at: dt.datetime) -> dt.datetime | None:
    """When to try again after ``attempts`` failed attempts, the last at ``at``; None: give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return at + RETRY_DELAYS[attempts - 1]


def should_disable(consecutive_failures: int) -> bool:
    return consecutive_failures >= DISABLE_AFTER_FAILURES
