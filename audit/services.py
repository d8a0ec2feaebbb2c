"""What the audit tells about one person: who has seen their records, and to whom they
were disclosed (5 U.S.C. 552a(c)(3): the accounting is available to the person)."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import AccessEvent, DisclosureAccounting


def access_history(person_id: int) -> QuerySet[AccessEvent]:
    """Every access event that let through a record about the person, newest first."""
    return AccessEvent.objects.filter(people__person_id=person_id).distinct()


def disclosures_of(person_id: int) -> QuerySet[DisclosureAccounting]:
    return DisclosureAccounting.objects.filter(person_id=person_id)
