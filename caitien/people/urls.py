from django.urls import path

from caitien.people.views import directory, importing, responsibles

app_name = "people"

urlpatterns = [
    path("nhan-su/", directory.directory_home, name="home"),
    path("nhan-su/<int:school_pk>/", directory.directory, name="directory"),
    path("nhan-su/<int:school_pk>/them/", directory.person_add, name="person_add"),
    path("nhan-su/<int:school_pk>/nguoi/<int:pk>/", directory.person_edit, name="person_edit"),
    path("nhan-su/<int:school_pk>/nguoi/<int:pk>/cong-tac/", directory.person_active, name="person_active"),
    path("nhan-su/<int:school_pk>/to/them/", directory.group_add, name="group_add"),
    path("nhan-su/<int:school_pk>/to/<int:pk>/", directory.group_edit, name="group_edit"),
    path("nhan-su/<int:school_pk>/to/<int:pk>/xoa/", directory.group_delete, name="group_delete"),
    path("nhan-su/<int:school_pk>/to/<int:pk>/thanh-vien/", directory.member_add, name="member_add"),
    path(
        "nhan-su/<int:school_pk>/to/<int:pk>/thanh-vien/<int:person_pk>/xoa/",
        directory.member_remove,
        name="member_remove",
    ),
    path("nhan-su/<int:school_pk>/nhap/", importing.staff_import, name="import"),
    path("nhan-su/<int:school_pk>/nhap/luu/", importing.staff_import_confirm, name="import_confirm"),
    path("nhan-su/<int:school_pk>/cach-ghi/", responsibles.mappings, name="mappings"),
    path(
        "nhan-su/<int:school_pk>/cach-ghi/<int:pk>/xoa/", responsibles.mapping_delete, name="mapping_delete"
    ),
    path("ke-hoach/<int:plan_pk>/nguoi-phu-trach/", responsibles.plan_responsibles, name="plan_responsibles"),
    path(
        "ke-hoach/<int:plan_pk>/nguoi-phu-trach/gan/", responsibles.plan_mapping_set, name="plan_mapping_set"
    ),
    path("ke-hoach/<int:plan_pk>/dong/<int:item_pk>/goi-y-phu-trach/", responsibles.picker, name="picker"),
]
