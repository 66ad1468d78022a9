from django.contrib import admin
from django.urls import include, path

from caitien.dashboards import views as dashboard_views

admin.site.site_header = "Quản trị Cải Tiến"
admin.site.site_title = "Cải Tiến"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("quan-tri/", admin.site.urls),
    path("", include("caitien.schools.urls")),
    path("", include("caitien.accounts.urls")),
    path("danh-muc/", include("caitien.catalog.urls")),
    path("nhap/", include("caitien.imports.urls")),
    path("", include("caitien.plans.urls")),
    path("tu-danh-gia/", include("caitien.assessments.urls")),
    path("tong-quan/", include("caitien.dashboards.urls")),
    path("de-xuat/", include("caitien.escalations.urls")),
    path("", include("caitien.offices.urls")),
    path("api/", include("caitien.api.urls")),
    path("thong-bao/", include("caitien.notifications.urls")),
    path("", include("caitien.monitoring.urls")),
    path("", include("caitien.execution.urls")),
    path("", include("caitien.tokens.urls")),
    path("minh-chung/", include("caitien.evidence.urls")),
    path("", include("caitien.people.urls")),
]

handler403 = "caitien.schools.views.refused"
handler404 = "caitien.schools.views.not_found"
