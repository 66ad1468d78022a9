from django.contrib.auth import views as auth_views
from django.urls import path

from caitien.schools import nav_views, views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tien-do/", nav_views.progress, name="plan_in_force_progress"),
    path("giam-sat/", nav_views.reviews, name="plan_in_force_reviews"),
]
