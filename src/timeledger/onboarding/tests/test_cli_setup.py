"""``timeledger init`` (an organisation and its owner from a script, sign-up setting or not) and
``timeledger invite``."""

import io

import pytest
from django.core import mail

from timeledger.accounts.models import Member
from timeledger.cli import main
from timeledger.invoicing.models import TaxCategory

pytestmark = pytest.mark.django_db


def test_init_creates_the_organisation_with_its_vat_preset(capsys, monkeypatch, settings):
    settings.PUBLIC_SIGNUP = False
    monkeypatch.setenv("TIMELEDGER_OWNER_PASSWORD", "Correct-horse-42")
    code = main(
        [
            "init",
            "--org",
            "Acme GmbH",
            "--owner",
            "anna@acme.example",
            "--country",
            "DE",
            "--name",
            "Anna Schmidt",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "slug acme-gmbh" in out and "VAT preset: Germany" in out
    assert "password" not in out
    owner = Member.objects.get(user__email="anna@acme.example")
    assert owner.role == "owner" and owner.user.check_password("Correct-horse-42")
    assert owner.user.get_full_name() == "Anna Schmidt"
    assert TaxCategory.objects.filter(organisation=owner.organisation, code="AE").exists()


def test_init_generates_a_password_once_when_none_is_given(capsys, monkeypatch):
    monkeypatch.delenv("TIMELEDGER_OWNER_PASSWORD", raising=False)
    assert main(["init", "--org", "Solo", "--owner", "solo@example.com", "--country", "NL"]) == 0
    out = capsys.readouterr().out
    password = out.split("owner password (shown once): ")[1].strip()
    assert Member.objects.get().user.check_password(password)


def test_init_reads_the_password_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Correct-horse-42\n"))
    args = ["init", "--org", "S", "--owner", "s@example.com", "--country", "GB", "--password-stdin"]
    assert main(args) == 0
    assert Member.objects.get().organisation.currency == "GBP"


def test_init_errors_are_one_line_and_exit_1(capsys, monkeypatch):
    monkeypatch.setenv("TIMELEDGER_OWNER_PASSWORD", "Correct-horse-42")
    assert main(["init", "--org", "A", "--owner", "bad", "--country", "ZZ"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "email:" in err and "country:" in err
    assert not Member.objects.exists()


def test_invite_mails_a_link_from_the_base_url(
    owner, capsys, settings, django_capture_on_commit_callbacks
):
    settings.TIMELEDGER_BASE_URL = "https://time.acme.example"
    with django_capture_on_commit_callbacks(execute=True):
        code = main(["--user", owner.user.email, "invite", "nina@example.com", "--role", "manager"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "invited nina@example.com to acme as manager" in out
    assert "https://time.acme.example/invite/" in mail.outbox[0].body


def test_invite_refuses_a_member_role_and_unknown_clients(org, alice, owner, capsys):
    assert main(["--user", alice.user.email, "invite", "x@example.com"]) == 1
    assert "not allowed" in capsys.readouterr().err
    args = ["--user", owner.user.email, "invite", "v@example.com", "--role", "client_viewer"]
    assert main([*args, "--client", "NOPE"]) == 1
    assert "no client with code 'NOPE'" in capsys.readouterr().err
