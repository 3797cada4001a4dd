from django.contrib import admin
from django.urls import include, path

# JSON under /api/, the site's page elsewhere.
handler404 = "cooperation.auth_api.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("cooperation.api_urls")),
    path("files/", include("cooperation.file_urls")),
    path("healthz", include("cooperation.health")),
    path("", include("cooperation.site_urls")),
]
