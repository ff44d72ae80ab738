from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "timeledger.clients"
    label = "clients"
