from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def start(request: HttpRequest) -> HttpResponse:
    """Where members of the public will make Privacy Act requests (a later issue)."""
    return render(request, "access_requests/start.html")
