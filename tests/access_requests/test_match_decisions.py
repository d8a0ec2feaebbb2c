"""Issue 12, item 3: staff store the search's candidates, confirm or reject each; every
step is an event in the request's history naming identifiers, never a value. Bad input
("a confirmed match outside the requester's systems", a closed request, a second
decision) is refused with a clear message and nothing changed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from access_requests.constants import MatchState
from access_requests.models import RequestEvent, RequestMatch, RequestStatus
from access_requests.services import (
    confirm_match,
    correct_request,
    refresh_candidates,
    reject_match,
)

from .matching_world import MINT, USPS_810, USPS_820, build_world, open_request

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADA = {"name": "Ada Lovelace", "email": "ada@example.org", "order_number": "PF0000018101"}


@pytest.fixture
def officer():
    return get_user_model().objects.create_user("officer-matching", is_staff=True)


def state(request) -> list[tuple]:
    return list(
        request.matches.order_by("system", "person_id").values_list(
            "system", "person_id", "why", "state", "decided_by__username"
        )
    )


def events(request) -> list[tuple[str, str]]:
    return list(request.events.values_list("event", "what"))


def test_refresh_stores_candidates_and_says_what_was_searched(officer):
    world = build_world()
    request = open_request(ADA, systems=[USPS_810, USPS_820])

    refresh_candidates(request, actor=officer)

    ada, namesake = world.ada.pk, world.namesake.pk
    assert state(request) == [
        (USPS_810, ada, ["name", "email", "order_number"], "candidate", None),
        (USPS_820, ada, ["name"], "candidate", None),
        (USPS_820, namesake, ["name"], "candidate", None),
    ]
    assert events(request) == [
        ("searched", "Searched USPS 810.300 by name, e-mail address and order number: "
                     "1 candidate"),
        ("searched", "Searched USPS 820.100 by name: 2 candidates"),
    ]  # fmt: skip
    assert RequestMatch.objects.get(system=USPS_810).records == {"orders.OfflineOrder": 1}


def test_confirm_and_reject_are_events_and_refresh_keeps_decisions(officer):
    world = build_world()
    request = open_request(ADA, systems=[USPS_810, USPS_820])
    refresh_candidates(request, actor=officer)
    mine = RequestMatch.objects.get(system=USPS_820, person=world.ada)
    theirs = RequestMatch.objects.get(system=USPS_820, person=world.namesake)

    confirm_match(mine, actor=officer)
    reject_match(theirs, actor=officer)
    refresh_candidates(request, actor=officer)

    ada, namesake = world.ada.pk, world.namesake.pk
    assert state(request) == [
        (USPS_810, ada, ["name", "email", "order_number"], "candidate", None),
        (USPS_820, ada, ["name"], "confirmed", "officer-matching"),
        (USPS_820, namesake, ["name"], "rejected", "officer-matching"),
    ]
    assert events(request)[2:4] == [
        ("match_confirmed", f"Match confirmed: USPS 820.100, person #{ada}, by name"),
        ("match_rejected", f"Match rejected: USPS 820.100, person #{namesake}, by name"),
    ]
    assert mine.decided_at is not None


def test_a_candidate_no_longer_found_goes_and_a_decided_one_stays(officer):
    world = build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820, MINT])
    refresh_candidates(request, actor=officer)
    confirm_match(RequestMatch.objects.get(system=MINT, person=world.ada), actor=officer)
    # Staff correct the systems: the Mint and its decided match stay, USPS 820.100's
    # undecided candidates are no longer the search's.
    correct_request(request, changes={"systems": [MINT]}, actor=officer)
    request.refresh_from_db()

    refresh_candidates(request, actor=officer)

    assert state(request) == [
        (MINT, world.ada.pk, ["name"], "confirmed", "officer-matching"),
        (MINT, world.namesake.pk, ["name"], "candidate", None),
    ]


def refused(call, match, officer) -> str:
    """Call a decision expecting a refusal; nothing of the match or history changes."""
    before_match = RequestMatch.objects.filter(pk=match.pk).values().get()
    before_events = RequestEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        call(match, actor=officer)
    assert RequestMatch.objects.filter(pk=match.pk).values().get() == before_match
    assert RequestEvent.objects.count() == before_events
    return " ".join(error.value.messages)


def test_confirming_a_match_outside_the_requests_systems_is_refused(officer):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820, MINT])
    refresh_candidates(request, actor=officer)
    correct_request(request, changes={"systems": [MINT]}, actor=officer)
    match = RequestMatch.objects.filter(system=USPS_820).first()

    message = refused(confirm_match, match, officer)

    assert message == (
        f"USPS 820.100 is not one of the systems request {request.tracking_number} asks about."
    )


@pytest.mark.parametrize("status", [RequestStatus.CLOSED, RequestStatus.UNVERIFIED])
def test_a_request_that_is_not_open_refuses_decisions_and_searches(officer, status):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820])
    refresh_candidates(request, actor=officer)
    match = request.matches.first()
    request.status = status
    request.closed_at = timezone.now() if status == RequestStatus.CLOSED else None
    request.save()

    for call in (confirm_match, reject_match):
        assert refused(call, match, officer).startswith(
            f"Request {request.tracking_number} is not open"
        )
    with pytest.raises(ValidationError):
        refresh_candidates(request, actor=officer)
    assert request.matches.count() == 2  # both namesakes, as the search left them


def test_a_decided_match_is_not_decided_again(officer):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820])
    refresh_candidates(request, actor=officer)
    match = request.matches.first()
    confirm_match(match, actor=officer)

    for call in (confirm_match, reject_match):
        assert refused(call, match, officer) == (
            f"Match #{match.pk} is already decided (confirmed: the requester's records)."
        )
    assert RequestMatch.objects.get(pk=match.pk).state == MatchState.CONFIRMED
