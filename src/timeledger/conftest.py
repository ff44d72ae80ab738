"""Fixtures shared by every app: one organisation with a member of each role, and an outsider."""

from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.testing.browser import chromium
from timeledger.testing.celery import celery_workers  # noqa: F401  (a shared fixture)

# Shared, noisy CI machines: a property's speed is not its correctness, so no per-example
# deadline; examples are derandomized so a failure in CI reproduces locally.
hypothesis_settings.register_profile("timeledger", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("timeledger")

TEST_OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(autouse=True)
def _media_per_test(settings, tmp_path):
    """Stored documents and the numbering record (``invoicing.numbering``) live in MEDIA_ROOT,
    outside the database: each test gets its own, as each gets a fresh database."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _language_per_test():
    """Each test starts in the default language: a request with Accept-Language (the test
    client runs it in this thread) leaves LocaleMiddleware's language active, and amounts are
    written in the active language's locale (``core.money.format_money``)."""
    yield
    translation.deactivate()


@pytest.fixture
def org(db):
    return f.organisation("Acme Consulting", slug="acme")


@pytest.fixture
def outsider_org(db):
    return f.organisation("Other Co", slug="other")


@pytest.fixture
def owner(org):
    return f.member(org, Role.OWNER)


@pytest.fixture
def manager(org):
    return f.member(org, Role.MANAGER)


@pytest.fixture
def alice(org):
    """A plain member."""
    return f.member(org, Role.MEMBER, email="alice@example.com")


@pytest.fixture
def accountant(org):
    return f.member(org, Role.ACCOUNTANT)


@pytest.fixture
def outsider(outsider_org):
    return f.member(outsider_org, Role.OWNER)


@pytest.fixture
def client_(org):
    return f.client(org, code="ACME", name="Acme Retail", currency="EUR")


@pytest.fixture
def project(org, client_):
    return f.project(org, client_, code="WEB", name="Web shop")


@pytest.fixture
def api():
    """``api(member)`` → an APIClient authenticated with a fresh token of that member."""

    def make(m=None):
        c = APIClient()
        if m is not None:
            c.credentials(HTTP_AUTHORIZATION=f"Token {f.token(m)}")
        return c

    return make


@pytest.fixture
def test_output():
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture
def browser():
    """Headless Debian Chromium (``timeledger.testing.browser``)."""
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def compiled():
    """The German, Dutch and French catalogues compiled, as the project's set-up does (`make
    messages`): once per test process, for the tests that read a page or a document in them."""
    from django.core.management import call_command

    call_command("compilemessages", locale=["de", "nl", "fr"], verbosity=0)
