from django.urls import path

from access_requests import views

app_name = "access_requests"

# Mounted at the site's root (config/urls.py): the rights page and the request pages.
urlpatterns = [
    path("privacy/", views.rights, name="rights"),
    path("requests/", views.start, name="start"),
]
