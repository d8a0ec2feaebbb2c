"""Legal holds, purge runs and their certificates of destruction.

Nothing here holds personal data: a hold names a customer number, a system, a record's
model and number, or a query over non-personal fields; runs and certificates hold counts,
dates and identifiers. A purge run's batches are its journal: each is written in the same
transaction as the deletion it describes, so what a crashed run destroyed is always
known, and the data keys still to be destroyed (the key store is another database) are
found by the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from sorn.constants import SystemSlug


class HoldScope(models.TextChoices):
    PERSON = "person", "A person (every record about them)"
    SYSTEM = "system", "A system of records"
    RECORD = "record", "One record"
    QUERY = "query", "Records matching a query"


class LegalHoldQuerySet(models.QuerySet):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(released_at__isnull=True)


class LegalHold(models.Model):
    """A hold on destruction (litigation, audit, investigation, FOIA or Privacy Act
    appeal): what it covers is kept whatever its retention rule says, until a records or
    privacy officer releases it explicitly."""

    scope = models.CharField(max_length=10, choices=HoldScope.choices)
    person_id = models.BigIntegerField(
        "customer number", null=True, blank=True, db_index=True, help_text="For a person hold."
    )
    system = models.CharField(
        max_length=20, choices=SystemSlug.choices, blank=True, help_text="For a system hold."
    )
    model_label = models.CharField(
        "record type",
        max_length=100,
        blank=True,
        help_text='For a record or query hold: "app_label.Model", e.g. "orders.OfflineOrder".',
    )
    record_id = models.BigIntegerField(
        "record number", null=True, blank=True, help_text="For a record hold."
    )
    query = models.JSONField(
        null=True,
        blank=True,
        help_text='For a query hold: field lookups, e.g. {"placed_on__lt": "2020-01-01"}. '
        "Only fields stored in clear may be queried.",
    )
    reason = models.TextField(help_text="Why the records must be kept (matter, docket, request).")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            # A reason of blanks is no reason.
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("reason")), 0),
                name="hold_has_reason",
                violation_error_message="A legal hold needs a reason.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="person", person_id__isnull=False)
                    | models.Q(scope="system") & ~models.Q(system="")
                    | models.Q(scope="record", record_id__isnull=False) & ~models.Q(model_label="")
                    | models.Q(scope="query", query__isnull=False) & ~models.Q(model_label="")
                ),
                name="hold_names_what_it_holds",
            ),
            models.CheckConstraint(
                condition=models.Q(released_at__isnull=True)
                | models.Q(released_by__isnull=False) & ~models.Q(release_reason=""),
                name="hold_release_has_who_and_why",
            ),
        ]
        indexes = [models.Index(fields=["scope", "released_at"], name="hold_scope_active")]

    def __str__(self) -> str:
        return f"Legal hold #{self.pk} ({self.get_scope_display().split(' (')[0].lower()})"

    @property
    def is_active(self) -> bool:
        return self.released_at is None

    def clean(self) -> None:
        # An empty reason is refused by the field itself (and a form strips blanks to
        # empty); blanks reaching the model another way are refused here.
        if self.reason and not self.reason.strip():
            raise ValidationError({"reason": "A legal hold needs a reason, not blanks."})

    @property
    def target(self) -> str:
        """What the hold covers, in identifiers only."""
        if self.scope == HoldScope.PERSON:
            return f"customer #{self.person_id}"
        if self.scope == HoldScope.SYSTEM:
            return SystemSlug(self.system).label if self.system else "?"
        if self.scope == HoldScope.RECORD:
            return f"{self.model_label} #{self.record_id}"
        return f"{self.model_label} where {self.query}"


class RunStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting a records officer's approval"
    APPROVED = "approved", "Approved, not yet run"
    REJECTED = "rejected", "Rejected"
    RUNNING = "running", "Running"
    INTERRUPTED = "interrupted", "Interrupted (finished by a later run)"
    COMPLETED = "completed", "Completed"
    DRY_RUN = "dry_run", "Dry run (nothing destroyed)"


class PurgeRun(models.Model):
    """One run of the purge: the plan it applied and what it destroyed."""

    as_of = models.DateField()
    status = models.CharField(max_length=20, choices=RunStatus.choices)
    # Which schedule or command started it, and who approved it where approval is required.
    triggered_by = models.CharField(max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    # {system slug: revision number}: the catalogue revision whose rules the run applied.
    revisions = models.JSONField(default=dict)
    plan = models.JSONField(default=dict, help_text="The plan as computed (counts, no data).")
    batch_size = models.PositiveIntegerField(default=5000)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "purge run"

    def __str__(self) -> str:
        return f"Purge run #{self.pk} as of {self.as_of}"

    @property
    def authorised_by(self) -> str:
        if self.approved_by_id:
            return f"approved by {self.approved_by} at {self.approved_at:%Y-%m-%d %H:%M %Z}"
        return self.triggered_by


class PurgeBatch(models.Model):
    """One committed batch of a run: written in the transaction that deleted its rows."""

    run = models.ForeignKey(PurgeRun, on_delete=models.PROTECT, related_name="batches")
    system = models.CharField(max_length=20)
    rule_key = models.CharField(max_length=80)
    model_label = models.CharField(max_length=100)
    row_count = models.PositiveIntegerField()
    # Primary keys destroyed and data keys to destroy, packed as big-endian 64-bit ints.
    record_ids = models.BinaryField()
    data_key_ids = models.BinaryField()
    committed_at = models.DateTimeField(default=timezone.now)
    # Set once the batch's data keys are gone from the key store (cryptographic erase).
    keys_destroyed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["run", "id"]
        verbose_name_plural = "purge batches"

    def __str__(self) -> str:
        return f"Purge batch #{self.pk} of run #{self.run_id}"


class DestructionCertificate(models.Model):
    """What a run destroyed, per rule and model, certified by a digest over the sorted
    identifiers destroyed. No personal data."""

    run = models.OneToOneField(PurgeRun, on_delete=models.PROTECT, related_name="certificate")
    issued_at = models.DateTimeField(default=timezone.now)
    as_of = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    authorised_by = models.CharField(max_length=300)
    revisions = models.JSONField()
    # [{"system", "rule", "model", "count"}], in the order the run destroyed them.
    lines = models.JSONField()
    total = models.PositiveBigIntegerField()
    # SHA-256 over "app_label.Model:id\n" for every destroyed record, sorted.
    digest = models.CharField(max_length=64)
    complete = models.BooleanField(
        help_text="False when the run was interrupted; a later run finished its plan."
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = "certificate of destruction"
        verbose_name_plural = "certificates of destruction"

    def __str__(self) -> str:
        return f"Certificate of destruction #{self.pk} (run #{self.run_id})"


class RetentionForecast(models.Model):
    """What the rules will make due in the next 30, 90 and 365 days, as computed by the
    nightly plan or on a records officer's request (retention.forecasts), and shown by the
    dashboard as stored: a forecast is three plans over every record table, too slow to
    compute on each view (issue 14, item 13). Counts and rule keys only, no personal data.

    A row is created when a forecast is asked for (`requested_at`, `requested_by`) and
    filled in when the worker has computed it (`computed_at`)."""

    requested_at = models.DateTimeField(default=timezone.now)
    # A user name, or the schedule that asked (retention.tasks.TRIGGER).
    requested_by = models.CharField(max_length=200)
    computed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    as_of = models.DateField(null=True, blank=True, help_text="The day the horizons count from.")
    seconds = models.FloatField(null=True, blank=True, help_text="How long computing it took.")
    # {"horizons": [30, 90, 365], "revisions": {...}, "rows": [...], "totals": [...],
    #  "no_authority": [...], "pending_requests": n}: retention.forecasts.forecast().
    figures = models.JSONField(default=dict)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "retention forecast"

    def __str__(self) -> str:
        return f"Retention forecast #{self.pk}"
