from django.urls import path

from caitien.monitoring import report_views, views, year_end_views

app_name = "monitoring"

urlpatterns = [
    path("ke-hoach/<int:pk>/giam-sat/", views.plan_reviews, name="plan"),
    path("ke-hoach/<int:pk>/giam-sat/lich/", views.schedule, name="schedule"),
    path("giam-sat/<int:point_pk>/", views.review, name="review"),
    path("giam-sat/<int:point_pk>/danh-gia-chung/", views.review_texts, name="review_texts"),
    path("giam-sat/<int:point_pk>/kien-nghi/", views.recommendation_add, name="recommendation_add"),
    path("kien-nghi/<int:pk>/xoa/", views.recommendation_delete, name="recommendation_delete"),
    path("kien-nghi/<int:pk>/giao-viec/", year_end_views.recommendation_task, name="recommendation_task"),
    path(
        "kien-nghi/<int:pk>/de-xuat/", year_end_views.recommendation_escalate, name="recommendation_escalate"
    ),
    path("ke-hoach/<int:pk>/ket-thuc-nam-hoc/", year_end_views.close_rows, name="year_end"),
    path("ke-hoach/<int:pk>/ke-hoach-nam-sau/", year_end_views.next_plan, name="next_plan"),
    path("giam-sat/<int:point_pk>/bao-cao/", report_views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", report_views.report_detail, name="report"),
    path("bao-cao/<int:pk>/sua/", report_views.report_update, name="report_update"),
    path("bao-cao/<int:pk>/gui/", report_views.report_send, name="report_send"),
    path("bao-cao/<int:pk>/tiep-nhan/", report_views.report_receive, name="report_receive"),
    path("bao-cao/<int:pk>/gop-y/", report_views.report_comment, name="report_comment"),
    path("bao-cao/<int:pk>/tai-ve/<str:fmt>/", report_views.report_download, name="report_download"),
]
