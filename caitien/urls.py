from django.contrib import admin
from django.urls import include, path

from caitien.plans import views as plan_views

admin.site.site_header = "Quản trị Cải Tiến"
admin.site.site_title = "Cải Tiến"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("quan-tri/", admin.site.urls),
    path("", include("caitien.schools.urls")),
    path("danh-muc/", include("caitien.catalog.urls")),
    path("nhap/", include("caitien.imports.urls")),
    path("", include("caitien.plans.urls")),
]

handler403 = "caitien.schools.views.refused"
handler404 = "caitien.schools.views.not_found"
