from django.contrib.auth import views as auth_views
from django.urls import path

from caitien.schools import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
