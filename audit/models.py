"""Audit records: who read which records' fields, through which channel, when.

"Terminal and transaction logging" (safeguards of USPS 810.300, 820.100, 890.000); the
Mint's "audit logs and records of their system access" (Treasury/Mint .009 (a)). Audit rows
are append-only: the model and its querysets refuse updates and deletes, and database
triggers (audit/migrations/0002) reject them in the database. Only the audit's own
retention job (audit.retention) removes rows, whole seals at a time, leaving a tombstone.
"""

from __future__ import annotations

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.constants import AccessChannel, SecurityEventKind
from lib.process import process_identity


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows are append-only")


class AccessEvent(AppendOnlyModel):
    """One channel's read of one model's records in one request: written in bulk, one
    insert per request, by audit.reads.AccessEventMiddleware."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Who: kept as values, not a foreign key, so that no later change to the user rewrites
    # an audit row.
    user_id = models.IntegerField(null=True, db_index=True)
    username = models.CharField(max_length=150)
    roles = models.CharField(max_length=300, help_text="The roles the user worked under.")
    channel = models.CharField(max_length=20, choices=AccessChannel.choices)
    model = models.CharField(max_length=100, db_index=True, help_text="app_label.Model")
    record_ids = models.JSONField(help_text="Primary keys of the records read.")
    fields = models.JSONField(help_text="The fields let through, as shown (masked or clear).")
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, help_text="Request path, without its query string.")
    purpose = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["model", "occurred_at"], name="access_model_time")]

    def __str__(self) -> str:
        return f"Access event #{self.pk}"


class AuditSeal(AppendOnlyModel):
    """A seal over a range of one audit stream's rows (access events, change entries): a
    manifest of (id, row hash) for every row in the range, and a SHA-256 digest over the
    manifest chained to the stream's previous seal. Altering, removing or inserting a
    sealed row, or a seal, breaks the chain (`manage.py verify_audit`)."""

    stream = models.CharField(max_length=20, default="access_events")
    sequence = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    row_count = models.PositiveIntegerField()
    # 24 bytes a row: the id (8, big-endian) and the first 16 bytes of the row's SHA-256.
    manifest = models.BinaryField()
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stream", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "sequence"], name="one_seal_per_place")
        ]

    def __str__(self) -> str:
        return f"Audit seal {self.stream} #{self.sequence}"


class AuditTombstone(AppendOnlyModel):
    """Where the audit retention rule purged the oldest seals of one stream and their rows
    (audit.retention): which seals and ids, how many rows, the digest the first of them
    chained from and the digest of the last, so that verification resumes the chain from
    it; the rule, and who purged when. Append-only, never purged itself."""

    stream = models.CharField(max_length=20)
    first_sequence = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    row_count = models.BigIntegerField()
    previous_digest = models.CharField(max_length=64)
    last_digest = models.CharField(
        max_length=64, help_text="Digest of the last purged seal: the chain resumes from it."
    )
    rule_key = models.CharField(max_length=80)
    rule_period = models.CharField(max_length=20)
    rule_source = models.TextField(help_text="The catalogue's source text for the rule.")
    as_of = models.DateField(help_text="The date retention was counted to.")
    performed_by = models.CharField(max_length=200, help_text="A user, or the OS user and command.")
    purged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stream", "first_sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["stream", "first_sequence"], name="one_tombstone_per_place"
            ),
            models.CheckConstraint(
                condition=models.Q(last_sequence__gte=models.F("first_sequence"))
                & models.Q(last_id__gte=models.F("first_id")),
                name="tombstone_ranges_ascend",
            ),
        ]

    def __str__(self) -> str:
        return f"Audit tombstone {self.stream} seals #{self.first_sequence}–#{self.last_sequence}"


class ChangeEntry(AbstractLogEntry):
    """django-auditlog's log entry, kept here (AUDITLOG_LOGENTRY_MODEL) so that what an
    entry says about a person is sealed under that person's record's data key: when
    retention destroys the record and its key, the entry's content becomes unreadable
    (USPS 810.300, 820.100, 890.000 disposal; NIST SP 800-88 cryptographic erase), while
    who changed which record, how and when stays readable. Append-only."""

    objects = LogEntryManager.from_queryset(AppendOnlyQuerySet)()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "change entry"
        verbose_name_plural = "change entries"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("change entries are append-only")
        # What the entry says is sealed by audit.changes.seal_entry, a pre_save receiver.
        if self.actor_id is None and not self.remote_addr:
            # Not a request: a management command, a task. Who ran it, by OS user.
            self.additional_data = {**(self.additional_data or {}), "process": process_identity()}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("change entries are append-only")

    def __str__(self) -> str:
        return f"Change entry #{self.pk}"


class ExternalRecipient(models.Model):
    """A service account that belongs to a recipient outside the agency: every record it
    reads through the API is a disclosure, accounted for automatically (5 U.S.C.
    552a(c)(1))."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="external_recipient"
    )
    name = models.CharField("recipient name", max_length=200)
    address = models.TextField("recipient address")
    routine_use = models.CharField(
        max_length=200, help_text="The routine use the disclosures rely on, as the notice cites it."
    )
    purpose = models.CharField("nature and purpose of the disclosures", max_length=300)
    # An agency reading for civil or criminal law enforcement at its written request
    # (5 U.S.C. 552a(b)(7)): its disclosures are accounted for but not shown to the
    # person (552a(c)(3)).
    law_enforcement = models.BooleanField(
        default=False,
        help_text="Disclosures under 5 U.S.C. 552a(b)(7): accounted for, withheld from the "
        "person's own accounting (552a(c)(3)).",
    )

    def __str__(self) -> str:
        return self.name


