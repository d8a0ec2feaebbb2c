"""Web-based meetings and web conferences: user accounts, meetings, participant sessions,
devices, recordings, administration data and telemetry (USPS 890.000, purposes 4 to 10,
categories 10 to 14; retention 4 and 6: twenty-four months).

Typed fields hold what is searched, shown or kept on a clock of its own; the long tail of
attributes the notice names for each category sits in an encrypted `attributes` JSON
object whose keys must be those the notice publishes for that category
(`marketing.attributes`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_ipv46_address
from django.db import models
from django.utils import timezone

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from marketing.attributes import PublishedAttributesValidator
from marketing.constants import (
    AdministrationKind,
    ConferencingUserStatus,
    ConferencingUserType,
    DeviceType,
    ParticipantRole,
    RecordingStatus,
    RecordingType,
)
from marketing.fields import EncryptedJSONField
from marketing.validators import validate_mac_address, validate_meeting_id


def attributes_of(category: str) -> EncryptedJSONField:
    return EncryptedJSONField(
        default=dict,
        validators=[PublishedAttributesValidator(category)],
        help_text=f"Attributes USPS 890.000 publishes for {category.replace('_', ' ')}.",
    )


class ConferencingUser(EncryptedRecord):
    """A user account of the meeting and collaboration application. Category 12, "User
    data from web-based meetings and web conferences"; purpose 7: guest accounts for users
    outside the USPS. The person is set where the user is a known customer."""

    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conferencing_users",
    )
    # Category 12: "User Creation Date".
    created_at = models.DateTimeField("user creation date", default=timezone.now, db_index=True)
    user_name = EncryptedTextField(max_length=200)
    user_name_index = BlindIndexField(source="user_name", kind="name")
    user_email = EncryptedTextField(
        "user e-mail address", max_length=254, validators=[validate_email]
    )
    user_email_index = BlindIndexField(source="user_email", kind="email")
    user_type = models.CharField(max_length=10, choices=ConferencingUserType.choices)
    status = models.CharField(
        max_length=10, choices=ConferencingUserStatus.choices, default=ConferencingUserStatus.ACTIVE
    )
    last_login_at = models.DateTimeField("user last login time", null=True, blank=True)
    attributes = attributes_of("user_data")

    class Meta:
        ordering = ["-created_at", "-id"]

    def clean(self) -> None:
        if self.last_login_at and self.created_at and self.last_login_at < self.created_at:
            raise ValidationError(
                {"last_login_at": "A user cannot log in before the account was created."}
            )


class WebMeeting(EncryptedRecord):
    """A web-based meeting or web conference. Retrievals 3, 5 and 6: report and tracking
    data and recordings "are retrieved by meeting ID, host name or host email address" —
    hence the indexed meeting ID and the blind indexes of the host's name and e-mail."""

    meeting_id = models.CharField(
        "meeting ID", max_length=11, db_index=True, validators=[validate_meeting_id]
    )
    topic = models.CharField(max_length=200)
    started_at = models.DateTimeField(db_index=True)
    # Category 10: "meeting duration".
    duration_minutes = models.PositiveIntegerField("meeting duration (minutes)")
    host_account = models.ForeignKey(
        ConferencingUser,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    host_name = EncryptedTextField(max_length=200)
    host_name_index = BlindIndexField(source="host_name", kind="name")
    host_email = EncryptedTextField("host e-mail", max_length=254, validators=[validate_email])
    host_email_index = BlindIndexField(source="host_email", kind="email")

    class Meta:
        ordering = ["-started_at", "-id"]

    def clean(self) -> None:
        if not self.host_name:
            raise ValidationError({"host_name": "Enter the host's name."})


class ParticipantSession(EncryptedRecord):
    """One participant's attendance of a meeting. Category 10, "Participant session data
    from web-based meetings and web conferences"; retention 4: twenty-four months."""

    meeting = models.ForeignKey(WebMeeting, on_delete=models.CASCADE, related_name="sessions")
    # Categories of individuals 2: "Customers and other individuals": set for customers.
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_sessions",
    )
    participant_name = EncryptedTextField(max_length=200)
    participant_name_index = BlindIndexField(source="participant_name", kind="name")
    participant_email = EncryptedTextField(max_length=254, validators=[validate_email])
    participant_email_index = BlindIndexField(source="participant_email", kind="email")
    role = models.CharField("participant role", max_length=10, choices=ParticipantRole.choices)
    joined_at = models.DateTimeField("participant join time", db_index=True)
    left_at = models.DateTimeField("participant leave time", null=True, blank=True)
    device_type = models.CharField(
        "participant device type", max_length=12, choices=DeviceType.choices, blank=True
    )
    ip_address = EncryptedTextField(
        "participant IP address", max_length=45, validators=[validate_ipv46_address]
    )
    location = EncryptedTextField("participant location", max_length=200)
    attributes = attributes_of("participant_session_data")

    class Meta:
        ordering = ["-joined_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_at__isnull=True)
                | models.Q(left_at__gte=models.F("joined_at")),
                name="participant_leaves_after_joining",
            )
        ]

    def clean(self) -> None:
        errors = {}
        if not self.participant_name:
            errors["participant_name"] = "Enter the participant's name."
        if self.joined_at and self.left_at and self.left_at < self.joined_at:
            errors["left_at"] = "A participant cannot leave before joining."
        if errors:
            raise ValidationError(errors)


