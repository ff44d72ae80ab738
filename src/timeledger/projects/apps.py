from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "timeledger.projects"
    label = "projects"
