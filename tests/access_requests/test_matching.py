"""Issue 12, item 3: one search across the four systems with the identifiers the
requester gave, through each system's finder, with exactly the identifiers its notice
lists; candidates with why they matched (identifier names, never values).

What the finders do (sorn.retrieval; customers/orders/mailers/marketing services): each
ANDs every identifier it is given. USPS 810.300: name, customer ID, phone, address and
e-mail select people of the system, an order number its orders. USPS 820.100: name,
customer ID, logon ID. USPS 890.000: name, customer ID, address, e-mail, phone (and firm,
meeting and organizer identifiers). Treasury/Mint .009: name, address, phone, e-mail,
customer number, order number and more. A name alone finds every namesake in each of
them: the search therefore takes a person matched by a name alone as a candidate only
when the name is all the requester gave to that system.
"""

import pytest

from access_requests.matching import Candidate, search, search_system

from .matching_world import (
    MINT,
    USPS_810,
    USPS_820,
    USPS_890,
    build_world,
    open_request,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADA = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "logon_id": "lovelace1",
    "order_number": "PF0000018101",
}


def test_a_person_with_records_in_all_four_systems_is_found_in_each_with_why():
    world = build_world()
    ada = world.ada.pk

    assert search(open_request(ADA)) == [
        # The order number is a USPS 810.300 order's: in the Mint the name and the e-mail
        # address find her, the order number does not (not a complete match).
        Candidate(MINT, ada, ("name", "email"), False, {"orders.MintOrder": 1}),
        # USPS 810.300: all three together find the order's records.
        Candidate(USPS_810, ada, ("name", "email", "order_number"), True,
                  {"orders.OfflineOrder": 1}),
        # USPS 820.100 retrieves by name, customer ID and logon ID: the e-mail address
        # and the order number are not used for it.
        Candidate(USPS_820, ada, ("name", "logon_id"), True,
                  {"mailers.MailerAccount": 1, "mailers.MailerLogon": 1}),
        Candidate(USPS_890, ada, ("name", "email"), True,
                  {"marketing.CampaignResponse": 1, "marketing.PublicationRequest": 1}),
    ]  # fmt: skip


def test_why_in_words_names_the_identifiers_never_their_values():
    world = build_world()
    (usps,) = [c for c in search(open_request(ADA, systems=[USPS_810]))]
    assert usps.person_id == world.ada.pk
    assert usps.why_words == "name, e-mail address and order number"
    assert usps.record_count == 1


def test_a_namesake_with_another_e_mail_is_not_matched_by_the_name_alone():
    world = build_world()
    found = search(open_request({"name": "Ada Lovelace", "email": "ada@example.org"}))
    ada, namesake = world.ada.pk, world.namesake.pk
    assert [(c.system, c.person_id, c.why) for c in found] == [
        (MINT, ada, ("name", "email")),
        (USPS_810, ada, ("name", "email")),
        # USPS 820.100 is not retrieved by e-mail: there the name is all it is given,
        # and it finds both (staff reject the namesake).
        (USPS_820, ada, ("name",)),
        (USPS_820, namesake, ("name",)),
        (USPS_890, ada, ("name", "email")),
    ]


def test_a_name_given_alone_finds_every_namesake():
    world = build_world()
    found = search(open_request({"name": "Ada Lovelace"}, systems=[USPS_820]))
    assert [(c.person_id, c.why, c.complete) for c in found] == [
        (world.ada.pk, ("name",), True),
        (world.namesake.pk, ("name",), True),
    ]


def test_an_identifier_the_notice_does_not_list_is_not_used_for_that_system():
    world = build_world()
    # USPS 820.100 is not retrieved by e-mail: with the name, the e-mail is dropped for
    # it, so both namesakes are complete matches there (and the finder, which refuses an
    # identifier its notice does not list, is never given it).
    found = search_system(USPS_820, {"name": "Ada Lovelace", "email": "ada@example.org"})
    assert [(c.person_id, c.why) for c in found] == [
        (world.ada.pk, ("name",)),
        (world.namesake.pk, ("name",)),
    ]
    # Given only the e-mail, nothing its notice retrieves by: nothing searched.
    assert search_system(USPS_820, {"email": "ada@example.org"}) == []
    # The Mint's notice lists no logon ID, USPS 890.000 no order number.
    assert search_system(MINT, {"logon_id": "lovelace1"}) == []
    assert search_system(USPS_890, {"order_number": "PF0000018101"}) == []


def test_a_person_found_by_some_identifiers_that_single_them_out_is_a_candidate():
    world = build_world()
    # Her name as given does not match (a former name): the e-mail address and the order
    # number still find her, and say so; she is not a complete match.
    found = search_system(
        USPS_810,
        {"name": "Ada Byron", "email": "ada@example.org", "order_number": "PF0000018101"},
    )
    assert found == [
        Candidate(USPS_810, world.ada.pk, ("email", "order_number"), False,
                  {"orders.OfflineOrder": 1}),
    ]  # fmt: skip
    assert found[0].why_words == "e-mail address and order number"


