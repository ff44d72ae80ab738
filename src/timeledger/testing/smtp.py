"""A real SMTP server on loopback (aiosmtpd) for tests that follow an e-mail end to end.

``with smtp_server(settings) as inbox:`` points Django's SMTP backend at it; ``inbox.messages``
holds what arrived, ``inbox.wait_for(n)`` waits for ``n`` messages (delivery is asynchronous).
"""

from __future__ import annotations

import email
import re
import socket
import time
from contextlib import contextmanager
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message


class Inbox(Message):
    def __init__(self):
        super().__init__(message_class=email.message.EmailMessage)
        self.messages: list = []

    def handle_message(self, message):
        self.messages.append(email.message_from_bytes(message.as_bytes(), policy=policy.default))

    def wait_for(self, count: int, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, f"{len(self.messages)} of {count} e-mails arrived"
        return self.messages

    @staticmethod
    def body(message) -> str:
        return message.get_body(("plain",)).get_content()

    def links(self, message) -> list[str]:
        return re.findall(r"https?://\S+", self.body(message))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(settings, port: int | None = None):
    """``port``: a fixed loopback port (a session's own range); else a free one."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or _free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()
