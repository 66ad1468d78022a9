from django.urls import path

from caitien.tokens import views

app_name = "tokens"

urlpatterns = [
    path("tai-khoan/ma-truy-cap/", views.tokens_page, name="list"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
