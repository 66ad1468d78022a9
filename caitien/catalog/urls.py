from django.urls import path

from caitien.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.regulation, name="regulation"),
    path("<slug:slug>/tieu-chi/<str:code>/", views.criterion, name="criterion"),
]