def test_nobody_is_found_by_identifiers_nobody_has():
    build_world()
    assert search(open_request({"name": "Nobody Known", "email": "no@example.org"})) == []


def test_the_search_is_deterministic():
    build_world()
    request = open_request({"name": "Ada Lovelace"})
    assert search(request) == search(request)
    assert [c.system for c in search(request)] == [MINT, MINT, USPS_810, USPS_810, USPS_820,
                                                     USPS_820, USPS_890, USPS_890]  # fmt: skip


def test_a_person_with_a_relationship_and_no_records_is_found():
    """Someone USPS 820.100 knows (a stored relationship) but who has no record in it yet:
    a notification request must not be told they are not in the system."""
    from access_requests.matching import search_system
    from tests.orders.conftest import make_customer

    known = make_customer("C00000901", "Grace", "Hopper", systems=["usps-820-100"],
                          email="grace@example.org")  # fmt: skip
    make_customer("C00000902", "Grace", "Hopper", systems=["usps-810-300"])  # not in 820.100
    (candidate,) = search_system(
        "usps-820-100", {"name": "Grace Hopper", "customer_id": "c00000901"}
    )
    assert (candidate.person_id, candidate.why, candidate.complete, candidate.records) == (
        known.pk, ("name", "customer_id"), True, {}
    )  # fmt: skip


# A household (household.py): Wren, with records in all four systems, and Robin, who shares
# Wren's family name, home address and home phone, with records in three (not USPS
# 820.100). Expected values are literal: what each person's own records are.

WREN_810 = {"orders.OfflineOrder": 2, "orders.OrderStatusInquiry": 1}
ROBIN_810 = {"orders.OfflineOrder": 1, "orders.OrderStatusInquiry": 1}
ADDRESS = "12 Birch Lane, Springfield, IL, 62701"
PHONE = "(217) 555-0142"


def test_two_shared_identifiers_together_single_out_a_housemate_as_a_partial_match():
    from .household import build_household

    home = build_household()
    found = search_system(USPS_810, {"name": "Wren Halloway", "phone": PHONE, "address": ADDRESS})
    assert found == [
        Candidate(USPS_810, home.wren.pk, ("name", "phone", "address"), True, WREN_810),
        # Found by the phone alone and by the address alone, not by the name: two
        # identifiers single a person out, though each is shared; staff decide.
        Candidate(USPS_810, home.robin.pk, ("phone", "address"), False, ROBIN_810),
    ]


def test_one_shared_identifier_does_not_make_a_housemate_a_candidate():
    from .household import build_household

    home = build_household()
    found = search_system(USPS_810, {"name": "Wren Halloway", "address": ADDRESS})
    assert found == [Candidate(USPS_810, home.wren.pk, ("name", "address"), True, WREN_810)]
    # Given alone, the address is the whole search: everyone at it.
    assert search_system(USPS_810, {"address": ADDRESS}) == [
        Candidate(USPS_810, home.wren.pk, ("address",), True, WREN_810),
        Candidate(USPS_810, home.robin.pk, ("address",), True, ROBIN_810),
    ]


def test_the_mints_customer_number_is_any_systems_customer_id_and_not_its_customer_id():
    from .household import build_household

    home = build_household()
    # make_customer gives each relationship a system customer ID ("MINT-C20260001").
    assert search_system(MINT, {"customer_number": "mint-c20260001"}) == [
        Candidate(MINT, home.wren.pk, ("customer_number",), True,
                  {"orders.GiftRecipient": 1, "orders.MintOrder": 1}),
    ]  # fmt: skip
    # The Mint's notice calls it a customer number: a "customer_id" is not used there.
    assert search_system(MINT, {"customer_id": "C20260001"}) == []


def test_a_person_a_system_does_not_hold_is_not_found_in_it_by_their_name():
    from .household import build_household

    home = build_household()
    assert search_system(USPS_820, {"name": "Robin Halloway"}) == []
    assert [c.person_id for c in search_system(USPS_890, {"name": "Robin Halloway"})] == [
        home.robin.pk
    ]


def test_a_search_compiles_each_finder_query_once_per_shape(django_assert_max_num_queries):
    """The second requester giving the same kinds of identifier reuses every query the
    first compiled (access_requests.matching._parts), and a search of the four systems
    runs its finders in two queries besides the lookups of what the identifiers name."""
    from access_requests import matching

    world = build_world()
    search(open_request(ADA))
    shapes = len(matching._compiled)
    other = {"name": "Ada Lovelace", "email": "other.ada@example.net",
             "logon_id": "lovelace2", "order_number": "PF0000028101"}  # fmt: skip
    with django_assert_max_num_queries(20):
        found = search(open_request(other))
    assert len(matching._compiled) == shapes
    assert [(c.system, c.person_id, c.complete) for c in found if c.complete] == [
        (USPS_810, world.namesake.pk, True),
        (USPS_820, world.namesake.pk, True),
        (USPS_890, world.namesake.pk, True),
    ]
