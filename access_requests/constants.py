"""Kinds and steps of Privacy Act requests, as the law and the regulations name them."""

from django.db import models


class ClockStep(models.TextChoices):
    """A step of a request that a regulation puts on a clock (access_requests/clocks.py)."""

    ACKNOWLEDGMENT = "acknowledgment", "Acknowledgment of the request"
    ACCESS_DETERMINATION = "access_determination", "Decision on access"
    AMENDMENT_ACKNOWLEDGMENT = "amendment_acknowledgment", "Acknowledgment of an amendment request"
    AMENDMENT_DECISION = "amendment_decision", "Decision on an amendment request"
    PRIOR_RECIPIENTS_NOTIFIED = (
        "prior_recipients_notified",
        "Earlier recipients told of an amendment or a statement of disagreement",
    )
    APPEAL_FILING = "appeal_filing", "Filing an appeal"
    APPEAL_ACKNOWLEDGMENT = "appeal_acknowledgment", "Acknowledgment of an appeal"
    APPEAL_DECISION = "appeal_decision", "Decision on an appeal"


class DayCount(models.TextChoices):
    """How a time limit's days are counted: the regulation's own word decides."""

    # Weekends and U.S. federal holidays excluded (issue 12: from the `holidays` package's
    # U.S. federal calendar when due dates are computed).
    WORKING = "working", "working days"
    # "Within 35 days", "within 30 days": every day counts.
    CALENDAR = "calendar", "days"


class ClockParty(models.TextChoices):
    """Whose time limit it is."""

    AGENCY = "agency", "the agency"
    REQUESTER = "requester", "the requester"


class LetterKind(models.TextChoices):
    """The letters the office sends a requester (issue 12, item 7; access_requests/letters.py
    says what each must contain)."""

    ACKNOWLEDGMENT = "acknowledgment", "Acknowledgment"
    MORE_INFORMATION = "more_information", "Request for more information"
    DELAY_NOTICE = "delay_notice", "Delay notice"
    DETERMINATION = "determination", "Determination"
    DENIAL = "denial", "Denial"
    APPEAL_ACKNOWLEDGMENT = "appeal_acknowledgment", "Appeal acknowledgment"
    APPEAL_DECISION = "appeal_decision", "Appeal decision"


class LetterDelivery(models.TextChoices):
    """How a letter reaches the requester: e-mailed to the address they gave, or printed and
    posted by staff when they gave none."""

    EMAIL = "email", "E-mail"
    POST = "post", "Post"


class MatchState(models.TextChoices):
    """Where a person found by the search of a request stands (access_requests.matching):
    staff confirm the person is the requester, or reject them; a decision is final."""

    CANDIDATE = "candidate", "Candidate (not yet decided)"
    CONFIRMED = "confirmed", "Confirmed: the requester's records"
    REJECTED = "rejected", "Rejected: not the requester"


class AmendmentDecision(models.TextChoices):
    """Where a correction the requester asked for stands (access_requests.amendments)."""

    PENDING = "pending", "Not yet decided"
    GRANTED = "granted", "Granted: the record was corrected"
    DENIED = "denied", "Denied"


class NoticeKind(models.TextChoices):
    """What a recipient of an earlier disclosure is told (5 U.S.C. 552a(c)(4))."""

    CORRECTION = "correction", "Notice of correction"
    DISAGREEMENT = "disagreement", "Notice of a statement of disagreement"
