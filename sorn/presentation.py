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
    ("editorial_notes", "Notes on this transcription", "paragraphs"),
)

# Sections every notice prints, even when empty (then they say it was not published).
REQUIRED_SECTIONS = frozenset(
    key
    for key, _, _ in SECTIONS
    if key not in {"security_classification", "exemptions", "history", "editorial_notes"}
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    kind: str
    value: Any

    @property
    def anchor(self) -> str:
        return self.key.replace("_", "-")


def notice_sections(document: dict[str, Any]) -> list[Section]:
    sections = []
    for key, heading, kind in SECTIONS:
        value = document.get(key)
        if not value and key not in REQUIRED_SECTIONS:
            continue
        sections.append(Section(key, heading, kind, value))
    return sections
