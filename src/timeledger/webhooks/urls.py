from django.urls import path

from timeledger.webhooks import views as v

urlpatterns = [
    path("settings/webhooks/", v.endpoint_list, name="webhook_list"),
    path("settings/webhooks/<int:pk>/", v.endpoint_detail, name="webhook_detail"),
    path(
        "settings/webhooks/<int:pk>/<str:verb>/", v.endpoint_action, name="webhook_endpoint_action"
    ),
    path("settings/webhooks/deliveries/<int:pk>/replay/", v.delivery_replay, name="webhook_replay"),
]
