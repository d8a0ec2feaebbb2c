"""Issue 12, item 7: letters from one template per kind, each agency's rules as data; each
checked for what its kind must contain (a denial without appeal rights cannot be sent),
e-mailed to the requester or kept to be posted, and kept with the request, sealed under
its data key."""

import dataclasses
import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from access_requests import clocks, letters, workflow
from access_requests.models import Letter, PrivacyActRequest, RequestEvent, RequestStatus
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS, MINT = "usps-810-300", "mint-009"
# Received Friday 20 November 2026; letters written Monday 30 November 2026.
FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
MONDAY = timezone.make_aware(datetime.datetime(2026, 11, 30, 10))
OFFICIAL = {"official_name": "Pat Official", "official_title": "Privacy Act Officer"}


@pytest.fixture(autouse=True)
def monday(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MONDAY)


def received(systems=(USPS,), kind="access", email="ada@example.com", **fields):
    fields.setdefault("status", RequestStatus.RECEIVED)
    request = PrivacyActRequest.objects.create(
        tracking_number="PA-0000000001",
        kind=kind,
        systems=list(systems),
        received_at=FRIDAY,
        requester_name="Ada Example",
        requester_email=email,
        requester_address="1 Example Street, Springfield, ST 00000",
        **fields,
    )
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    return request


# Each kind, each agency: what it must contain, in the letter's own words ---------------

USPS_DENIAL = """United States Postal Service
November 30, 2026

Dear Ada Example,

Privacy Act request PA-0000000001

We have decided to deny your Privacy Act request PA-0000000001, received November 20, 2026, about these systems of records:
- Offline Registration, Payment, and Fulfillment (USPS 810.300)

The reasons:
The records are exempt.

The official responsible for this decision is Pat Official, Privacy Act Officer.

YOUR RIGHT TO APPEAL
Appeal in writing to the General Counsel of the Postal Service (39 CFR 266).
Write to: The General Counsel of the Postal Service
Please quote the tracking number PA-0000000001 in your appeal.

YOUR RIGHT TO JUDICIAL REVIEW
The Privacy Act also gives you the right to seek judicial review of this decision in a United States district court (5 U.S.C. 552a(g)(1)).

Sincerely,

Pat Official
Privacy Act Officer
United States Postal Service
"""  # noqa: E501

MINT_DENIAL = """Department of the Treasury, United States Mint
November 30, 2026

Dear Ada Example,

Privacy Act request PA-0000000001

We have decided to deny your Privacy Act request PA-0000000001, received November 20, 2026, about these systems of records:
- Order Management System (Treasury/United States Mint .009)

The reasons:
The records are exempt.

The official responsible for this decision is Pat Official, Privacy Act Officer.

YOUR RIGHT TO APPEAL
Appeal in writing to the Mint within 35 days of the decision; the Mint's Disclosure Officer, whose address the notice publishes, can tell you where to send it (31 CFR 1.27(e)). You have 35 days from the decision to appeal (31 CFR 1.27(e)).
Write to: Disclosure Officer, United States Mint, 801 9th Street, NW, Washington DC 20220
Please quote the tracking number PA-0000000001 in your appeal.

YOUR RIGHT TO JUDICIAL REVIEW
The Privacy Act also gives you the right to seek judicial review of this decision in a United States district court (5 U.S.C. 552a(g)(1)).

Sincerely,

Pat Official
Privacy Act Officer
Department of the Treasury, United States Mint
"""  # noqa: E501


@pytest.mark.parametrize(("system", "expected"), [(USPS, USPS_DENIAL), (MINT, MINT_DENIAL)])
def test_a_denial_in_full_for_each_agency(system, expected):
    # 5 U.S.C. 552a(d)(2)(B)(ii), (g)(1); 31 CFR 1.27(e); 39 CFR 266.
    draft = letters.draft(
        received([system]), "denial", reasons="The records are exempt.", **OFFICIAL
    )
    assert draft.body == expected
    assert letters.check(draft) == []


