"""What the rights page (/privacy/) says about each system of records, derived from its
notice as stored (the current revision's document): what it holds, what a request to it
must give, how to ask, and which agency's time limits apply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from access_requests.clocks import AgencyClocks, clocks_for
from access_requests.identifiers import requester_identifiers
from sorn.models import SystemOfRecords
from sorn.presentation import UnpublishedReference, unpublished_references

# A regulation a procedure cites: "39 CFR 266.6", "31 CFR Part 1, subpart C, appendix H".
_CFR_CITATION = re.compile(
    r"\b\d+ CFR (?:[Pp]art )?\d+(?:\.\d+)?(?:, subpart [A-Z])?(?:, appendix [A-Z])?"
)


@dataclass(frozen=True)
class SystemRights:
    slug: str
    number: str
    name: str
    url: str
    agency: str
    holds: list[str]  # the notice's record category names
    identifiers: list[str]  # plain words (access_requests/identifiers.py)
    several_retrieval_paths: bool
    notification_procedure: str
    # Where the notification procedure points at a section the notice does not publish
    # (Treasury/Mint .009's "System Manager and Address" described above).
    notification_references: tuple[UnpublishedReference, ...]
    record_access_procedure: str
    contesting_procedure: str
    regulations: list[str]  # the regulations the notice's procedures cite
    clocks: AgencyClocks


def cited_regulations(*texts: str) -> list[str]:
    """The CFR citations in the texts, in order, each once."""
    found: list[str] = []
    for text in texts:
        for citation in _CFR_CITATION.findall(text):
            if citation not in found:
                found.append(citation)
    return found


def system_rights(system: SystemOfRecords) -> SystemRights:
    document: dict[str, Any] = system.current_revision.document
    procedures = (
        document["notification_procedure"],
        document["record_access_procedure"],
        document["contesting_procedure"],
    )
    return SystemRights(
        slug=system.slug,
        number=document["number"],
        name=document["name"],
        url=system.get_absolute_url(),
        agency=document["agency"],
        holds=[category["name"] for category in document["record_categories"]],
        identifiers=requester_identifiers(document["retrievability"]),
        several_retrieval_paths=len(document["retrievability"]) > 1,
        notification_procedure=procedures[0],
        notification_references=unpublished_references(document).get("notification_procedure", ()),
        record_access_procedure=procedures[1],
        contesting_procedure=procedures[2],
        regulations=cited_regulations(*procedures),
        clocks=clocks_for(document["agency"]),
    )


def published_systems() -> list[SystemRights]:
    systems = SystemOfRecords.objects.filter(current_revision__isnull=False).select_related(
        "current_revision"
    )
    return [system_rights(system) for system in systems]


def agencies_of(systems: list[SystemRights]) -> list[tuple[AgencyClocks, list[SystemRights]]]:
    """Each agency's time limits with the systems they govern, in the systems' order."""
    grouped: dict[str, tuple[AgencyClocks, list[SystemRights]]] = {}
    for system in systems:
        grouped.setdefault(system.agency, (system.clocks, []))[1].append(system)
    return list(grouped.values())
