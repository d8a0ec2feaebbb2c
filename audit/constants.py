from django.db import models

from sorn.constants import Role

# Who reads the audit itself (access events, change entries, seals, tombstones), in the
# admin and over the API: auditors, and only they.
AUDITOR_ROLES = frozenset({Role.AUDITOR})
# The accounting of disclosures (5 U.S.C. 552a(c)) is the privacy officer's to keep and
# the auditor's to review.
DISCLOSURE_VIEWER_ROLES = frozenset({Role.PRIVACY_OFFICER, Role.AUDITOR})
DISCLOSURE_EDITOR_ROLES = frozenset({Role.PRIVACY_OFFICER})


class AccessChannel(models.TextChoices):
    """Every way a record's fields leave the database through the policy gate."""

    ADMIN_LIST = "admin_list", "Admin change list"
    ADMIN_FORM = "admin_form", "Admin change form"
    API_LIST = "api_list", "API list"
    API_DETAIL = "api_detail", "API detail"
    CSV_EXPORT = "csv_export", "CSV export"
    REQUEST_PACKAGE = "request_package", "Privacy Act request package"


class SecurityEventKind(models.TextChoices):
    """What a security event records (audit.models.SecurityEvent)."""

    LOCKED_OUT = "locked_out", "Sign-in locked out"
    UNLOCKED = "unlocked", "Sign-in lock lifted"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
