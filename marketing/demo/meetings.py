"""Web-meeting, collaboration and customer-insight records of the USPS 890.000 demo, for
each relationship (a mixin of `RecordSeeder`)."""

from __future__ import annotations

import bisect
import datetime
import uuid

from marketing.constants import (
    AdministrationKind,
    ChatMessageType,
    ChatStatus,
    ConferencingUserStatus,
    ConferencingUserType,
    DeviceType,
    MessageRecordKind,
    ParticipantRole,
    ShareKind,
)
from marketing.demo.reference import at
from marketing.models import (
    AdministrationRecord,
    ChatTelemetryEvent,
    CollaborationMessage,
    ConferencingUser,
    InsightShare,
    MeetingDevice,
    ParticipantSession,
    TelemetryEvent,
    WebMeeting,
)

DAY = datetime.timedelta(days=1)
CLIENT_OS = ["Windows 11", "macOS 14", "iOS 17", "Android 14", "ChromeOS 120"]


class MeetingRecords:
    """Records of categories 10 to 16 and 18; each maker returns whether it made one."""

    def _meeting_in(self, start, end) -> WebMeeting | None:
        days = self.ref["meeting_days"]
        low, high = bisect.bisect_left(days, start), bisect.bisect_right(days, end)
        return self.ref["meetings"][self.rng.randrange(low, high)] if high > low else None

    # Retention 4: meeting report and tracking data, twenty-four months.
    def meeting_session(self, rel) -> bool:
        rng, person = self.rng, rel.person
        meeting = self._meeting_in(*self._window(rel))
        if meeting is None:
            return False
        joined = meeting.started_at + datetime.timedelta(minutes=rng.randint(0, 10))
        device = rng.choice([DeviceType.DESKTOP] * 3 + [DeviceType.MOBILE, DeviceType.TABLET])
        session = self._add(
            ParticipantSession(
                meeting=meeting,
                person=person,
                participant_name=person.full_name,
                participant_email=person.email,
                role=rng.choice([ParticipantRole.ATTENDEE] * 8 + [ParticipantRole.PANELIST]),
                joined_at=joined,
                left_at=joined
                + datetime.timedelta(minutes=rng.randint(5, meeting.duration_minutes)),
                device_type=device,
                ip_address=f"203.0.113.{rng.randint(1, 254)}",
                location=", ".join(rng.choice(self.ctx.pools.cities)[:2]),
                attributes={
                    "Participant Connection Type": rng.choice(["wifi", "wired", "cellular"]),
                    "Participant Data Center": rng.choice(["US-East", "US-West"]),
                    "Participant Quality": rng.choice(["good", "fair"]),
                    "Participant Leave Reason": "left the meeting",
                },
            )
        )
        user = None
        if self.chance(0.2):  # a guest account of the meeting application (purpose 7)
            user = self._add(
                ConferencingUser(
                    person=person,
                    created_at=joined - datetime.timedelta(minutes=30),
                    user_name=person.full_name,
                    user_email=person.email,
                    user_type=ConferencingUserType.GUEST,
                    status=ConferencingUserStatus.ACTIVE,
                    last_login_at=joined,
                    attributes={"User Language": "en-US", "User Company": person.company_name},
                )
            )
        self.session_extras.append((session, user, self.forced))
        return True

    def _session_extras(self, session: ParticipantSession, user, forced: bool) -> None:
        rng = self.rng
        if forced or rng.random() < 0.4:
            self._add(
                MeetingDevice(
                    session=session,
                    recorded_at=session.joined_at,
                    device_type=session.device_type,
                    operating_system=rng.choice(CLIENT_OS),
                    os_version=f"{rng.randint(10, 17)}.{rng.randint(0, 6)}",
                    ip_address=session.ip_address,
                    mac_address=":".join(
                        ["02", "00", "5e", *(f"{rng.randrange(256):02x}" for _ in range(3))]
                    ),
                    attributes={
                        "CPU Brand": rng.choice(["Intel", "AMD", "Apple"]),
                        "Available Memory": f"{rng.choice([4, 8, 16])} GB",
                        "Packet Loss": f"{rng.random():.1f}%",
                    },
                )
            )
        if user is not None or rng.random() < 0.3:
            self._add(
                TelemetryEvent(
                    event_time=session.joined_at,
                    meeting=session.meeting,
                    user=user,
                    event_uuid=uuid.UUID(int=rng.getrandbits(128)),
                    client_type=rng.choice(["desktop_client", "web_client", "mobile_app"]),
                    client_version=f"5.{rng.randint(10, 17)}.{rng.randint(0, 12)}",
                    client_os=rng.choice(CLIENT_OS),
                    event="meeting_join",
                    subevent=rng.choice(["audio_connect", "video_start", ""]),
                    event_location=session.location,
                )
            )

    # Retention 5: collaboration and communication, twenty-four months.
    def message(self, rel) -> bool:
        rng, person = self.rng, rel.person
        start, end = self._window(rel)
        channel, meeting = None, None
        if rng.random() < 0.5:
            meeting = self._meeting_in(start, end)
            if meeting is None:
                return False
            sent = meeting.started_at + datetime.timedelta(minutes=rng.randint(1, 20))
        else:
            channel = rng.choice(self.ref["channels"])
            day = self._day(max(start, channel.created_at.date()), end)
            if day is None:
                return False
            sent = at(self.ctx, day)
        message = self._add(
            CollaborationMessage(
                channel=channel,
                meeting=meeting,
                persistent=channel is not None,
                message_id=f"MSG-{rng.getrandbits(60):015X}",
                sender=person,
                sender_name=person.full_name,
                sent_at=sent,
                text=rng.choice(self.ctx.pools.sentences),
                attributes=(
                    {"Persistent Message Images Exchanged": rng.randint(0, 3)} if channel else {}
                ),
            )
        )
        if self.chance(0.15):
            self.message_edits.append(message)
        if self.chance(0.5):
            self._add(
                ChatTelemetryEvent(
                    recorded_at=sent,
                    person=person,
                    channel=channel,
                    meeting=meeting,
                    user_email=person.email,
                    group_chat=channel is not None,
                    in_meeting_message=meeting is not None,
                    message_type=rng.choice([ChatMessageType.TEXT] * 5 + list(ChatMessageType)),
                    status=rng.choice(list(ChatStatus)),
                    message_id=message.message_id,
                    ip_address=f"198.51.100.{rng.randint(1, 254)}",
                    attributes={"Notification Setting": "all", "Is E2E Enabled": False},
                )
            )
        return True

    def _edit(self, message: CollaborationMessage) -> None:
        deleted = self.rng.random() < 0.3
        self._add(
            CollaborationMessage(
                channel=message.channel,
                meeting=message.meeting,
                persistent=message.persistent,
                record_kind=MessageRecordKind.DELETED if deleted else MessageRecordKind.EDITED,
                message_id=f"{message.message_id}-{'D' if deleted else 'E'}",
                main_message=message,
                sender=message.sender,
                sender_name=message.sender_name,
                sent_at=message.sent_at + datetime.timedelta(minutes=self.rng.randint(1, 30)),
                text=message.text if deleted else f"{message.text} (edited)",
            )
        )

    # Retention 7: customer insight, 3 years.
    def insight_share(self, rel) -> bool:
        rng, person = self.rng, rel.person
        start, end = self._window(rel)
        day = self._day(max(start, self.ctx.today - datetime.timedelta(days=4 * 365)), end)
        if day is None:
            return False
        by_name, by_email = rng.choice(self.ref["hosts"])
        kind = rng.choice(list(ShareKind))
        views = rng.randint(0, 12)
        meeting = None
        if kind == ShareKind.MEETING_INSIGHTS:
            meeting = self._meeting_in(day - 30 * DAY, day)
        self._add(
            InsightShare(
                kind=kind,
                shared_at=at(self.ctx, day),
                person=person,
                campaign=rng.choice(self.ref["campaigns"]) if meeting is None else None,
                meeting=meeting,
                shared_by_name=by_name,
                shared_by_email=by_email,
                shared_to_name=person.full_name,
                shared_to_email=person.email,
                view_count=views,
                share_number=rng.randint(1, 5) if kind == ShareKind.CUSTOM_WEBPAGE else None,
                report_data={
                    "Analytics shared document viewed count": views,
                    "custom webpage user insights": rng.choice(
                        ["Viewed pricing", "Downloaded brochure", "Watched video"]
                    ),
                },
            )
        )
        if meeting is not None and rng.random() < 0.3:
            self._add(
                AdministrationRecord(
                    kind=AdministrationKind.CLIENT_FEEDBACK,
                    recorded_at=meeting.started_at + datetime.timedelta(hours=1),
                    meeting=meeting,
                    person=person,
                    attributes={
                        "client feedback detail email": person.email,
                        "client feedback detail participant name": person.full_name,
                        "client feedback detail meeting ID": meeting.meeting_id,
                    },
                )
            )
        return True
