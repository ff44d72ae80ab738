from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation (``manage.py load_demo``): may import every app."""

    name = "timeledger.demo"
    label = "demo"
