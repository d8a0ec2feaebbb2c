"""The policy as stored for staff to browse (the code in access/policy.py is its source),
and the service accounts other services call the API with."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

# A throttle rate as REST framework reads it: a count, "/", and a period whose first
# letter is s, m, h or d ("600/min", "20/s", "10000/day").
RATE = re.compile(r"^[1-9][0-9]{0,6}/(s|sec|second|m|min|minute|h|hour|d|day)$")


def validate_rate(value: str) -> None:
    if not RATE.match(value or ""):
        raise ValidationError(
            'Give a number of requests and a period: "600/min", "20/s", "5000/hour", "10000/day".'
        )


class PolicyGrant(models.Model):
    """The role policy (access/policy.py GRANTS and SCOPES) as stored for staff to browse in
    the admin. Rewritten from the code after every migrate; the code is the one source."""

    data_class = models.CharField(max_length=30)
    role = models.CharField(max_length=30)
    access = models.CharField(max_length=10)
    scope = models.TextField(help_text="The systems and categories the role works on.")
    reason = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "role"]
        constraints = [
            models.UniqueConstraint(fields=["data_class", "role"], name="one_grant_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.role} × {self.data_class}: {self.access}"


class ServiceAccount(models.Model):
    """Another service's account for the REST API (issue 13, item 3): a user with roles
    like a staff user's, that never signs in anywhere but holds tokens a security
    administrator issues (django-rest-knox: stored as digests, expiring, revocable,
    shown once). Its user has no usable password and is never staff, so neither the
    admin's sign-in nor the token endpoint lets it in (access/service_accounts.py keeps
    it so)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_account"
    )
    description = models.TextField(
        help_text="What the service is and what it reads the records for."
    )
    rate = models.CharField(
        "request rate",
        max_length=20,
        default="600/min",
        validators=[validate_rate],
        help_text='Requests allowed per period, e.g. "600/min", "20/s", "10000/day".',
    )
    token_days = models.PositiveSmallIntegerField(
        "token lifetime (days)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How long each token issued to the service stays valid.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.user.get_username()


class SessionGeneration(models.Model):
    """How many times a user has been signed out everywhere. Each session remembers the
    generation it signed in under (access/sessions.py); a session of an older generation
    is ended on its next request. Ending every session of a user is then one update,
    never a scan of the session table (whose rows cannot be searched by user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_generation"
    )
    generation = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Session generation {self.generation} of user #{self.user_id}"
