from django.urls import path

from access_requests import views

app_name = "access_requests"

urlpatterns = [
    path("", views.start, name="start"),
]