class MeetingDevice(EncryptedRecord):
    """The device a participant joined from. Category 11, "Device data from web-based
    meetings and web conferences"; retention 4: "historical device usage data ... are
    retained for twenty-four months"."""

    session = models.ForeignKey(
        ParticipantSession, on_delete=models.CASCADE, related_name="devices"
    )
    recorded_at = models.DateTimeField(db_index=True)
    device_type = models.CharField(max_length=12, choices=DeviceType.choices)
    operating_system = models.CharField("device operating system", max_length=40)
    os_version = models.CharField("operating system version", max_length=40, blank=True)
    ip_address = EncryptedTextField(
        "IP address", max_length=45, validators=[validate_ipv46_address]
    )
    mac_address = EncryptedTextField(
        "MAC address", max_length=17, validators=[validate_mac_address]
    )
    attributes = attributes_of("device_data")

    class Meta:
        ordering = ["-recorded_at", "-id"]


class MeetingRecording(EncryptedRecord):
    """USPS 890.000, retention 6: "Web-based meeting and video session recordings are
    retained for twenty-four months"; retrievals 5 and 6 by meeting ID, host name or host
    e-mail (through the meeting). The file itself is held in the recording store; the
    record keeps its reference, encrypted."""

    meeting = models.ForeignKey(WebMeeting, on_delete=models.CASCADE, related_name="recordings")
    created_at = models.DateTimeField(db_index=True)
    recording_type = models.CharField(max_length=28, choices=RecordingType.choices)
    status = models.CharField(
        max_length=10, choices=RecordingStatus.choices, default=RecordingStatus.COMPLETED
    )
    file_reference = EncryptedTextField(max_length=500)
    file_extension = models.CharField(max_length=8)
    file_size = models.PositiveBigIntegerField("file size (bytes)")

    class Meta:
        ordering = ["-created_at", "-id"]

    def clean(self) -> None:
        if not self.file_reference:
            raise ValidationError({"file_reference": "Enter the recording file's reference."})


class AdministrationRecord(EncryptedRecord):
    """An entry of category 13, "Web-based meeting and web conference administration
    data": account, conference-room, sign-in, message-audit, chat-group, operation-log,
    role-member and client-feedback data, each entry's details in `attributes`."""

    kind = models.CharField(max_length=16, choices=AdministrationKind.choices)
    recorded_at = models.DateTimeField(db_index=True)
    # Category 13: "Account ID".
    account_id = models.CharField("account ID", max_length=40, blank=True)
    meeting = models.ForeignKey(
        WebMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="administration_records",
    )
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_administration_records",
    )
    attributes = attributes_of("administration_data")

    class Meta:
        ordering = ["-recorded_at", "-id"]


class TelemetryEvent(EncryptedRecord):
    """Category 14, "Web-Based Meeting And Web Conference Telemetry Data": "Event Time,
    Client Type, Event Location, Event, Subevent, UUID, Client Version, UserID, Client OS,
    Meeting ID" — every attribute a typed field. Retention 4: twenty-four months."""

    event_time = models.DateTimeField(db_index=True)
    meeting = models.ForeignKey(
        WebMeeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="telemetry_events",
    )
    user = models.ForeignKey(
        ConferencingUser,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="telemetry_events",
    )
    event_uuid = models.UUIDField("UUID", db_index=True)
    client_type = models.CharField(max_length=30)
    client_version = models.CharField(max_length=30)
    client_os = models.CharField("client OS", max_length=40)
    event = models.CharField(max_length=60)
    subevent = models.CharField(max_length=60, blank=True)
    event_location = EncryptedTextField(max_length=200)

    class Meta:
        ordering = ["-event_time", "-id"]
