from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "timeledger.accounts"
    label = "accounts"
