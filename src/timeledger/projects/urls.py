from django.urls import path

from timeledger.projects import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/team/", views.project_team, name="project_team"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/archive/", views.project_archive, name="project_archive"),
    path("projects/<int:project_pk>/phases/new/", views.phase_new, name="phase_new"),
    path("phases/<int:pk>/edit/", views.phase_edit, name="phase_edit"),
    path("projects/<int:project_pk>/tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/archive/", views.task_archive, name="task_archive"),
    path("projects/<int:project_pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
]
