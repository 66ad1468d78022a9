from django.urls import path

from caitien.api.api import api

urlpatterns = [
    path("", api.urls),
]
