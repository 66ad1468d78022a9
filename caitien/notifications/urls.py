from django.urls import path

from caitien.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("da-doc/", views.mark_all_read, name="mark_all_read"),
    path("cai-dat/", views.preferences, name="settings"),
    path("ngung-nhan/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
