"""The statutory time limits as data (issue 12, "The rules"): the regulations' figures,
written out here, and every catalogued notice's agency has its rules."""

import dataclasses

import pytest
from django.core import checks

from access_requests.checks import check_request_rules
from access_requests.clocks import clocks_for
from access_requests.constants import ClockParty, ClockStep, DayCount
from sorn import catalogue
from sorn.catalogue.schema import RetrievalPath


@pytest.mark.parametrize(
    ("agency", "step", "limit", "days", "citation"),
    [
        # USPS: 39 CFR 266; 5 U.S.C. 552a(d).
        (
            "United States Postal Service",
            ClockStep.ACKNOWLEDGMENT,
            10,
            "working",
            "39 CFR 266; 5 U.S.C. 552a(d)",
        ),
        (
            "United States Postal Service",
            ClockStep.AMENDMENT_DECISION,
            30,
            "working",
            "39 CFR 266; 5 U.S.C. 552a(d)",
        ),
        # 39 CFR 266.3(c): prior recipients told within 30 (calendar) days.
        (
            "United States Postal Service",
            ClockStep.PRIOR_RECIPIENTS_NOTIFIED,
            30,
            "calendar",
            "39 CFR 266.3(c)",
        ),
        # Treasury/Mint: 31 CFR 1.26, 1.27.
        (
            "Department of the Treasury, United States Mint",
            ClockStep.ACCESS_DETERMINATION,
            30,
            "working",
            "31 CFR 1.26(g)(1)",
        ),
        (
            "Department of the Treasury, United States Mint",
            ClockStep.AMENDMENT_ACKNOWLEDGMENT,
            10,
            "working",
            "31 CFR 1.27",
        ),
        (
            "Department of the Treasury, United States Mint",
            ClockStep.APPEAL_FILING,
            35,
            "calendar",
            "31 CFR 1.27(e)",
        ),
        (
            "Department of the Treasury, United States Mint",
            ClockStep.APPEAL_ACKNOWLEDGMENT,
            10,
            "working",
            "31 CFR 1.27(e)",
        ),
        (
            "Department of the Treasury, United States Mint",
            ClockStep.APPEAL_DECISION,
            30,
            "working",
            "31 CFR 1.27(e)",
        ),
    ],
)
def test_time_limits_are_the_regulations_figures(agency, step, limit, days, citation):
    rule = clocks_for(agency).limit(step)
    assert rule.limit == limit
    assert rule.days == days
    assert rule.citation == citation


def test_each_agency_has_exactly_these_steps():
    assert [limit.step for limit in clocks_for("United States Postal Service").limits] == [
        "acknowledgment",
        "amendment_decision",
        "prior_recipients_notified",
    ]
    assert [
        limit.step for limit in clocks_for("Department of the Treasury, United States Mint").limits
    ] == [
        "access_determination",
        "amendment_acknowledgment",
        "appeal_filing",
        "appeal_acknowledgment",
        "appeal_decision",
    ]


def test_only_the_appeal_filing_is_the_requesters_clock():
    mint = clocks_for("Department of the Treasury, United States Mint")
    assert mint.limit(ClockStep.APPEAL_FILING).party == ClockParty.REQUESTER
    assert mint.limit(ClockStep.APPEAL_FILING).limit_words == "35 days"
    assert mint.limit(ClockStep.APPEAL_DECISION).limit_words == "30 working days"
    assert DayCount.WORKING.label == "working days"


def test_the_mint_starts_its_access_clock_when_the_request_is_complete():
    # 31 CFR 1.26(f)
    mint = clocks_for("Department of the Treasury, United States Mint")
    assert mint.limit(ClockStep.ACCESS_DETERMINATION).starts == (
        "the request is complete (31 CFR 1.26(f))"
    )


def test_usps_puts_no_time_limit_on_filing_an_appeal():
    # The rules give none: an appeal goes to the General Counsel (39 CFR 266).
    usps = clocks_for("United States Postal Service")
    with pytest.raises(KeyError):
        usps.limit(ClockStep.APPEAL_FILING)
    assert "General Counsel" in usps.appeal


def test_every_catalogued_notice_has_an_agency_with_clocks_and_decided_identifiers():
    assert check_request_rules() == []
    assert {notice.agency for notice in catalogue.NOTICES} == {
        "United States Postal Service",
        "Department of the Treasury, United States Mint",
    }


def test_a_notice_of_an_unknown_agency_or_identifier_fails_the_check():
    notice = catalogue.get_notice("usps-820-100")
    stranger = dataclasses.replace(
        notice,
        agency="Department of Examples",
        retrievability=(RetrievalPath("x", "By passport number.", ("passport_number",)),),
    )
    errors = check_request_rules(notices=[stranger])
    assert [e.id for e in errors] == ["access_requests.E001", "access_requests.E002"]
    assert all(isinstance(e, checks.Error) for e in errors)