# (system, kind, what staff type, lines the letter must hold)
CASES = [
    (USPS, "acknowledgment", {},
     ["We received your Privacy Act request on November 20, 2026. Its tracking number is "
      "PA-0000000001; please quote it whenever you write to us about it.",
      "- Offline Registration, Payment, and Fulfillment (USPS 810.300)",
      "Sincerely,\n\nUnited States Postal Service\n"]),
    (MINT, "acknowledgment", OFFICIAL,
     ["We received your Privacy Act request on November 20, 2026. Its tracking number is "
      "PA-0000000001;",
      # 31 CFR 1.26(g)(1): 30 working days, over Thanksgiving, Christmas and New Year's Day.
      "We must decide whether to grant access by January 6, 2027 (31 CFR 1.26(g)(1)).",
      "Pat Official\nPrivacy Act Officer\nDepartment of the Treasury, United States Mint\n"]),
    (USPS, "more_information", {"asked": "A copy of your order confirmation."},
     ["To go on with your Privacy Act request PA-0000000001, received November 20, 2026, we "
      "need the following from you:\n\nA copy of your order confirmation.\n"]),
    (MINT, "more_information", {"asked": "Your customer number."},
     ["we need the following from you:\n\nYour customer number.\n"]),
    (USPS, "delay_notice",
     {"delay_reason": "The records are held at a contractor site.",
      "expected_on": datetime.date(2027, 1, 20)},
     ["The reason:\nThe records are held at a contractor site.",
      "We expect to decide by January 20, 2027."]),
    (MINT, "delay_notice",
     {"delay_reason": "Records must be gathered from three offices.",
      "expected_on": datetime.date(2027, 2, 3)},
     # 31 CFR 1.26(g)(1): the reason and the date by which a decision is expected.
     ["within the time our rules allow (31 CFR part 1, subpart C (31 CFR 1.26 and 1.27)).",
      "The reason:\nRecords must be gathered from three offices.",
      "We expect to decide by February 3, 2027."]),
    (USPS, "determination", {"decision": "Your records are enclosed.", **OFFICIAL},
     ["for: Access to records (552a(d)(1)), about these systems of records:\n"
      "- Offline Registration, Payment, and Fulfillment (USPS 810.300)",
      "Our decision:\nYour records are enclosed."]),
    (MINT, "determination", {"decision": "The system holds no records about you."},
     ["- Order Management System (Treasury/United States Mint .009)",
      "Our decision:\nThe system holds no records about you."]),
    (USPS, "appeal_acknowledgment", {"appeal_received_on": datetime.date(2026, 12, 1)},
     ["We received your appeal in Privacy Act request PA-0000000001 on December 1, 2026."]),
    (MINT, "appeal_acknowledgment", {"appeal_received_on": datetime.date(2026, 12, 1)},
     # 31 CFR 1.27(e): the date received and the days allowed to decide it.
     ["We received your appeal in Privacy Act request PA-0000000001 on December 1, 2026.",
      "Our rules allow 30 working days from that date to decide it (31 CFR 1.27(e)): we "
      "will decide it by January 14, 2027. The time may be extended for good cause."]),
    (USPS, "appeal_decision", {"decision": "The appeal is granted.", **OFFICIAL},
     ["The decision:\nThe appeal is granted.",
      "The official responsible for this decision is Pat Official, Privacy Act Officer."]),
    (MINT, "appeal_decision",
     {"decision": "The denial is upheld.", "refused": True, "reasons": "Exempt.", **OFFICIAL},
     ["The decision:\nThe denial is upheld.", "The reasons:\nExempt.",
      "YOUR RIGHT TO JUDICIAL REVIEW\nThe Privacy Act also gives you the right to seek "
      "judicial review of this decision in a United States district court "
      "(5 U.S.C. 552a(g)(1))."]),
]  # fmt: skip


@pytest.mark.parametrize(("system", "kind", "fields", "lines"), CASES)
def test_each_kind_holds_what_it_must_for_each_agency(system, kind, fields, lines):
    draft = letters.draft(received([system]), kind, **fields)
    assert letters.check(draft) == []
    for line in lines:
        assert line in draft.body
    letterhead = {
        USPS: "United States Postal Service\n",
        MINT: "Department of the Treasury, United States Mint\n",
    }[system]
    assert draft.body.startswith(
        letterhead + "November 30, 2026\n\nDear Ada Example,\n\nPrivacy Act request PA-0000000001\n"
    )


