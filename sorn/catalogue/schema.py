"""The shape of a system-of-records notice, as data.

Each published notice (a SORN) is transcribed into one `Notice` value in a module of
this package. The fields follow the sections every notice carries under 5 U.S.C.
552a(e)(4): location, categories of individuals, categories of records, authority,
purposes, routine uses, storage, retrievability, safeguards, retention and disposal,
system manager, notification / access / contesting procedures, record sources.

Values are frozen dataclasses so the catalogue is plain, reviewable source that cannot
be changed by accident at run time; `as_document()` turns one into the JSON document
stored with each revision in the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sorn.constants import RetentionAnchor

# A catalogue RetentionRule or a stored sorn.models.RetentionRule: both have applies_to.
_R = TypeVar("_R")


@dataclass(frozen=True)
class Purpose:
    number: int
    text: str


@dataclass(frozen=True)
class RecordCategory:
    """One entry of "Categories of records in the system"."""

    key: str  # stable identifier used by field classification and retention rules
    number: int | None  # the notice's own numbering or letter position, where it has one
    name: str
    description: str


@dataclass(frozen=True)
class RecordKind:
    """A kind of record inside a category that a retention sentence names on its own.

    E.g. USPS 810.300 lists "ACH information" inside "Payment information", but its
    retention section keeps "ACH records" on a clock of their own.
    """

    key: str
    name: str
    category: str  # key of the RecordCategory it belongs to


@dataclass(frozen=True)
class RetrievalPath:
    """One way the notice says records are retrieved ("Retrievability")."""

    key: str
    text: str
    identifiers: tuple[str, ...]  # normalised identifier names, e.g. ("name", "email")


@dataclass(frozen=True)
class RetentionRule:
    """One retention sentence of the notice, made structured.

    `period` is an ISO 8601 duration (P2Y, P24M, P0D) or None where the notice gives no
    period: then there is no disposition authority and nothing is destroyed
    automatically. `anchor` says what the period is counted from.
    """

    key: str
    applies_to: tuple[str, ...]  # record category keys or record kind keys
    period: str | None
    anchor: str  # a RetentionAnchor value
    source_text: str

    @property
    def has_disposition_authority(self) -> bool:
        return self.period is not None

    @property
    def anchor_label(self) -> str:
        try:
            return RetentionAnchor(self.anchor).label
        except ValueError:
            return self.anchor


@dataclass(frozen=True)
class RoutineUses:
    text: str  # as published, e.g. "Standard routine uses 1. through 7., 10., and 11. apply."
    standard: tuple[int, ...] = ()  # the numbered standard routine uses it invokes
    specific: tuple[str, ...] = ()  # routine uses the notice spells out itself


@dataclass(frozen=True)
class UnpublishedReference:
    """A notice's own words pointing at a section the notice does not publish.

    Treasury/Mint .009, a notice of altered system, sends requests to the "System
    Manager and Address" described above, a section it left out as unchanged. The public
    page says so where the words appear and gives what the notice does publish instead;
    `instead_for` and `instead` are quoted from the notice (checked: sorn.E009).
    """

    section: str  # document key of the section whose text refers, e.g. "notification_procedure"
    refers_to: str  # the referring words, verbatim from that section
    missing: str  # document key of the section referred to, which the notice does not publish
    instead_for: str  # verbatim: what the notice publishes `instead` for
    instead: str  # verbatim: the address (or other text) the notice does publish


# Fields added to `Notice` after notices were first loaded: left out of a revision's
# document while empty, so a notice that does not use one keeps its digest (and gets no
# new revision for a change of schema alone).
_OMITTED_WHEN_EMPTY = ("unpublished_references",)


@dataclass(frozen=True)
class Notice:
    slug: str
    number: str  # "USPS 810.300", "Treasury/United States Mint .009"
    name: str
    agency: str
    system_location: str
    system_managers: tuple[str, ...]
    authority: str
    purposes: tuple[Purpose, ...]
    categories_of_individuals: tuple[str, ...]
    record_categories: tuple[RecordCategory, ...]
    record_source_categories: str
    routine_uses: RoutineUses
    storage: str
    retrievability: tuple[RetrievalPath, ...]
    safeguards: tuple[str, ...]  # paragraphs
    retention_rules: tuple[RetentionRule, ...]
    disposal: str
    notification_procedure: str
    record_access_procedure: str
    contesting_procedure: str
    history: tuple[str, ...] = ()
    security_classification: str = ""
    exemptions: str = ""
    record_kinds: tuple[RecordKind, ...] = ()
    # Where the transcription had to decide something the notice leaves open (a
    # section not republished, a duplicated category), it says so here.
    editorial_notes: tuple[str, ...] = ()
    unpublished_references: tuple[UnpublishedReference, ...] = ()
    source_document: str = ""  # file name under shared/seeds/
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.number}, {self.name}"

    def category(self, key: str) -> RecordCategory:
        for category in self.record_categories:
            if category.key == key:
                return category
        raise KeyError(f"{self.number} publishes no record category {key!r}")

    @property
    def category_keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.record_categories)

    @property
    def record_kind_keys(self) -> frozenset[str]:
        return frozenset(k.key for k in self.record_kinds)

    def retention_rule_for(self, record_key: str) -> RetentionRule:
        """The rule governing records of a category or kind (see `governing_rule`)."""
        kinds = {k.key: k.category for k in self.record_kinds}
        return governing_rule(record_key, self.retention_rules, kinds)

    def as_document(self) -> dict[str, Any]:
        """The notice as a JSON-serialisable dict (what a revision stores)."""
        document = dataclasses.asdict(self)
        for key in _OMITTED_WHEN_EMPTY:
            if not document[key]:
                del document[key]
        return document


def governing_rule(record_key: str, rules: Iterable[_R], kinds: Mapping[str, str]) -> _R:
    """The retention rule that governs records of `record_key` (a category or kind key).

    A rule naming the key itself wins; a record kind no rule names falls under its
    category's rule (USPS 890.000 keeps meeting recordings, a kind of participant
    session data, on a rule of their own, but a kind without one is kept as its
    category is). Works on the catalogue's rules and on a stored revision's alike: both
    have `applies_to`. KeyError when no rule applies.
    """
    rules = list(rules)
    for key in (record_key, kinds.get(record_key)):
        for rule in rules:
            if key is not None and key in rule.applies_to:
                return rule
    raise KeyError(f"no retention rule applies to {record_key!r}")
