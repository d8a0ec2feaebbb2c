from django.urls import path

from sorn import views

app_name = "sorn"

urlpatterns = [
    path("", views.home, name="home"),
    path("systems/", views.system_list, name="system-list"),
    path("systems/<slug:slug>/", views.system_detail, name="system-detail"),
    path(
        "systems/<slug:slug>/revisions/<int:revision>/",
        views.system_detail,
        name="system-revision",
    ),
]
