from django.urls import path

from caitien.offices import solution_views, views

app_name = "offices"
urlpatterns = [
    path("co-quan/lich/", views.calendar, name="calendar"),
    path("giai-phap/", solution_views.browse, name="solutions"),
    path("giai-phap/dong/<int:item_pk>/", solution_views.for_row, name="solutions_row"),
    path("giai-phap/dong/<int:item_pk>/dung/", solution_views.use, name="solution_use"),
    path("giai-phap/dong/<int:item_pk>/dong-lai/", solution_views.close, name="solutions_close"),
]
