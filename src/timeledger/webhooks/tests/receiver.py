"""A real HTTP receiver on loopback that verifies Standard Webhooks signatures with the
independent ``standardwebhooks`` library (not our signing code)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

PORTS = range(18500, 18540)


@dataclass
class Received:
    headers: dict
    body: bytes
    verified: dict[str, bool]  # secret -> did it verify

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST with the next code of ``codes`` (then 200), verifying it against
    every secret in ``secrets``."""

    secrets: list[str] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    ports: range = PORTS  # loopback ports to try, first free one wins

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["content-length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                verified = {}
                for secret in receiver.secrets:
                    try:
                        Webhook(secret).verify(body, headers)
                        verified[secret] = True
                    except WebhookVerificationError:
                        verified[secret] = False
                receiver.received.append(Received(headers, body, verified))
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.send_header("content-type", "text/plain")
                self.end_headers()
                self.wfile.write(f"answer {code}".encode())

            def log_message(self, *args):
                pass

        for port in self.ports:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError(f"no free port in {self.ports.start}-{self.ports.stop - 1}")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
