from django.urls import path

from caitien.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<uuid:pk>/", views.pending, name="pending"),
    path("<uuid:pk>/trang-thai/", views.status, name="status"),
    path("<uuid:pk>/luu/", views.save, name="save"),
    path("<uuid:pk>/huy/", views.cancel, name="cancel"),
]