def test_an_amendment_refused_on_appeal_states_the_statement_of_disagreement():
    # 5 U.S.C. 552a(d)(3).
    request = received([USPS], kind="amendment")
    fields = {"decision": "The refusal to amend is upheld.", "refused": True, **OFFICIAL}
    lacking = letters.draft(request, "appeal_decision", **fields)
    assert letters.check(lacking) == ["the reasons"]
    draft = letters.draft(request, "appeal_decision", reasons="The record is accurate.", **fields)
    assert letters.check(draft) == []
    assert (
        "YOUR RIGHT TO FILE A STATEMENT OF DISAGREEMENT\nYou may file with us a concise "
        "statement of the reasons you disagree with this decision (5 U.S.C. 552a(d)(3))."
    ) in draft.body


# What a letter lacks: refused, nothing sent, nothing kept ------------------------------


def nothing_sent_or_kept():
    assert mail.outbox == []
    assert not Letter.objects.exists()
    assert not RequestEvent.objects.filter(event="letter").exists()


def test_a_denial_without_reasons_or_official_is_refused_naming_them(officer):
    request = received([MINT])
    with pytest.raises(letters.LetterRefused) as refused:
        letters.send(request, "denial", officer, official_name="Pat Official")
    assert refused.value.messages == [
        "This denial cannot be sent: it lacks the reasons; the name and title of the "
        "official responsible."
    ]
    nothing_sent_or_kept()


def test_a_denial_without_appeal_rights_is_refused(officer, monkeypatch):
    # An agency whose rules say nothing of an appeal: the denial cannot go.
    silent = dataclasses.replace(clocks.USPS, appeal="")
    monkeypatch.setattr(clocks, "AGENCY_CLOCKS", (silent, clocks.TREASURY_MINT))
    request = received([USPS])
    with pytest.raises(letters.LetterRefused) as refused:
        letters.send(request, "denial", officer, reasons="Exempt.", **OFFICIAL)
    assert refused.value.messages == ["This denial cannot be sent: it lacks the right to appeal."]
    nothing_sent_or_kept()


def test_a_template_that_drops_the_appeal_paragraph_fails_the_check():
    draft = letters.draft(received([MINT]), "denial", reasons="Exempt.", **OFFICIAL)
    start = draft.body.index("YOUR RIGHT TO APPEAL")
    end = draft.body.index("YOUR RIGHT TO JUDICIAL REVIEW")
    draft.body = draft.body[:start] + draft.body[end:]
    assert letters.check(draft) == [
        "the right to appeal",
        "where to send an appeal",
        "how long the requester has to appeal",
    ]


def test_other_kinds_name_what_they_lack():
    request = received([MINT])
    assert letters.check(letters.draft(request, "delay_notice")) == [
        "the reason for the delay",
        "the date by which a decision is expected",
    ]
    assert letters.check(letters.draft(request, "more_information")) == [
        "what the requester is asked for"
    ]
    assert letters.check(letters.draft(request, "determination")) == ["the decision"]
    # No appeal recorded and none typed in (31 CFR 1.27(e)).
    assert letters.check(letters.draft(request, "appeal_acknowledgment")) == [
        "the date the appeal was received"
    ]
    assert letters.check(letters.draft(request, "appeal_decision")) == [
        "the decision on the appeal",
        "the name and title of the official responsible",
    ]


# The moves' own words go into the letters that follow them ------------------------------


def test_the_delay_notice_takes_the_extension_and_the_more_information_letter_the_wait(officer):
    request = received([MINT])
    workflow.make(
        request,
        "extend",
        actor=officer,
        extended_to=datetime.date(2027, 2, 3),
        reason="Records must be gathered from three offices.",
    )
    delay = letters.draft(request, "delay_notice")
    assert letters.check(delay) == []
    assert "The reason:\nRecords must be gathered from three offices.\n" in delay.body
    assert "We expect to decide by February 3, 2027." in delay.body
    workflow.make(
        request,
        "wait",
        actor=officer,
        pause_reason="identity",
        asked_of_requester="A copy of an identity document.",
    )
    asked = letters.draft(request, "more_information")
    assert letters.check(asked) == []
    assert "from you:\n\nA copy of an identity document.\n" in asked.body
    assert (
        "The time we have to answer stopped on November 30, 2026, and starts again when we "
        "receive what we asked for."
    ) in asked.body


