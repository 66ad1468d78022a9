from django.urls import path

from caitien.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.office_overview, name="office"),
    path("co-quan/<int:office_pk>/", views.office_overview, name="office_detail"),
    path("truong/<int:school_pk>/", views.school_overview, name="school"),
]
