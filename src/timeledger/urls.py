from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/openapi.json", SpectacularAPIView.as_view(), name="openapi"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="openapi"), name="api-docs"),
    path("api/", include("timeledger.api_urls")),
    path("", include("timeledger.accounts.urls")),
    path("", include("timeledger.timesheets.urls")),
    path("", include("timeledger.projects.urls")),
]
