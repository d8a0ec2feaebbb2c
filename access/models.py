"""The policy as stored for staff to browse (the code in access/policy.py is its source)."""

from django.conf import settings
from django.db import models


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
