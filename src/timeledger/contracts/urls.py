from django.urls import path

from timeledger.contracts import views as v

urlpatterns = [
    path("projects/<int:pk>/terms/", v.terms_page, name="project_terms"),
    path("projects/<int:pk>/terms/save/", v.save_terms, name="project_terms_save"),
    path("projects/<int:pk>/terms/accept/", v.accept_overruns, name="project_cap_accept"),
    path("projects/<int:pk>/terms/alerts/", v.check_alerts, name="project_budget_check"),
    path("projects/<int:pk>/terms/schedule/", v.save_schedule, name="project_schedule_save"),
    path("projects/<int:pk>/terms/retainer/", v.save_retainer, name="project_retainer_save"),
    path(
        "projects/<int:pk>/terms/milestones/<int:milestone_pk>/",
        v.milestone_progress,
        name="project_milestone_progress",
    ),
    path("projects/<int:pk>/terms/change-orders/", v.request_change_order, name="project_co_new"),
    path(
        "projects/<int:pk>/terms/change-orders/<int:co_pk>/<str:decision>/",
        v.decide_change_order,
        name="project_co_decide",
    ),
]
