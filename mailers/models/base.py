"""Rules shared by the USPS 820.100 record models."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


def same_person_as_application(record: models.Model) -> None:
    """A record attached to an application is filed under that application's applicant:
    the person whose relationship ending starts USPS 820.100 retention 4, and whom the
    notice's retrieval (customer name, customer ID, logon ID) finds."""
    if (
        getattr(record, "application_id", None)
        and record.person_id
        and record.application.person_id != record.person_id
    ):
        raise ValidationError({"application": "The application belongs to another customer."})
