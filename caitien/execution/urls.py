from django.urls import path

from caitien.execution import views

app_name = "execution"

urlpatterns = [
    path("viec-cua-toi/", views.mine, name="mine"),
    path("ke-hoach/<int:pk>/tien-do/", views.plan_progress_page, name="plan"),
    path("ke-hoach/<int:pk>/tien-do/dong/<uuid:key>/", views.row_page, name="row"),
    path("ke-hoach/<int:pk>/tien-do/dong/<uuid:key>/them-viec/", views.task_add, name="task_add"),
    path("ke-hoach/<int:pk>/tien-do/dong/<uuid:key>/tach-viec/", views.split, name="split"),
    path("ke-hoach/<int:pk>/tien-do/dong/<uuid:key>/cap-nhat/", views.row_update, name="row_update"),
    path("ke-hoach/<int:pk>/tien-do/dong/<uuid:key>/gop-y/", views.comment, name="comment"),
    path("viec/<int:pk>/", views.task_page, name="task"),
    path("viec/<int:pk>/cap-nhat/", views.task_update_post, name="task_update"),
    path("viec/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("viec/<int:pk>/xoa/", views.task_delete, name="task_delete"),
]
