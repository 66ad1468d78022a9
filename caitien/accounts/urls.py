from django.urls import path

from caitien.accounts import views

urlpatterns = [
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
]
