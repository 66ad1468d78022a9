from django.urls import path

from caitien.offices import views

app_name = "offices"
urlpatterns = [
    path("lich/", views.calendar, name="calendar"),
]