def test_the_appeal_acknowledgment_takes_the_day_the_appeal_was_recorded(officer):
    request = received([MINT], status=RequestStatus.ANSWERED)
    workflow.make(request, "appeal", actor=officer)
    # An event's time is its model default, the real clock: set it to the test's Monday.
    RequestEvent.objects.filter(event="appeal").update(at=MONDAY)
    draft = letters.draft(request, "appeal_acknowledgment")
    assert letters.check(draft) == []
    # 31 CFR 1.27(e): 30 working days from Monday 30 November 2026, Christmas Day and New
    # Year's Day out.
    assert "on November 30, 2026." in draft.body
    assert "we will decide it by January 13, 2027." in draft.body


def test_a_request_to_two_agencies_says_which_agency_writes():
    request = received([USPS, MINT])
    with pytest.raises(letters.LetterRefused, match="say which agency's letter this is"):
        letters.draft(request, "acknowledgment")
    draft = letters.draft(request, "acknowledgment", agency=clocks.TREASURY_MINT.agency)
    assert draft.body.startswith("Department of the Treasury, United States Mint\n")
    assert "- Order Management System (Treasury/United States Mint .009)" in draft.body
    assert "USPS 810.300" not in draft.body


def test_no_letter_goes_to_a_request_nobody_works(officer):
    request = received([USPS], status=RequestStatus.UNVERIFIED)
    with pytest.raises(letters.LetterRefused, match="awaiting e-mail verification"):
        letters.send(request, "acknowledgment", officer)
    nothing_sent_or_kept()


# Sent and kept ----------------------------------------------------------------------------


def test_a_sent_letter_is_emailed_kept_sealed_and_an_event(officer):
    request = received([USPS])
    letter = letters.send(request, "denial", officer, reasons="The records are exempt.", **OFFICIAL)
    [message] = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.subject == "The decision on your Privacy Act request (PA-0000000001)"
    assert message.body == USPS_DENIAL
    letter = Letter.objects.get()
    assert (letter.kind, letter.agency, letter.delivery) == (
        "denial",
        "United States Postal Service",
        "email",
    )
    assert (letter.sent_at, letter.sent_by, letter.created_by) == (MONDAY, officer, officer)
    assert letters.read_letter(letter) == (USPS_DENIAL, "ada@example.com")
    # Sealed under the request's key: neither the name nor the address is stored in clear.
    assert b"Ada Example" not in bytes(letter.sealed_body)
    assert b"ada@example.com" not in bytes(letter.sealed_to)
    [event] = RequestEvent.objects.filter(event="letter")
    assert (event.what, event.actor) == ("Letter sent: denial", officer)


def test_a_request_without_email_keeps_the_letter_to_be_posted(officer):
    request = received([USPS], email="", channel="post")
    letters.send(request, "acknowledgment", officer)
    assert mail.outbox == []
    letter = Letter.objects.get()
    assert (letter.delivery, letter.sent_at, letter.sent_by) == ("post", None, None)
    body, to = letters.read_letter(letter)
    assert to == "Ada Example\n1 Example Street, Springfield, ST 00000"
    assert body.startswith(
        "Ada Example\n1 Example Street, Springfield, ST 00000\n\nUnited States Postal Service\n"
    )
    letters.record_posting(letter, officer)
    letter.refresh_from_db()
    assert (letter.sent_at, letter.sent_by) == (MONDAY, officer)
    assert list(RequestEvent.objects.filter(event="letter").values_list("what", flat=True)) == [
        "Letter kept to be posted (no e-mail address): acknowledgment",
        "Letter posted: acknowledgment",
    ]
    with pytest.raises(letters.LetterRefused, match="not waiting to be posted"):
        letters.record_posting(letter, officer)


