"""A WSGI app that does nothing but read the request and answer ``201 {}``: ``make bench-api``'s
harness floor (the same gunicorn, locust and request mix, none of the application's work).

Django is set up as in ``timeledger.wsgi``, so the server's start-up (``gunicorn.conf.py``'s
``when_ready``) and the workers' memory are the real ones."""

import django

django.setup()

_HEADERS = [("Content-Type", "application/json"), ("Content-Length", "2")]


def application(environ, start_response):
    environ["wsgi.input"].read()
    start_response("201 Created", _HEADERS)
    return [b"{}"]
