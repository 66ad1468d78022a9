from django.urls import path

from caitien.plans import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/moi/", views.plan_new, name="new"),
    path(
        "ke-hoach/moi/tu-danh-gia/<int:assessment_pk>/",
        views.plan_new_from_assessment,
        name="create_from_assessment",
    ),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="detail"),
    path("ke-hoach/<int:pk>/soan/", views.plan_edit, name="edit"),
    path("ke-hoach/<int:pk>/noi-dung/", views.plan_sections, name="sections"),
    path("ke-hoach/<int:pk>/tieu-chi/", views.criteria_search, name="criteria"),
    path("ke-hoach/<int:pk>/dong/them/", views.item_add, name="item_add"),
    path("ke-hoach/<int:pk>/dong/<int:item_pk>/", views.item_update, name="item_update"),
    path("ke-hoach/<int:pk>/dong/<int:item_pk>/xoa/", views.item_delete, name="item_delete"),
    path("ke-hoach/<int:pk>/dong/<int:item_pk>/khoi-phuc/", views.item_restore, name="item_restore"),
    path("ke-hoach/<int:pk>/dong/<int:item_pk>/nhan-ban/", views.item_duplicate, name="item_duplicate"),
    path("ke-hoach/<int:pk>/dong/<int:item_pk>/chuyen/<str:direction>/", views.item_move, name="item_move"),
    path("ke-hoach/<int:pk>/gui-phe-duyet/", views.plan_submit, name="submit"),
    path("ke-hoach/<int:pk>/tra-lai/", views.plan_return, name="return"),
    path("ke-hoach/<int:pk>/phe-duyet/", views.plan_approve, name="approve"),
    path("ke-hoach/<int:pk>/cong-khai/", views.plan_publish, name="publish"),
    path("ke-hoach/<int:pk>/dieu-chinh/", views.plan_revise, name="revise"),
    path("ke-hoach/<int:pk>/so-sanh/", views.plan_compare, name="compare"),
    path("ke-hoach/<int:pk>/gop-y/", views.comment_add, name="comment"),
    path("ke-hoach/<int:pk>/gop-y/<int:comment_pk>/tra-loi/", views.comment_answer, name="comment_answer"),
    path("ke-hoach/<int:pk>/ban-ky/", views.plan_signed_scan, name="signed_scan"),
    path("ke-hoach/<int:pk>/tai-ve/<str:fmt>/", views.plan_download, name="download"),
    path("cong-khai/", views.public_index, name="public_index"),
    path("cong-khai/<int:pk>/", views.public_plan, name="public"),
    path("cong-khai/<int:pk>/ban-ky.pdf", views.signed_scan_file, name="signed_scan_file"),
    path("cong-khai/truong/<int:school_pk>/", views.public_list, name="public_list"),
]