def test_letters_go_with_their_request(officer):
    request = received([USPS])
    letters.send(request, "acknowledgment", officer)
    request.delete()
    assert not Letter.objects.exists()


# Roles ----------------------------------------------------------------------------------

OTHER_ROLES = [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR, Role.SECURITY_ADMIN]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_sends_or_reads_a_letter(staff_user, officer, role):
    request = received([USPS])
    kept = letters.send(request, "acknowledgment", officer)
    mail.outbox.clear()
    user = staff_user(role)
    with pytest.raises(letters.LetterRefused, match="not for your role"):
        letters.send(request, "acknowledgment", user)
    client = Client()
    client.force_login(user)
    base = f"/admin/access_requests/privacyactrequest/{request.pk}/letters/"
    assert client.get(base).status_code == 403
    assert client.get(f"{base}new/denial/").status_code == 403
    assert client.post(f"{base}new/acknowledgment/", {"send": "1"}).status_code == 403
    assert client.get(f"{base}{kept.pk}/").status_code == 403
    assert client.post(f"{base}{kept.pk}/posted/").status_code == 403
    assert mail.outbox == []
    assert Letter.objects.count() == 1


def test_a_privacy_officer_sends_a_letter_from_the_request_page(officer):
    request = received([MINT])
    client = Client()
    client.force_login(officer)
    page = client.get(f"/admin/access_requests/privacyactrequest/{request.pk}/change/")
    base = f"/admin/access_requests/privacyactrequest/{request.pk}/letters/"
    assert f'href="{base}"' in page.content.decode()
    listing = client.get(base).content.decode()
    assert "Denial" in listing
    assert (
        "the tracking number; the systems of records asked about; the reasons; the name and "
        "title of the official responsible; the right to appeal; where to send an appeal; how "
        "long the requester has to appeal; the right to judicial review"
    ) in listing
    refused = client.post(f"{base}new/denial/", {"send": "1", "reasons": "Exempt."})
    assert refused.status_code == 200
    assert (
        "This denial cannot be sent: it lacks the name and title of the official responsible."
    ) in refused.content.decode()
    nothing_sent_or_kept()
    preview = client.post(f"{base}new/denial/", {"preview": "1", "reasons": "Exempt."})
    assert "Write to: Disclosure Officer, United States Mint" in preview.content.decode()
    assert not Letter.objects.exists()
    sent = client.post(f"{base}new/denial/", {"send": "1", "reasons": "Exempt.", **OFFICIAL})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    letter = Letter.objects.get()
    page = client.get(f"/admin/access_requests/privacyactrequest/{request.pk}/change/")
    assert f'href="{base}{letter.pk}/"' in page.content.decode()
    read = client.get(f"{base}{letter.pk}/")
    assert read["Content-Type"] == "text/plain; charset=utf-8"
    assert read.content.decode().startswith("Department of the Treasury, United States Mint\n")
    assert RequestEvent.objects.filter(event="letter_read").get().what == (
        f"Denial letter #{letter.pk} read"
    )


def test_a_notification_determination_says_what_each_system_holds(officer):
    """Notification (552a(f)(1)): the determination says, system by system, whether it
    holds records about the requester, from the matches staff confirmed — and says nothing
    until the systems have been searched."""
    from access_requests.models import RequestEvent, RequestMatch
    from tests.orders.conftest import make_customer

    person = make_customer("C00000931", "Ada", "Example", systems=[USPS])
    request = received(systems=[USPS, "usps-820-100"], kind="notification")
    assert letters.draft(request, "determination", **OFFICIAL).values["decision"] == ""
    RequestEvent.objects.create(request=request, event="searched", what="Systems searched")
    RequestMatch.objects.create(
        request=request, system=USPS, person=person, why=["name"], state="confirmed",
        decided_by=officer, decided_at=MONDAY,
    )  # fmt: skip
    decision = letters.draft(request, "determination", **OFFICIAL).values["decision"]
    assert decision == (
        "USPS 810.300: holds records about you.\nUSPS 820.100: holds no records about you."
    )
