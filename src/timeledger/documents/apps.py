from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "timeledger.documents"
    label = "documents"
