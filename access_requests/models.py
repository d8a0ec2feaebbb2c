"""Privacy Act requests: what was asked, of which systems, by whom, how it arrived, and
every change of it since (its own history).

Retention needs to know which people have a request open: their records stay until the
request and any appeal are closed (5 U.S.C. 552a(d); destroying records a person has
asked for would defeat the request). A request still awaiting e-mail verification is not
open: it is never worked, and anyone could otherwise freeze anyone's records.

What the requester gives (contact details, identifiers, the declaration, the description
of a correction) is encrypted under the request's own data key, destroyed with it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from access_requests.constants import (
    AmendmentDecision,
    LetterDelivery,
    LetterKind,
    MatchState,
    NoticeKind,
)
from keystore.fields import EncryptedRecord, EncryptedTextField, RecordQuerySet


class RequestKind(models.TextChoices):
    NOTIFICATION = "notification", "Notification: whether a system holds records (552a(f)(1))"
    ACCESS = "access", "Access to records (552a(d)(1))"
    AMENDMENT = "amendment", "Amendment of records (552a(d)(2))"
    ACCOUNTING = "accounting", "Accounting of disclosures (552a(c)(3))"


class RequestStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Awaiting e-mail verification"
    # FOIA.gov's `testing: true`: kept apart, never worked (issue 11, item 5).
    TESTING = "testing", "Test delivery from FOIA.gov (never worked)"
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "Being worked"
    # The clock stops while the office waits for the requester (identity, clarification,
    # consent) and starts again when they answer (issue 12, "Pauses").
    WAITING = "waiting", "Waiting on the requester"
    # The time limit was extended, with a reason and a new date (31 CFR 1.26(g)(1)).
    EXTENDED = "extended", "Extended"
    PARTIALLY_ANSWERED = "partial", "Partially answered"
    ANSWERED = "answered", "Answered (appeal period open)"
    APPEALED = "appealed", "Under appeal"
    CLOSED = "closed", "Closed"


class IdentityMethod(models.TextChoices):
    """How staff established who the requester is (39 CFR 266.6: identity sufficient to
    satisfy the custodian; 31 CFR 1.26: the identification the component asks for)."""

    DECLARATION = "declaration", "Declaration under 28 U.S.C. 1746 with a verified e-mail address"
    DOCUMENTS = "documents", "Identity documents"
    IN_PERSON = "in_person", "In person"
    KNOWN_ACCOUNT = "known_account", "A known account"


class AppealOutcome(models.TextChoices):
    GRANTED = "granted", "Granted"
    PARTLY = "partly", "Partly granted"
    DENIED = "denied", "Denied"


class PauseReason(models.TextChoices):
    """Why the office waits on the requester (the clock stops meanwhile)."""

    IDENTITY = "identity", "Proof of identity"
    CLARIFICATION = "clarification", "Clarification of the request"
    CONSENT = "consent", "Written consent of the person the request is about"


class RequestChannel(models.TextChoices):
    WEB = "web", "Web form"
    POST = "post", "Post"
    EMAIL = "email", "E-mail"
    FAX = "fax", "Fax"
    TELEPHONE = "telephone", "Telephone"
    FOIA_GOV = "foia_gov", "FOIA.gov"


# 28 U.S.C. 1746: an unsworn declaration under penalty of perjury, in its own words.
DECLARATION = (
    "I declare under penalty of perjury that the foregoing is true and correct. Executed on {date}."
)


def new_tracking_number() -> str:
    """ "PA-" and ten random digits: a tracking number tells nothing of how many requests
    came before it (the status page is reached by its own token, not by this number)."""
    return f"PA-{secrets.randbelow(10**10):010d}"


class PrivacyActRequestQuerySet(RecordQuerySet):
    def pending(self) -> PrivacyActRequestQuerySet:
        """Requests open: received, being worked, answered while an appeal may still
        come, or under appeal. Not those awaiting e-mail verification (never worked)."""
        return self.exclude(status__in=NOT_OPEN)


# Statuses of requests nobody works: closed, awaiting verification, a portal's test.
NOT_OPEN = (RequestStatus.CLOSED, RequestStatus.UNVERIFIED, RequestStatus.TESTING)


class FoiaComponent(models.Model):
    """An agency component that receives requests from the national FOIA portal
    (FOIA.gov Agency API 1.1.0): the portal posts to
    /api/foia/v1/components/<number>/requests/. Configured per agency in the admin."""

    number = models.PositiveIntegerField(
        unique=True, help_text="The component id FOIA.gov puts in the request's address."
    )
    name = models.CharField(max_length=200)
    # Notice.agency of the systems this component's requests are about.
    agency = models.CharField(max_length=200)
    # The systems a request through this component is taken to ask about, until staff
    # correct it (slugs of the catalogue's notices).
    systems = models.JSONField(default=list)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "FOIA.gov component"

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class PrivacyActRequest(EncryptedRecord):
    tracking_number = models.CharField(
        max_length=20, unique=True, editable=False, default=new_tracking_number
    )
    kind = models.CharField(max_length=12, choices=RequestKind.choices)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    channel = models.CharField(
        max_length=10, choices=RequestChannel.choices, default=RequestChannel.WEB
    )
    # The systems asked about (slugs of the catalogue's notices).
    systems = models.JSONField(default=list)
    requester_name = EncryptedTextField(max_length=200, blank=True)
    requester_email = EncryptedTextField("requester e-mail", max_length=254, blank=True)
    requester_phone = EncryptedTextField(max_length=40, blank=True)
    requester_address = EncryptedTextField("requester postal address", max_length=500, blank=True)
    # For a request made on someone else's behalf: whom it is about (their written
    # consent is part of the request, 552a(b)).
    on_behalf_of = EncryptedTextField(max_length=200, blank=True)
    # The identifiers given, as JSON (identifier name → value): the chosen systems'
    # retrievability (access_requests.identifiers).
    identifiers = EncryptedTextField(blank=True)
    # Amendment: which record, what is wrong, what it should say. Others: anything the
    # requester adds.
    description = EncryptedTextField(max_length=5000, blank=True)
    declared_name = EncryptedTextField(
        max_length=200, blank=True, help_text="The name typed under the 28 U.S.C. 1746 declaration."
    )
    declared_on = models.DateField(null=True, blank=True)
    # What the office needs from the requester, shown on the status page.
    asked_of_requester = EncryptedTextField(max_length=2000, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)
    # The staff workflow (access_requests.workflow): who works it, the clocks' state.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_privacy_act_requests",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # While waiting on the requester: since when and why (the clock stops).
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.CharField(max_length=16, choices=PauseReason.choices, blank=True)
    # The working days the clock stood still in earlier pauses are counted from the
    # history (workflow.paused_working_days) and added to every time limit.
    # An extension: the new date and why (31 CFR 1.26(g)(1); 1.27(e) for appeals).
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.CharField(max_length=300, blank=True)
    # The next deadline, kept by the workflow (and recomputed when the holiday calendar
    # changes), so the queue sorts and filters on it in the database.
    due_on = models.DateField(null=True, blank=True, db_index=True)
    # An appeal (of a denial, or of a request not answered in time): its own clocks.
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_acknowledged_at = models.DateTimeField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=8, choices=AppealOutcome.choices, blank=True)
    # The decision's reasons as staff wrote them (they may name the requester's records).
    appeal_decision_reasons = EncryptedTextField(max_length=2000, blank=True)
    identity_method = models.CharField(max_length=16, choices=IdentityMethod.choices, blank=True)
    identity_accepted_at = models.DateTimeField(null=True, blank=True)
    identity_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A verification link carries this; verifying clears it, so a link works once.
    verification_nonce = models.CharField(max_length=32, blank=True, editable=False)
    # SHA-256 of the status page's token (the token itself is only in the requester's
    # link): a copy of the database opens no status page; a new token revokes the old.
    status_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # Keyed digest of what was asked (contact, kind, systems, identifiers, words), so a
    # second identical submission within a day is joined to the first (issue 11, item 6).
    submission_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # Requests delivered by FOIA.gov: the component and the portal's own request_id, on
    # which delivery is idempotent (the portal may deliver a request up to five times).
    foia_component = models.ForeignKey(
        FoiaComponent, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    foia_request_id = models.CharField(max_length=64, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The person the request was matched to, once identity is verified. SET_NULL: a
    # closed request's file outlives the records it was about (its own schedule).
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_act_requests",
    )

    objects = PrivacyActRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "Privacy Act request"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_at__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_at__isnull=True)),
                name="request_closed_when_closed_at",
            ),
            models.UniqueConstraint(
                fields=["foia_component", "foia_request_id"],
                condition=~models.Q(foia_request_id=""),
                name="one_request_per_foia_request_id",
            ),
        ]

    def __str__(self) -> str:
        return f"Privacy Act request {self.tracking_number}"

    @property
    def purpose(self) -> str:
        """The purpose every read and write made for the request is audited under."""
        return f"Privacy Act request {self.tracking_number}"


class DocumentRole(models.TextChoices):
    CONSENT = "consent", "Written consent of the person the request is about"
    IDENTITY = "identity", "Proof of identity"
    FOIA_PDF = "foia_pdf", "The request as FOIA.gov rendered it (PDF)"
    SUPPORTING = "supporting", "Supporting documentation"
    # The answer to an access request (access_requests.packages), made by the service.
    PACKAGE_HTML = "package_html", "Records package (printable page)"
    PACKAGE_JSON = "package_json", "Records package (JSON)"


class RequestDocument(models.Model):
    """A file that came with a request (a consent, FOIA.gov's PDF, an attachment),
    encrypted under the request's own data key (keystore.crypto.encrypt_bytes): it is
    destroyed with the request, key and all. Written by access_requests.documents."""

    request = models.ForeignKey(
        PrivacyActRequest, on_delete=models.CASCADE, related_name="documents"
    )
    role = models.CharField(max_length=12, choices=DocumentRole.choices)
    # The type found in the content (never the name's extension nor the sender's word).
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    # nonce || AES-GCM(request's data key, file name / content); see documents.py.
    sealed_name = models.BinaryField()
    sealed_content = models.BinaryField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} #{self.pk}"


class RequestEvent(models.Model):
    """One change of a request: who, when, what. Written by access_requests.services
    only; never changed."""

    request = models.ForeignKey(PrivacyActRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    # "received", "status", "edited" ...; `what` says it in words (no personal value).
    event = models.CharField(max_length=20)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.event} at {self.at:%Y-%m-%d %H:%M}"


class Letter(models.Model):
    """A letter sent (or to be posted) to the requester: what kind, from which agency, and
    its text and where it went, sealed under the request's own data key
    (keystore.crypto.encrypt_bytes, as RequestDocument): destroying the request's key
    destroys every letter's words with it. Written by access_requests.letters only."""

    request = models.ForeignKey(PrivacyActRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    # Notice.agency of the agency the letter is from (access_requests.clocks).
    agency = models.CharField(max_length=200)
    delivery = models.CharField(max_length=8, choices=LetterDelivery.choices)
    # nonce || AES-GCM(request's data key, text); see letters.py.
    sealed_body = models.BinaryField()
    sealed_to = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # When it was e-mailed, or when staff recorded posting it; empty while it waits to be
    # posted.
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class RequestMatch(models.Model):
    """A person the search of a request found in one system, and staff's decision on it
    (access_requests.matching; written by access_requests.services only).

    A confirmed match of an open request (or of an answered one while an appeal may
    come) freezes that person's records in that system from purging (retention.
    eligibility). `person` is SET_NULL, like the request's own `person`: the freeze is
    the rule that keeps records, not this link, so a candidate rejected, or a match of a
    closed request, never keeps anyone's records from their schedule.
    """

    request = models.ForeignKey(PrivacyActRequest, on_delete=models.CASCADE, related_name="matches")
    # The catalogue slug of the system searched.
    system = models.CharField(max_length=40)
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request_matches",
    )
    # Why it matched: the names of the identifiers that found the person (never values).
    why = models.JSONField(default=list)
    # What the search found of the person, per model label: counts only.
    records = models.JSONField(default=dict)
    state = models.CharField(
        max_length=10, choices=MatchState.choices, default=MatchState.CANDIDATE
    )
    found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "system", "pk"]
        verbose_name = "match of a request"
        verbose_name_plural = "matches of requests"
        constraints = [
            models.UniqueConstraint(
                fields=["request", "system", "person"], name="one_match_per_request_system_person"
            ),
            models.CheckConstraint(
                condition=models.Q(state="candidate", decided_at__isnull=True)
                | (~models.Q(state="candidate") & models.Q(decided_at__isnull=False)),
                name="match_decided_when_decided_at",
            ),
        ]
        indexes = [
            # The retention freeze: confirmed matches by person (and system).
            models.Index(fields=["person", "state", "system"], name="match_freeze_lookup"),
        ]

    def __str__(self) -> str:
        return f"Match #{self.pk}"


