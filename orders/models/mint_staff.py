"""Treasury/Mint .009 (a): "Names and user IDs of Federal employees, employees of
government contractors and subcontractors, and audit logs and records of their system
access". These people are covered by the system too (categories of individuals), and the
orders, chats and calls they handle link to them (retrieval by "employee, government
contractor and subcontractor employee user identification").

Retention: the Mint's notice of altered system does not republish its retention section;
no period is published, so nothing here is destroyed automatically.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from orders.constants import EmployerType, SystemAction
from orders.models.common import ends_after_starts, raise_if


class MintStaffUser(EncryptedRecord):
    """A user account of the Order Management System held by a Federal employee or an
    employee of a government contractor or subcontractor."""

    name = EncryptedTextField(max_length=200)
    name_index = BlindIndexField(source="name", kind="name")
    # Mint .009 retrievability: "employee ... user identification". The system's own
    # account identifier: clear, unique, searchable.
    user_id = models.CharField("user ID", max_length=40, unique=True)
    employer_type = models.CharField(max_length=14, choices=EmployerType.choices)
    access_granted_on = models.DateField(default=timezone.localdate, db_index=True)
    access_revoked_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["user_id"]
        verbose_name = "Mint staff user"
        constraints = [
            ends_after_starts("access_granted_on", "access_revoked_on", "staff_revoked_after")
        ]

    def __str__(self) -> str:
        # The row's number only: a title shows to every role that sees the
        # model, so it carries no field the policy might hide or mask.
        return f"{self._meta.verbose_name.capitalize()} #{self.pk}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.user_id = (self.user_id or "").strip()
        if not self.name:
            errors["name"] = "Enter the staff member's name."
        if (
            self.access_revoked_on
            and self.access_granted_on
            and self.access_revoked_on < self.access_granted_on
        ):
            errors["access_revoked_on"] = "Access cannot be revoked before it was granted."
        raise_if(errors)

    def had_access_on(self, day: datetime.date) -> bool:
        return self.access_granted_on <= day and (
            self.access_revoked_on is None or day <= self.access_revoked_on
        )


class MintSystemAccess(models.Model):
    """One entry of a staff user's audit log of system access (Mint .009 (a))."""

    staff_user = models.ForeignKey(
        MintStaffUser, on_delete=models.CASCADE, related_name="access_records"
    )
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=14, choices=SystemAction.choices)
    # What was accessed, by identifier only ("order MO0000123456"), never personal data.
    object_reference = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = "Mint system access record"

    def __str__(self) -> str:
        return f"{self.action} by staff user #{self.staff_user_id} at {self.accessed_at:%Y-%m-%d}"

    def clean(self) -> None:
        # A failed logon may be recorded at any time; anything else needs access granted.
        if (
            self.staff_user_id
            and self.accessed_at
            and self.action != SystemAction.FAILED_LOGON
            and not self.staff_user.had_access_on(timezone.localdate(self.accessed_at))
        ):
            raise_if({"accessed_at": "The staff user had no system access on that date."})
