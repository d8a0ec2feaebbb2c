"""Computer logon accounts, logon records and security access records (USPS 820.100,
purpose 2: "authenticate applicant information, assign computer logon IDs")."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import models

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from mailers.constants import AccessLevel, AccountRole, LogonOutcome, SecuredResource


class MailerAccount(EncryptedRecord):
    """A computer logon ID assigned to a customer, as user or manager (USPS 820.100,
    category 2: "User and manager customer ID(s) and/or passwords"). The logon ID is
    encrypted with a blind index beside it (the notice retrieves by logon ID); a password,
    if any, only as a hash that can be set and checked, never read."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_accounts"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    logon_id = EncryptedTextField("logon ID", max_length=64, blank=False)
    logon_id_index = BlindIndexField(source="logon_id", kind="identifier")
    role = models.CharField(max_length=8, choices=AccountRole.choices)
    assigned_on = models.DateField(db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    password_hash = models.CharField(max_length=256, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["logon_id_index"],
                condition=~models.Q(logon_id_index=""),
                name="mailer_account_unique_logon_id",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("assigned_on")),
                name="mailer_account_closed_after_assigned",
            ),
        ]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.closed_on and self.assigned_on and self.closed_on < self.assigned_on:
            errors["closed_on"] = "An account cannot be closed before it was assigned."
        if self.logon_id and (
            MailerAccount.objects.lookup(logon_id=self.logon_id).exclude(pk=self.pk).exists()
        ):
            errors["logon_id"] = "This logon ID is already assigned."
        if errors:
            raise ValidationError(errors)

    def set_password(self, raw: str) -> None:
        self.password_hash = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return bool(self.password_hash) and check_password(raw, self.password_hash)


class MailerLogon(EncryptedRecord):
    """One logon to a USPS computer with a mailer account: a logon record. USPS 820.100,
    retention 1: "Logon records are retained 1 year after computer access", counted from
    `logged_on_at`, the access itself. The logon ID is the one typed (it may since have
    changed on the account); the source IP address is encrypted."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_logons"
    )
    # RESTRICT: an account is never deleted from under its logon records (retention 1 keeps
    # them on a clock of their own); purging the customer removes both together.
    account = models.ForeignKey(MailerAccount, on_delete=models.RESTRICT, related_name="logons")
    logon_id = EncryptedTextField("logon ID", max_length=64, blank=False)
    logon_id_index = BlindIndexField(source="logon_id", kind="identifier")
    logged_on_at = models.DateTimeField(db_index=True)
    source_ip = EncryptedTextField(
        "source IP address", max_length=45, validators=[validate_ipv46_address]
    )
    outcome = models.CharField(max_length=16, choices=LogonOutcome.choices)

    class Meta:
        ordering = ["-logged_on_at"]

    def clean(self) -> None:
        if self.account_id and self.person_id and self.account.person_id != self.person_id:
            raise ValidationError({"account": "The account belongs to another customer."})


class SecurityAccess(EncryptedRecord):
    """Access privileges to a USPS computer system granted to a mailer account: a security
    access record. USPS 820.100, retention 3: "retained 2 years after computer access
    privileges are cancelled", counted from `cancelled_on`; kept while access lasts."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_security_access"
    )
    # RESTRICT: deleting an account must not destroy its security access records before
    # retention 3's two years have run; purging the customer removes both together.
    account = models.ForeignKey(
        MailerAccount, on_delete=models.RESTRICT, related_name="security_access"
    )
    resource = models.CharField(max_length=20, choices=SecuredResource.choices)
    access_level = models.CharField(max_length=12, choices=AccessLevel.choices)
    granted_on = models.DateField(db_index=True)
    # USPS 820.100, retention 3: the anchor of the 2 years.
    cancelled_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "security access records"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cancelled_on__isnull=True)
                | models.Q(cancelled_on__gte=models.F("granted_on")),
                name="mailer_security_access_cancelled_after_granted",
            )
        ]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.cancelled_on and self.granted_on and self.cancelled_on < self.granted_on:
            errors["cancelled_on"] = "Access cannot be cancelled before it was granted."
        if self.account_id and self.person_id and self.account.person_id != self.person_id:
            errors["account"] = "The account belongs to another customer."
        if errors:
            raise ValidationError(errors)