class Amendment(models.Model):
    """One correction the requester of an amendment asks for: one field of one record of
    one system, and what it should say (5 U.S.C. 552a(d)(2); issue 12, item 5), with the
    decision on it. Written by access_requests.amendments only.

    The record is named by model label and primary key, not a foreign key: the record
    may be destroyed on its schedule while the request's file is kept on its own. What
    the requester asks it to say, and a denial's reasons, are sealed under the request's
    own data key (keystore.crypto.encrypt_bytes, as a letter's words)."""

    request = models.ForeignKey(
        PrivacyActRequest, on_delete=models.CASCADE, related_name="amendments"
    )
    system = models.CharField(max_length=40)
    record_model = models.CharField(max_length=100)
    record_pk = models.BigIntegerField()
    field = models.CharField(max_length=100)
    # Whose record it is: one of the request's confirmed matches in `system`.
    person = models.ForeignKey(
        "customers.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sealed_requested = models.BinaryField()
    decision = models.CharField(
        max_length=8, choices=AmendmentDecision.choices, default=AmendmentDecision.PENDING
    )
    sealed_reasons = models.BinaryField(default=b"")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["request", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="pending", decided_at__isnull=True)
                | (~models.Q(decision="pending") & models.Q(decided_at__isnull=False)),
                name="amendment_decided_when_decided_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Amendment #{self.pk}"


class PriorRecipientNotice(models.Model):
    """A recipient of an earlier disclosure of a record since corrected, or since disputed
    by a statement of disagreement, who is to be told (5 U.S.C. 552a(c)(4); within 30 days
    for USPS records, 39 CFR 266.3(c)). The recipient is copied from the accounting entry
    (an audit row is never referred to by a key that would stop its own retention)."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    disclosure_id = models.BigIntegerField()
    disclosed_at = models.DateTimeField()
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["amendment", "kind", "pk"]
        verbose_name = "notice to a prior recipient"
        verbose_name_plural = "notices to prior recipients"
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "kind", "disclosure_id"], name="one_notice_per_disclosure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
