from django.urls import path

from access_requests import views

app_name = "access_requests"

# Mounted at the site's root (config/urls.py): the rights page and the request pages.
urlpatterns = [
    path("privacy/", views.rights, name="rights"),
    path("privacy/requests/new/", views.new_request, name="new"),
    path("privacy/requests/sent/", views.sent, name="sent"),
    path("privacy/requests/verify/<str:token>/", views.verify_request, name="verify"),
    path("privacy/requests/status/<str:token>/", views.request_status, name="status"),
    path(
        "privacy/requests/status/<str:token>/disagreement/",
        views.file_statement,
        name="disagreement",
    ),
    path("privacy/requests/new-link/<str:token>/", views.relink_request, name="relink"),
    path(
        "privacy/requests/status/<str:token>/records/<int:document_id>/",
        views.download_records,
        name="records",
    ),
    path("requests/", views.start, name="start"),
]