class DisclosureAccounting(AppendOnlyModel):
    """The accounting of one disclosure of a person's records outside the agency under a
    routine use: date, nature and purpose, the routine use, the recipient's name and
    address, the records disclosed (5 U.S.C. 552a(c)(1)). Kept at least five years after
    the disclosure or the life of the record, whichever is longer (552a(c)(2)), and
    available to the person (552a(c)(3))."""

    disclosed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The person's customer number, not a foreign key: the accounting outlives the
    # person's records by rule, and an audit row is never rewritten.
    person_id = models.BigIntegerField(db_index=True)
    system = models.CharField(max_length=20)
    nature_and_purpose = models.CharField(max_length=300)
    routine_use = models.CharField(max_length=200)
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.TextField()
    records = models.JSONField(help_text='{"app_label.Model": [primary keys]}')
    recorded_by = models.CharField(max_length=150, help_text="Who or what made the entry.")
    # 5 U.S.C. 552a(b)(7): withheld from the accounting given to the person (552a(c)(3)).
    law_enforcement = models.BooleanField(default=False)
    # A mistaken entry is corrected by a new one naming it, never edited or deleted
    # (audit.disclosures.resolve_corrections). No database constraint: the audit's
    # retention removes old entries by range, and a correction may outlive its mistake.
    corrects = models.ForeignKey(
        "self",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The mistaken entry this one corrects.",
    )

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        verbose_name = "accounting of disclosure"
        verbose_name_plural = "accounting of disclosures"
        constraints = [
            # One correction per mistaken entry: a second is a correction of the first.
            models.UniqueConstraint(
                fields=["corrects"],
                condition=models.Q(corrects__isnull=False),
                name="disclosure_corrected_once",
            )
        ]

    def __str__(self) -> str:
        return f"Disclosure #{self.pk}"


class DisagreementStatement(AppendOnlyModel):
    """A person's concise statement of disagreement with a record the agency refused to
    amend, filed after the refusal was upheld on review (5 U.S.C. 552a(d)(3)). It is
    attached to the disputed record: noted wherever the record is shown, and given with
    it in every later disclosure and package (552a(d)(4)); recipients of earlier
    disclosures are told of it (552a(c)(4); 39 CFR 266.3(c)). Written by
    audit.disagreements only.

    Its words are sealed under the disputed record's data key (or its person's), as a
    change entry's are: when retention destroys the record, the statement is erased with
    it, while the fact that one was filed stays. Never edited; a later statement is a new
    row."""

    filed_at = models.DateTimeField(default=timezone.now)
    # The person's customer number, not a foreign key (as the accounting's).
    person_id = models.BigIntegerField(db_index=True)
    system = models.CharField(max_length=20)
    # The disputed record ("app_label.Model" and primary key) and field.
    record_model = models.CharField(max_length=100)
    record_pk = models.BigIntegerField()
    field = models.CharField(max_length=100)
    # keystore.crypto.encrypt_value under the record's (or its person's) data key.
    sealed_statement = models.TextField()
    # The Privacy Act request the refusal answered.
    request_number = models.CharField(max_length=20)
    recorded_by = models.CharField(max_length=150, help_text="Who or what made the entry.")

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = "statement of disagreement"
        verbose_name_plural = "statements of disagreement"
        indexes = [models.Index(fields=["record_model", "record_pk"], name="disagreement_record")]

    def __str__(self) -> str:
        return f"Statement of disagreement #{self.pk}"


class BulkChange(AppendOnlyModel):
    """An operation that changes rows without model signals (bulk loads, key rotation,
    later purges) and so escapes django-auditlog: what it did, to which model, how many
    rows, who or what ran it. Identifiers and counts only, never personal data."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    operation = models.CharField(max_length=40)
    model = models.CharField(max_length=100)
    row_count = models.PositiveIntegerField()
    description = models.CharField(max_length=300, blank=True)
    performed_by = models.CharField(max_length=200, help_text="A user, or the OS user and command.")

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Bulk change #{self.pk}"


class SecurityEvent(AppendOnlyModel):
    """A sign-in security event: an account or client address locked out after repeated
    failed sign-ins, a lock lifted by a security administrator, a user signed out
    everywhere (issue 14, items 2-3; NIST SP 800-53 AC-7 and AU-2). Who it was about and
    who did it are kept as values, like an access event's user. Identifiers only: a
    username typed at the sign-in form that names no account is not kept (it may be a
    password typed in the wrong box)."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=SecurityEventKind.choices)
    user_id = models.IntegerField(null=True, blank=True, db_index=True, help_text="The account.")
    username = models.CharField(max_length=150, blank=True)
    remote_addr = models.GenericIPAddressField(
        null=True, blank=True, help_text="The client address concerned (a lockout's)."
    )
    actor_id = models.IntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True, help_text="Who did it.")
    actor_addr = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Security event #{self.pk}"


class AccessEventPerson(AppendOnlyModel):
    """Which people an access event's records are about: the index behind each person's
    "who has seen this" (written in the same transaction as the events)."""

    event = models.ForeignKey(AccessEvent, on_delete=models.PROTECT, related_name="people")
    person_id = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"Access event #{self.event_id} about customer #{self.person_id}"
