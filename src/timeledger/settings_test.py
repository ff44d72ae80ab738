"""Settings for the test suite: the real settings with test-only conveniences."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from timeledger.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
# Tests make many requests per user within a minute; the throttle tests set their own rates.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "bad_token": None},
}
# The live-server browser tests speak plain HTTP.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
