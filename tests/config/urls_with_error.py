"""The site's URLs and one view that fails, for the 500 path of the log test
(tests/config/test_logs.py) and of the API's error shape, under /api/ too
(tests/access/test_api_resources.py): the site has no view that fails on purpose."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the view failed")


urlpatterns = [path("test/fails/", fails), path("api/v1/test-fails/", fails), *site.urlpatterns]
handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
