"""The catalogue as stored: one row per system of records, one revision per published text.

The source of truth is the reviewable Python in `sorn/catalogue/`; `load_catalogue` (also
run after every `migrate`) stores it here. A notice whose text changed gets a new
revision; earlier revisions stay readable, because a purge run or a request answered
under an earlier text must keep pointing at the text that applied then.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from sorn.constants import RetentionAnchor


class SystemOfRecords(models.Model):
    slug = models.SlugField(unique=True)
    number = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    current_revision = models.ForeignKey(
        "NoticeRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "number"]
        verbose_name = "system of records"
        verbose_name_plural = "systems of records"

    def __str__(self) -> str:
        return f"{self.number}, {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("sorn:system-detail", args=[self.slug])

    def retention_revision(self) -> NoticeRevision | None:
        """The latest revision whose retention rules are in effect (see
        NoticeRevision.retention_approval_required)."""
        return (
            self.revisions.filter(
                models.Q(retention_approval_required=False)
                | models.Q(retention_approved_at__isnull=False)
            )
            .order_by("-number")
            .first()
        )


class NoticeRevision(models.Model):
    """One published text of a notice, as the catalogue held it when it was loaded."""

    system = models.ForeignKey(SystemOfRecords, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    # SHA-256 over the canonical JSON of `document`: equal text, equal digest.
    content_digest = models.CharField(max_length=64)
    document = models.JSONField()
    loaded_at = models.DateTimeField(default=timezone.now)
    # A revision that would destroy records sooner than the one before it (a shorter
    # period, a new period where none was published, a different anchor) takes effect for
    # retention only once a records officer approves it; until then purges keep applying
    # the previous revision's rules.
    retention_approval_required = models.BooleanField(default=False)
    retention_changes = models.JSONField(default=list, blank=True)
    retention_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retention_approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["system", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="sorn_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.system.number}, revision {self.number}"

    @property
    def is_current(self) -> bool:
        return self.system.current_revision_id == self.pk

    def section(self, name: str) -> Any:
        return self.document.get(name)

    @property
    def retention_effective(self) -> bool:
        return not self.retention_approval_required or self.retention_approved_at is not None


class RecordCategory(models.Model):
    """A category of records as one revision of a notice publishes it."""

    revision = models.ForeignKey(
        NoticeRevision, on_delete=models.CASCADE, related_name="record_categories"
    )
    key = models.SlugField(max_length=80)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    name = models.CharField(max_length=200)  # CATEGORY_NAME_MAX_LENGTH, checked at start-up
    description = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["revision", "position"]
        verbose_name_plural = "record categories"
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "key"], name="sorn_record_category_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RetentionRule(models.Model):
    """One retention sentence of one revision of a notice."""

    revision = models.ForeignKey(
        NoticeRevision, on_delete=models.CASCADE, related_name="retention_rules"
    )
    key = models.SlugField(max_length=80)
    applies_to = models.JSONField(help_text="Record category keys or record kind keys.")
    # ISO 8601 duration; null where the notice gives no period (no disposition authority).
    period = models.CharField(max_length=20, null=True, blank=True)  # noqa: DJ001 (null = none published)
    anchor = models.CharField(max_length=30, choices=RetentionAnchor.choices)
    source_text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "key"], name="sorn_retention_rule_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.revision.system.number} retention rule {self.key}"

    @property
    def has_disposition_authority(self) -> bool:
        return self.period is not None
