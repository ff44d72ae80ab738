from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "timeledger.accounts"
    label = "accounts"

    def ready(self):
        from timeledger.accounts import signals  # noqa: F401  (connects the receivers)
