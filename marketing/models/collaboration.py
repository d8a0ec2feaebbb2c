"""Web-based collaboration and communication: chat channels, messages (with their edited
and deleted records) and chat application telemetry (USPS 890.000, purposes 6 and 7,
categories 15 and 16; retention 5: "Records pertaining to web-based collaboration and
communication applications are retained for twenty-four months")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_ipv46_address
from django.db import models

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from marketing.constants import ChannelKind, ChatMessageType, ChatStatus, MessageRecordKind
from marketing.models.meetings import WebMeeting, attributes_of


class ChatChannel(EncryptedRecord):
    """A persistent channel or group chat. Retrieval 4: "Records pertaining to web-based
    collaboration and communication applications are retrieved by organizer name" —
    hence the blind index of the organizer's name."""

    kind = models.CharField(max_length=20, choices=ChannelKind.choices)
    created_at = models.DateTimeField(db_index=True)
    # Category 16: "Persistent Message Channel Title".
    title = EncryptedTextField("channel title", max_length=200)
    organizer_name = EncryptedTextField(max_length=200)
    organizer_name_index = BlindIndexField(source="organizer_name", kind="name")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # The row's number only: a title shows to every role that sees the
        # model, so it carries no field the policy might hide or mask.
        return f"{self._meta.verbose_name.capitalize()} #{self.pk}"

    def clean(self) -> None:
        if not self.organizer_name:
            raise ValidationError({"organizer_name": "Enter the organizer's name."})


class CollaborationMessage(EncryptedRecord):
    """A message, or the record of its edit or deletion, in a channel or a meeting chat.
    Category 16, "Communication Data": "Message Sender, Message Time, Message ID, Message
    Main Message ID, ... Message Text", and the same for edited and deleted (persistent)
    messages."""

    channel = models.ForeignKey(
        ChatChannel,
        # PROTECT: a channel's messages are destroyed on their own clock before it is.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
    )
    meeting = models.ForeignKey(
        WebMeeting, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    record_kind = models.CharField(
        max_length=8, choices=MessageRecordKind.choices, default=MessageRecordKind.MESSAGE
    )
    # "Persistent Message ..." (a channel's history) as against an in-meeting chat.
    persistent = models.BooleanField(default=False)
    message_id = models.CharField("message ID", max_length=40, db_index=True)
    # "Main Message ID": the message an edit or deletion (or a threaded reply) refers to.
    main_message = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    sender = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="collaboration_messages",
    )
    sender_name = EncryptedTextField("message sender", max_length=200)
    sent_at = models.DateTimeField("message time", db_index=True)
    text = EncryptedTextField("message text", max_length=10000)
    file_name = EncryptedTextField(max_length=255)
    file_size = models.PositiveBigIntegerField("file size (bytes)", null=True, blank=True)
    attributes = attributes_of("communication_data")

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__isnull=False) | models.Q(meeting__isnull=False),
                name="message_in_a_channel_or_meeting",
            )
        ]

    def clean(self) -> None:
        errors = {}
        if not self.channel_id and not self.meeting_id:
            errors["channel"] = "A message belongs to a channel or a meeting chat."
        if not self.sender_name:
            errors["sender_name"] = "Enter the message sender."
        if self.record_kind != MessageRecordKind.MESSAGE and not self.main_message_id:
            errors["main_message"] = "An edited or deleted message names its main message."
        if self.file_size is not None and not self.file_name:
            errors["file_name"] = "A file size is recorded, so enter the file name."
        if errors:
            raise ValidationError(errors)


class ChatTelemetryEvent(EncryptedRecord):
    """Category 15, "Chat Application Telemetry Data": "User Email, Group Chat, Message
    Type, In Meeting Message, Status, ... Message ID, IP Address"."""

    recorded_at = models.DateTimeField(db_index=True)
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_telemetry_events",
    )
    channel = models.ForeignKey(
        ChatChannel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="telemetry_events",
    )
    meeting = models.ForeignKey(
        WebMeeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_telemetry_events",
    )
    user_email = EncryptedTextField(max_length=254, validators=[validate_email])
    group_chat = models.BooleanField(default=False)
    in_meeting_message = models.BooleanField(default=False)
    message_type = models.CharField(max_length=14, choices=ChatMessageType.choices)
    status = models.CharField(max_length=16, choices=ChatStatus.choices, blank=True)
    message_id = models.CharField("message ID", max_length=40, blank=True)
    ip_address = EncryptedTextField(
        "IP address", max_length=45, validators=[validate_ipv46_address]
    )
    attributes = attributes_of("chat_telemetry_data")

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def clean(self) -> None:
        if self.in_meeting_message and not self.meeting_id:
            raise ValidationError({"meeting": "An in-meeting message names its meeting."})
