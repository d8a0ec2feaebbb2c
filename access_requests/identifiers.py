"""Which of a notice's retrieval identifiers a requester can give, in plain words.

Each notice's "Retrievability" lists the identifiers its records are found by
(`RetrievalPath.identifiers`, normalised names). A Privacy Act request to a system must
give those a requester can know (USPS: identity sufficient to satisfy the custodian,
39 CFR 266.6; Treasury: the identification the component asks for, 31 CFR 1.26), so the
rights page and, later, the request form ask for exactly these.

`IDENTIFIER_WORDS` names every identifier any notice retrieves by: plain words where a
requester can give it, None where the requester cannot know it; `check_identifiers` fails
start-up when a notice retrieves by a name missing here, so a new identifier is decided,
not silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

IDENTIFIER_WORDS: Mapping[str, str | None] = {
    # Who the requester is and how to reach them: every requester knows these.
    "name": "name",
    "address": "mailing address",
    "email": "e-mail address",
    "phone": "phone number",
    # Numbers the agency gave the requester (account, order, logon), which they have
    # on their own papers and e-mails.
    "customer_id": "customer ID",
    "customer_number": "customer number",
    "order_number": "order number",
    "order_date": "order date",
    "shipment_tracking_number": "shipment tracking number",
    "logon_id": "logon ID",
    # USPS 890.000: web meetings are found by their meeting ID or their host; a
    # participant has the meeting's invitation, a host their own name and address.
    "meeting_id": "meeting ID",
    "host_name": "name of the meeting's host",
    "host_email": "e-mail address of the meeting's host",
    "organizer_name": "name of the organizer (for collaboration and messaging records)",
    # USPS 890.000, direct marketing: records about a business, found by its name.
    "company_name": "company name (for business records)",
    # USPS 890.000, direct marketing: industry codes name an industry, not a person;
    # retrieving by one returns every business in it, so it cannot identify the
    # requester's records (the company name does).
    "sic": None,
    "naics": None,
    # Treasury/Mint .009: the Mint's own assessments and observations of a customer
    # (whether the account is flagged, the market segments it put them in, the catalogue
    # browsing it recorded, the product preferences it derived). They are records about
    # the requester, not identifiers the requester holds: a person cannot know how the
    # Mint flagged or segmented them, and a preference matches many people.
    "flagged": None,
    "market_segment": None,
    "browsing_behavior": None,
    "product_preferences": None,
    # Treasury/Mint .009: numbers the Mint assigns internally and never gives the
    # customer — the internal number of a request, and the user IDs of its employees and
    # contractors in its access logs. (An employee asking about their own access records
    # knows their user ID; the public rights page is for members of the public, and the
    # notice's notification procedure asks them for name, address, phone, customer number
    # and order number.)
    "internal_request_id": None,
    "staff_user_id": None,
}


def requester_identifier_names(retrievability: Iterable[Mapping[str, Any]]) -> list[str]:
    """The identifiers (normalised names) a request must give, in the notice's order.

    `retrievability` is a notice document's list of retrieval paths (each with its
    `identifiers`); an identifier several paths share is named once.
    """
    names: list[str] = []
    for path in retrievability:
        for identifier in path["identifiers"]:
            if IDENTIFIER_WORDS[identifier] is not None and identifier not in names:
                names.append(identifier)
    return names


def requester_identifiers(retrievability: Iterable[Mapping[str, Any]]) -> list[str]:
    """The plain words of the identifiers a request must give, in the notice's order."""
    words: list[str] = []
    for name in requester_identifier_names(retrievability):
        if IDENTIFIER_WORDS[name] not in words:
            words.append(IDENTIFIER_WORDS[name])
    return words


def unmapped_identifiers(retrievability: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted(
        {i for path in retrievability for i in path["identifiers"] if i not in IDENTIFIER_WORDS}
    )
