from django.urls import path

from caitien.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.register, name="register"),
    path("moi/", views.item_new, name="new"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/sua/", views.item_edit, name="edit"),
    path("<int:pk>/xoa/", views.item_delete, name="delete"),
    path("<int:pk>/tep/", views.file_add, name="file_add"),
    path("tep/<int:pk>/", views.file_download, name="file"),
    path("tep/<int:pk>/anh-nho/", views.file_thumbnail, name="thumbnail"),
    path("tep/<int:pk>/xoa/", views.file_delete, name="file_delete"),
    path("sao-chep-nam-truoc/", views.copy_year, name="copy_year"),
    path("nhap/", views.import_xlsx, name="import"),
    path("tai-ve/<str:fmt>/", views.download, name="download"),
]
