"""Retention pages under the admin (mounted at admin/retention/ in config/urls.py, ahead
of the admin site, and wrapped in the admin's login and CSRF protection)."""

from django.contrib import admin
from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("dashboard/", admin.site.admin_view(views.dashboard), name="dashboard"),
    path(
        "dashboard/forecast/",
        admin.site.admin_view(views.ask_for_forecast),
        name="forecast",
    ),
]
