from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access_requests.clocks import WORKING_DAYS_MEANING
from access_requests.rights import agencies_of, published_systems


def rights(request: HttpRequest) -> HttpResponse:
    """The public rights page: the four kinds of request, what each system holds and what a
    request to it must give, the time limits, the false-pretenses warning and appeals."""
    systems = published_systems()
    return render(
        request,
        "access_requests/rights.html",
        {
            "systems": systems,
            "agencies": agencies_of(systems),
            "working_days_meaning": WORKING_DAYS_MEANING,
        },
    )


def start(request: HttpRequest) -> HttpResponse:
    """Where members of the public will make Privacy Act requests (a later issue)."""
    return render(request, "access_requests/start.html")
