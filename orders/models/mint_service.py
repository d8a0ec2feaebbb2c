"""Treasury/Mint .009 (e) and (f): live chats and phone calls with customer service, kept
with the contractor or subcontractor agent who handled them (purpose 6: "record and
maintain customer phone calls and chats with customer service representatives").

Retention: not republished in the notice of altered system; nothing destroyed
automatically.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from keystore.fields import EncryptedRecord, EncryptedTextField
from orders.constants import CallDirection
from orders.models.common import check_same_person, ends_after_starts, normalize_number, raise_if
from orders.models.mint_orders import MintOrder, staff_access_errors
from orders.models.mint_staff import MintStaffUser
from orders.validators import validate_recording_uri

PERSON = "customers.Person"


class MintChatTranscript(EncryptedRecord):
    """Mint .009 (e): "Notes and transcripts of contractor and subcontractor employees and
    persons who use the online live chat feature"."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="mint_chats")
    order = models.ForeignKey(
        MintOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name="chats"
    )
    internal_request_id = models.CharField(
        "internal request ID", max_length=24, blank=True, db_index=True
    )
    handled_by = models.ForeignKey(
        MintStaffUser, on_delete=models.PROTECT, related_name="chats_handled"
    )
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    transcript = EncryptedTextField(max_length=100_000)
    notes = EncryptedTextField(max_length=4000)

    class Meta:
        verbose_name = "Mint chat transcript"
        constraints = [ends_after_starts("started_at", "ended_at", "chat_ends_after_start")]

    def clean(self) -> None:
        self.internal_request_id = normalize_number(self.internal_request_id)
        errors = check_same_person(self, "order")
        if self.started_at:
            errors.update(
                staff_access_errors(self, "handled_by", timezone.localdate(self.started_at))
            )
        if self.ended_at and self.started_at and self.ended_at < self.started_at:
            errors["ended_at"] = "A chat cannot end before it started."
        if not self.transcript:
            errors["transcript"] = "A chat record keeps its transcript."
        raise_if(errors)


class MintPhoneCall(EncryptedRecord):
    """Mint .009 (f): "Notes, recordings and transcripts of phone calls of contractor and
    subcontractor employees and persons who contact the United States Mint customer
    service center". The recording itself lives in the call-recording store; the record
    keeps where, encrypted."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="mint_calls")
    order = models.ForeignKey(
        MintOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    internal_request_id = models.CharField(
        "internal request ID", max_length=24, blank=True, db_index=True
    )
    handled_by = models.ForeignKey(
        MintStaffUser, on_delete=models.PROTECT, related_name="calls_handled"
    )
    called_at = models.DateTimeField(default=timezone.now, db_index=True)
    duration_seconds = models.PositiveIntegerField(default=0)
    direction = models.CharField(max_length=8, choices=CallDirection.choices, default="inbound")
    notes = EncryptedTextField(max_length=4000)
    transcript = EncryptedTextField(max_length=100_000)
    recording_uri = EncryptedTextField(
        "recording URI", max_length=500, validators=[validate_recording_uri]
    )

    class Meta:
        verbose_name = "Mint phone call"

    def clean(self) -> None:
        self.internal_request_id = normalize_number(self.internal_request_id)
        errors = check_same_person(self, "order")
        if self.called_at:
            errors.update(
                staff_access_errors(self, "handled_by", timezone.localdate(self.called_at))
            )
        raise_if(errors)
