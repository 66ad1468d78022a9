from django.urls import path

from caitien.assessments import views, year_views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("tao/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tieu-chi/<int:ca_pk>/", views.criterion, name="criterion"),
    path("<int:pk>/tieu-chi/<int:ca_pk>/chi-bao/", views.indicators, name="indicators"),
    path("<int:pk>/tieu-chi/<int:ca_pk>/chi-bao/<int:indicator_pk>/", views.indicator, name="indicator"),
    path("<int:pk>/tieu-chi/<int:ca_pk>/phan-cong/", views.assign, name="assign"),
    path("<int:pk>/tieu-chuan/<int:st_pk>/", views.standard, name="standard"),
    path("<int:pk>/nam-sau/", year_views.carry, name="carry"),
    path("truong/<int:school_pk>/lich-su/", year_views.levels_history, name="history"),
]
