from django.urls import path

from caitien.escalations import views

app_name = "escalations"
urlpatterns = [
    path("", views.school_list, name="school"),
    path("moi/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tra-loi/", views.answer, name="answer"),
    path("co-quan/", views.queue, name="queue"),
    path("co-quan/<int:office_pk>/", views.queue, name="queue_office"),
]
