"""How a stored notice is laid out for reading: its sections, in the order notices print
them. The public pages render every notice through this one list, not a template per
system, so a section added to the catalogue shows up everywhere at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (document key, heading, how to render it)
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("security_classification", "Security classification", "text"),
    ("system_location", "System location", "text"),
    ("system_managers", "System manager(s) and address", "paragraphs"),
    ("authority", "Authority for maintenance of the system", "text"),
    ("purposes", "Purpose(s) of the system", "purposes"),
    ("categories_of_individuals", "Categories of individuals covered by the system", "paragraphs"),
    ("record_categories", "Categories of records in the system", "categories"),
    ("record_source_categories", "Record source categories", "text"),
    ("routine_uses", "Routine uses of records maintained in the system", "routine_uses"),
    ("storage", "Policies and practices for storage of records", "text"),
    ("retrievability", "Policies and practices for retrieval of records", "retrieval"),
    ("safeguards", "Administrative, technical, and physical safeguards", "paragraphs"),
    ("retention_rules", "Policies and practices for retention of records", "retention"),
    ("disposal", "Disposal", "text"),
    ("notification_procedure", "Notification procedure", "text"),
    ("record_access_procedure", "Record access procedures", "text"),
    ("contesting_procedure", "Contesting record procedures", "text"),
    ("exemptions", "Exemptions promulgated for the system", "text"),
    ("history", "History", "paragraphs"),
)
HEADINGS = {key: heading for key, heading, _ in SECTIONS}
ANCHOR = {key: key.replace("_", "-") for key, _, _ in SECTIONS}

# The transcriber's editorial notes are not the notice's text: the page shows them apart,
# after the notice, under this heading (`transcription_notes`).
TRANSCRIPTION_HEADING = "About this transcription"

# Sections every notice prints, even when empty (then they say it was not published).
REQUIRED_SECTIONS = frozenset(
    key for key, _, _ in SECTIONS if key not in {"security_classification", "exemptions", "history"}
)


@dataclass(frozen=True)
class UnpublishedReference:
    """Where a section's words point at a section the notice does not publish, and what
    the notice publishes instead (sorn.catalogue.schema.UnpublishedReference)."""

    refers_to: str
    missing_heading: str
    missing_anchor: str
    instead_for: str
    instead: str


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    kind: str
    value: Any
    unpublished_references: tuple[UnpublishedReference, ...] = ()

    @property
    def anchor(self) -> str:
        return ANCHOR[self.key]


def unpublished_references(document: dict[str, Any]) -> dict[str, tuple[UnpublishedReference, ...]]:
    """Per section key, where its words point at a section the notice does not publish."""
    references: dict[str, list[UnpublishedReference]] = {}
    # Absent from documents stored before the field existed, and from notices without one.
    for ref in document.get("unpublished_references", ()):
        references.setdefault(ref["section"], []).append(
            UnpublishedReference(
                refers_to=ref["refers_to"],
                missing_heading=HEADINGS.get(ref["missing"], ref["missing"]),
                missing_anchor=ANCHOR.get(ref["missing"], ""),
                instead_for=ref["instead_for"],
                instead=ref["instead"],
            )
        )
    return {key: tuple(refs) for key, refs in references.items()}


def notice_sections(document: dict[str, Any]) -> list[Section]:
    references = unpublished_references(document)
    sections = []
    for key, heading, kind in SECTIONS:
        value = document.get(key)
        if not value and key not in REQUIRED_SECTIONS:
            continue
        sections.append(Section(key, heading, kind, value, references.get(key, ())))
    return sections


def transcription_notes(document: dict[str, Any]) -> list[str]:
    """The transcriber's editorial notes on a notice, shown apart from its text."""
    return list(document.get("editorial_notes") or ())
