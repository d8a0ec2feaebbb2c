"""The role policy and the gate every record read and write goes through.

"Access to records is limited to individuals whose official duties require such access"
(safeguards of USPS 810.300, 820.100, 890.000); the Mint's notice: "Only those individuals
requiring the information to accommodate handling of transactions with the customers, or
otherwise with a need to know the information for the performance of their official
duties, can access information pertaining to an individual."

Two tables, declared once:
- `GRANTS`: data class × role → none | masked | read | write, with the reason beside each
  row. Deny by default: a data class the table does not mention is hidden from everyone.
- `SCOPES`: the systems of records (and, where narrower, the record categories) each role
  works on. A role outside a field's system and category sees nothing of it.

A user holding several roles gets, per field, the most permissive grant of any of them,
except that `credential` data is never readable by anyone, not even masked.

Rights are decided per row: a field is visible on a row only when its system is one of
the systems the row belongs to *and* in the role's scope. A system's own records belong to
that system; a shared row (a person, an address, a phone) belongs to the systems of its
person's relationships; a shared row with a `system` column (a credential, a preference)
to that system. So a Mint-only customer shows no USPS-only field (company name, job title)
to anyone, and nobody writes one there: collecting what the notice does not list is
itself a violation (5 U.S.C. 552a(e)(1)).

Model-level answers (`field_access`, `readable_fields`, `can_see_model`) say what *some*
row of the model may show, for a channel's columns and schema; `rights_on` and
`row_systems` say what one row shows. `access.gate.Gate` is the entry point the channels
call.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet

from access.models import PolicyGrant
from keystore.fields import EncryptedDateField
from lib.masking import mask
from sorn.classification import FieldClassification, registry
from sorn.constants import DataClass, Role, SystemSlug
from sorn.roles import roles_of


class Access(enum.IntEnum):
    NONE = 0
    MASKED = 1
    READ = 2
    WRITE = 3

    @property
    def label(self) -> str:
        return self.name.lower()


N, M, R, W = Access.NONE, Access.MASKED, Access.READ, Access.WRITE

PO = Role.PRIVACY_OFFICER
RO = Role.RECORDS_OFFICER
CS = Role.CUSTOMER_SERVICE
FUL = Role.FULFILLMENT
MA = Role.MARKETING_ANALYST
MS = Role.MAILER_SERVICES
SA = Role.SECURITY_ADMIN
AUD = Role.AUDITOR
CA = Role.CONTRACTOR_AGENT
SO = Role.SERVICE_ORDERS
SM = Role.SERVICE_MARKETING


@dataclass(frozen=True)
class Grant:
    data_class: DataClass
    access: Mapping[str, Access]  # role → access; a role not named gets none
    reason: str

    def for_role(self, role: str) -> Access:
        return self.access.get(role, N)


# fmt: off
GRANTS: tuple[Grant, ...] = (
    Grant(DataClass.INTERNAL,
          {PO: R, RO: R, CS: R, FUL: R, MA: R, MS: R, SA: R, AUD: R, CA: R, SO: R, SM: R},
          "Row identity, links between records and retention dates: every role needs them to "
          "work with a record it may see at all; they say nothing of the person by themselves."),
    Grant(DataClass.IDENTIFIER,
          {PO: R, RO: R, CS: R, FUL: R, MA: M, MS: W, SA: R, AUD: R, CA: R, SO: R, SM: R},
          "Customer IDs, order numbers, logon IDs: how staff find a record (every notice's "
          "retrievability). Mailer services assigns mailer IDs and permits (USPS 820.100 "
          "purpose 2); analysts work on segments, not on individuals."),
    Grant(DataClass.NAME,
          {PO: R, RO: M, CS: W, FUL: R, MA: M, MS: W, SA: M, AUD: M, CA: R, SO: R, SM: R},
          "Customer service and mailer services keep names current; fulfillment addresses "
          "parcels; contractor agents serve the caller by name (Mint .009 (e), (f)). Records "
          "officers and auditors recognise a record without reading it."),
    Grant(DataClass.CONTACT,
          {PO: R, RO: M, CS: W, FUL: M, MA: M, MS: W, SA: M, AUD: M, CA: R, SO: R, SM: R},
          "E-mail, phone, fax, URL: customer service and mailer services correct them; "
          "fulfillment sees enough to recognise a delivery contact."),
    Grant(DataClass.ADDRESS,
          {PO: R, RO: M, CS: W, FUL: R, MA: M, MS: W, AUD: M, CA: R, SO: R, SM: R},
          "Postal addresses ship orders (USPS 810.300 purpose 2, Mint .009 purposes) and send "
          "publications (USPS 890.000 purpose 2)."),
    Grant(DataClass.DEMOGRAPHIC,
          {PO: R, CS: M, MA: M, CA: M},
          "Date of birth and birth month: the year or month is enough to confirm an identity "
          "on the phone or to group a segment."),
    Grant(DataClass.PREFERENCE,
          {PO: R, CS: W, MA: R, MS: R, CA: W, SO: R, SM: R},
          "Marketing and contact preferences and consents: customer service and contractor "
          "agents record a caller's opt-out; marketing honours them (USPS 810.300 customer "
          "preferences, Mint .009 (b))."),
    Grant(DataClass.FINANCIAL_CARD,
          {PO: M, CS: M, MS: M, CA: M, SO: M},
          "Card numbers: the last four digits identify a payment to its holder; nobody needs "
          "the full number after authorisation."),
    Grant(DataClass.FINANCIAL_BANK,
          {PO: M, CS: M, MS: M, SO: M},
          "Bank routing and account numbers (ACH, checks): last four digits only."),
    Grant(DataClass.FINANCIAL,
          {PO: R, CS: R, FUL: R, MS: R, CA: R, SO: R},
          "Amounts, card brands and expiry, billing facts: needed to answer a billing question "
          "or fulfil a paid order."),
    Grant(DataClass.GOVERNMENT_ID,
          {PO: M, MS: M, SA: M},
          "SSN last four digits (USPS 820.100 identification): shown as present or absent "
          "only; no duty needs the digits on screen."),
    Grant(DataClass.CREDENTIAL,
          {},
          "Passwords, verification answers and secrets: never readable by anyone, not even "
          "masked; they can only be set and checked."),
    Grant(DataClass.BUSINESS,
          {PO: R, CS: R, MA: R, MS: W, SM: R},
          "Company, industry, revenue, mail practices: mailer services qualifies applicants "
          "(USPS 820.100 purposes 1-3); marketing analyses firms (USPS 890.000 purposes 1, 11)."),
    Grant(DataClass.ORDER,
          {PO: R, RO: R, CS: W, FUL: W, MA: R, MS: R, AUD: R, CA: W, SO: W},
          "Orders, items, shipments, claims: fulfilled and corrected by fulfillment, customer "
          "service and the Mint's contractor agents; analysed by marketing."),
    Grant(DataClass.BEHAVIORAL,
          {PO: R, MA: R},
          "Browsing and segmentation (Mint .009 (d)): used only for the market segmentation "
          "the customer opted in to."),
    Grant(DataClass.COMMUNICATION,
          {PO: R, CS: R, MS: R, SA: M, CA: W},
          "Chat transcripts, call notes, messages: contractor agents write them (Mint .009 "
          "(e), (f)); security administrators see that a message exists for an investigation "
          "(USPS 890.000 purpose 8), not what it says."),
    Grant(DataClass.MEDIA,
          {PO: R, CA: R},
          "Call recordings and meeting recordings: reviewed by the agent's own service and by "
          "the privacy officer answering a request."),
    Grant(DataClass.SURVEY,
          {PO: R, MA: R, SM: R},
          "Survey, contest and research responses (USPS 890.000 purposes 1, 12, 13)."),
    Grant(DataClass.EVENT,
          {PO: R, MA: W, SM: R},
          "Event registrations, itineraries, badge names and accommodations (USPS 890.000 "
          "purpose 3)."),
    Grant(DataClass.TECHNICAL,
          {PO: R, MS: W, SA: R},
          "Hardware, software and mail-site technical profiles (USPS 820.100 purpose 4)."),
    Grant(DataClass.TELEMETRY,
          {PO: R, MA: M, SA: R},
          "Meeting and device telemetry: security administrators investigate incidents "
          "(USPS 890.000 purpose 8)."),
    Grant(DataClass.SECURITY_LOG,
          {PO: R, RO: R, MS: R, SA: W, AUD: R},
          "Logon and security-access records: security administrators grant and cancel "
          "access; auditors and records officers review them."),
    Grant(DataClass.STAFF,
          {PO: R, SA: W, AUD: R},
          "Employee and contractor user IDs and access records (Mint .009 (a))."),
)
# fmt: on

ALL = None  # every record category of a system


@dataclass(frozen=True)
class Scope:
    """The systems a role works on; per system, the categories it may see (ALL: every
    one)."""

    systems: Mapping[str, frozenset[str] | None]
    reason: str

    def allows(self, system: str, category: str | None) -> bool:
        if system not in self.systems:
            return False
        categories = self.systems[system]
        return categories is ALL or category is None or category in categories


EVERY_SYSTEM = {s.value: ALL for s in SystemSlug}
S810, S820, S890, MINT = (s.value for s in SystemSlug)

# fmt: off
SCOPES: dict[str, Scope] = {
    PO: Scope(EVERY_SYSTEM, "Answers Privacy Act requests about every system."),
    RO: Scope(EVERY_SYSTEM, "Applies every system's retention schedule."),
    AUD: Scope(EVERY_SYSTEM, "Audits access to every system."),
    CS: Scope(
        {S810: ALL, MINT: frozenset({"customer_order_information", "gift_recipients"})},
        "Serves customers of offline orders (USPS 810.300) and of the Mint's store.",
    ),
    FUL: Scope(
        {
            S810: frozenset(
                {"customer_information", "shipping_information", "order_processing",
                 "payment_information"}
            ),
            MINT: frozenset({"customer_order_information", "gift_recipients"}),
        },
        "Fulfils orders: recipients, items, shipments (USPS 810.300 purpose 2).",
    ),
    MA: Scope(
        {S890: ALL, MINT: frozenset({"browsing_behavioral", "customer_order_information"})},
        "Sales and marketing (USPS 890.000) and the Mint's opted-in segmentation.",
    ),
    MS: Scope({S820: ALL}, "Mailer services applications and approvals: USPS 820.100 only."),
    SA: Scope(
        {
            S820: frozenset({"identification_authentication"}),
            S890: frozenset(
                {"device_data", "user_data", "administration_data", "telemetry_data",
                 "chat_telemetry_data", "communication_data"}
            ),
            MINT: frozenset({"staff_user_access"}),
        },
        "Logon IDs, access records and security investigations (USPS 890.000 purpose 8).",
    ),
    CA: Scope(
        {
            MINT: frozenset(
                {"customer_order_information", "gift_recipients", "chat_records",
                 "phone_call_records"}
            )
        },
        "The Mint's contractor customer-service agents: orders, chats and calls only.",
    ),
    SO: Scope(
        {S810: ALL, MINT: frozenset({"customer_order_information", "gift_recipients"})},
        "Order-processing services integrating over the API.",
    ),
    SM: Scope(
        {
            S890: frozenset(
                {"customer_information", "identifying_information",
                 "business_specific_information", "event_information", "customer_preferences",
                 "survey_contest_information", "survey_data", "survey_data_17"}
            )
        },
        "Marketing services integrating over the API (USPS 890.000 sales and events).",
    ),
}
# fmt: on

_GRANTS_BY_CLASS = {grant.data_class: grant for grant in GRANTS}


# The gate ------------------------------------------------------------------------------

Systems = frozenset[str]

__all__ = ["roles_of"]


def grant_for(data_class: str, role: str) -> Access:
    grant = _GRANTS_BY_CLASS.get(data_class)
    return grant.for_role(role) if grant else N


def _places(fc: FieldClassification, systems: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(system, category) pairs where the field is published; internal fields go where
    their model goes."""
    categories = fc.categories(systems)
    if categories:
        return list(categories.items())
    return [(system, None) for system in systems]


@lru_cache(maxsize=16384)
def _access_on(
    roles: frozenset[str], model: type[models.Model], field_name: str, systems: Systems
) -> Access:
    """The best grant any of the roles holds on the field, counting only the places
    (system, category) where the field is published *and* the row belongs."""
    if field_name in registry.facts(model).machinery:
        return N  # search machinery and key references are never shown
    return _class_access(roles, model, field_name, systems)


@lru_cache(maxsize=16384)
def _class_access(
    roles: frozenset[str], model: type[models.Model], field_name: str, systems: Systems
) -> Access:
    entry = registry.get(model)
    if entry is None:
        return N  # deny by default: an unclassified model shows nothing
    classification = entry.fields.get(field_name)
    if classification is None or classification.data_class == DataClass.CREDENTIAL:
        return N  # credentials never, not even masked
    places = [(s, c) for s, c in _places(classification, entry.systems) if s in systems]
    best = N
    for role in roles:
        scope = SCOPES.get(role)
        if scope is None or not any(scope.allows(s, c) for s, c in places):
            continue
        best = max(best, grant_for(classification.data_class, role))
    return best


def _all_systems(model: type[models.Model]) -> Systems:
    entry = registry.get(model)
    return frozenset(entry.systems) if entry else frozenset()


def field_access(user: Any, model: type[models.Model], field_name: str) -> Access:
    """The best access the user may have to the field on some row of the model (a
    channel's columns and schema); what one row shows is `rights_on`."""
    return _access_on(roles_of(user), model, field_name, _all_systems(model))


@lru_cache(maxsize=8192)
def _rights(roles: frozenset[str], model: type[models.Model], systems: Systems) -> dict:
    found: dict[str, Access] = {}
    for field in model._meta.concrete_fields:
        access = _access_on(roles, model, field.name, systems)
        if access >= M:
            found[field.name] = access
    return found


@lru_cache(maxsize=1024)
def schema_access(model: type[models.Model]) -> dict[str, frozenset[Access]]:
    """Field name → every access some single role has to the field on the rows of some
    system of the model: what the API's one schema for every caller documents (issue 13,
    item 5). A field no role ever sees is not in it; a field some role sees masked may be
    a masked string. One role and one system at a time: a user's access over several
    roles or a row's several systems is the best of theirs, so it is always one of these."""
    found: dict[str, set[Access]] = {}
    for role in Role.values:
        for system in _all_systems(model):
            for name, access in _rights(frozenset({role}), model, frozenset({system})).items():
                found.setdefault(name, set()).add(access)
    return {name: frozenset(accesses) for name, accesses in found.items()}


def readable_fields(user: Any, model: type[models.Model]) -> dict[str, Access]:
    """Field name → access (masked, read or write) for every field the user may see on
    some row of the model, in the model's field order. Hidden fields are absent."""
    return _rights(roles_of(user), model, _all_systems(model))


def rights_on(user: Any, model: type[models.Model], systems: Systems) -> dict[str, Access]:
    """Field name → access for a row belonging to `systems` (see `row_systems`)."""
    return _rights(roles_of(user), model, frozenset(systems))


def _shows_something(roles: frozenset[str], model: type[models.Model], systems: Systems) -> bool:
    entry = registry.get(model)
    return entry is not None and any(
        entry.fields[name].data_class != DataClass.INTERNAL
        for name in _rights(roles, model, systems)
        if name in entry.fields
    )


def can_see_model(user: Any, model: type[models.Model]) -> bool:
    """Whether the user may see any record of the model at all: some field beyond row
    identity and links is readable on some row."""
    return _shows_something(roles_of(user), model, _all_systems(model))


@lru_cache(maxsize=4096)
def _visible_systems(roles: frozenset[str], model: type[models.Model]) -> Systems:
    return frozenset(
        s for s in _all_systems(model) if _shows_something(roles, model, frozenset({s}))
    )


def visible_systems(user: Any, model: type[models.Model]) -> Systems:
    """The systems in which the user sees something of the model's rows: a row is
    listed only when it belongs to one of them."""
    return _visible_systems(roles_of(user), model)


@lru_cache(maxsize=8192)
def _clear_systems(roles: frozenset[str], model: type[models.Model], field_name: str) -> Systems:
    return frozenset(
        s
        for s in _visible_systems(roles, model)
        if _access_on(roles, model, field_name, frozenset({s})) >= R
    )


def clear_systems(user: Any, model: type[models.Model], field_name: str) -> Systems:
    """The systems in which the user reads the field in clear. Searching or filtering by
    a value is reading it: a search on the field may reach only rows of these systems,
    and none at all when there are none."""
    return _clear_systems(roles_of(user), model, field_name)


def searchable_systems(user: Any, model: type[models.Model], index: str) -> Systems:
    """The systems in which the user may search the model by a blind index: where it
    reads the indexed value in clear (the source field, or, for a computed source such
    as a full name, the index's own classification)."""
    roles = roles_of(user)
    source = registry.facts(model).blind_indexes[index]
    try:
        model._meta.get_field(source)
    except Exception:  # a computed source (a property): the index stands for it
        return frozenset(
            s
            for s in _visible_systems(roles, model)
            if _class_access(roles, model, index, frozenset({s})) >= R
        )
    return _clear_systems(roles, model, source)


def can_write(user: Any, model: type[models.Model], field_name: str, systems=None) -> bool:
    """Whether the user may change the field (on a row of `systems`; by default on some
    row of the model)."""
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # FieldDoesNotExist or a reverse relation: nothing to write
        return False
    if not getattr(field, "editable", False) or getattr(field, "primary_key", False):
        return False
    systems = _all_systems(model) if systems is None else frozenset(systems)
    return _access_on(roles_of(user), model, field_name, systems) == W


# 5 U.S.C. 552a(d)(2)(B)(i): the agency corrects a record it agrees is wrong. The privacy
# officer who granted an amendment makes the correction (their role writes no record
# otherwise), in a field they read in clear on that row: one who cannot read a value
# cannot check its correction.
AMENDING_ROLES = frozenset({PO})
# What a granted amendment corrects here: what a record says *about the person* — their
# name, how to reach them, where they live, their date of birth, their choices, their
# business details. Not what the agency assigned or observed of them: identifiers (a
# requester could take on someone else's, and searches find people by them), access
# rights and security logs (the security administrators' alone), technical and telemetry
# records, payments and orders (kept by the offices that keep the money and the goods, who
# correct them under their own procedures); an amendment of those is decided here and
# carried out there.
AMENDABLE_CLASSES = frozenset(
    {DataClass.NAME, DataClass.CONTACT, DataClass.ADDRESS, DataClass.DEMOGRAPHIC,
     DataClass.PREFERENCE, DataClass.BUSINESS}
)  # fmt: skip


def amendable(model: type[models.Model], field_name: str, system: str) -> bool:
    """Whether an amendment may name the field on a record of `system`: a field the
    system's notice publishes under one of its record categories, of a data class an
    amendment corrects (AMENDABLE_CLASSES) — never row identity, links, search machinery,
    credentials, nor the date a retention rule counts from (a requester would move their
    record's destruction)."""
    entry = registry.get(model)
    classification = entry.fields.get(field_name) if entry else None
    if classification is None or field_name in registry.facts(model).machinery:
        return False
    if field_name in (entry.dated_by, entry.anchored_by):
        return False
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # FieldDoesNotExist or a reverse relation
        return False
    if not field.editable or field.primary_key or field.is_relation:
        return False
    if classification.data_class not in AMENDABLE_CLASSES:
        return False
    return system in classification.categories(entry.systems)


def can_amend(
    user: Any, model: type[models.Model], field_name: str, system: str, systems: Systems
) -> bool:
    """Whether the user may correct the field on a row of `systems` for a granted
    amendment about `system`: an amendable field the user may write anyway, or reads in
    clear as a privacy officer."""
    if system not in systems or not amendable(model, field_name, system):
        return False
    roles = roles_of(user)
    access = _access_on(roles, model, field_name, frozenset(systems))
    return access == W or (bool(AMENDING_ROLES & roles) and access >= R)


def writable_fields(user: Any, model: type[models.Model], systems=None) -> list[str]:
    return [
        name
        for name in (
            readable_fields(user, model) if systems is None else rights_on(user, model, systems)
        )
        if can_write(user, model, name, systems)
    ]


def mask_kind(model: type[models.Model], field_name: str) -> str:
    """How a masked value is shown: card and account numbers as •••• 1234, e-mail as
    j•••@example.com, phone as its last four, a date of birth as its year, else •••."""
    entry = registry.get(model)
    fc = entry.fields.get(field_name) if entry else None
    if fc is not None and fc.mask:
        return fc.mask
    if fc is not None and fc.data_class in (DataClass.FINANCIAL_CARD, DataClass.FINANCIAL_BANK):
        return "account_number"
    if fc is not None and fc.data_class == DataClass.GOVERNMENT_ID:
        return "full"
    field = model._meta.get_field(field_name)
    if isinstance(field, EncryptedDateField | models.DateField) and (
        fc is not None and fc.data_class == DataClass.DEMOGRAPHIC
    ):
        return "date_to_year"
    for index, source in registry.facts(model).blind_indexes.items():
        kind = model._meta.get_field(index).kind
        if source == field_name and kind in ("email", "phone"):
            return kind
    return "full"


class _Hidden:
    def __repr__(self) -> str:
        return "HIDDEN"

    def __bool__(self) -> bool:
        return False


HIDDEN = _Hidden()


def shown_value(obj: models.Model, field_name: str, access: Access) -> Any:
    """A field's value under a given access: in clear, masked, or HIDDEN."""
    if access < M:
        return HIDDEN
    value = getattr(obj, obj._meta.get_field(field_name).attname)
    if access == M:
        return mask(value, mask_kind(type(obj), field_name))
    return value


# Which systems a row belongs to -------------------------------------------------------


def row_systems(
    model: type[models.Model], rows: list[models.Model], people: dict | None = None
) -> dict[Any, Systems]:
    """Row pk → the systems the row belongs to: a system's own record, its system; a
    shared row with a `system` column, that system; any other shared row, the systems
    of its person's relationships (one query per call for the people not yet in
    `people`, a cache the caller may keep across calls)."""
    facts = registry.facts(model)
    own = facts.systems
    if len(own) <= 1:
        return {row.pk: own for row in rows}
    if facts.system_field:
        return {row.pk: own & {getattr(row, facts.system_field)} for row in rows}
    people = {} if people is None else people
    if facts.person_attname is not None:  # the row names its person: no query for it
        attname = facts.person_attname
        person_of = {row.pk: getattr(row, attname) for row in rows}
    else:
        person_of = registry.person_ids(model, rows)
    unknown = {person for person in person_of.values() if person not in people}
    unknown.discard(None)
    if unknown:
        systems_of_people(unknown, people)
    nowhere: Systems = frozenset()
    return {row.pk: own & people.get(person_of.get(row.pk), nowhere) for row in rows}


def systems_of_people(person_ids, into: dict) -> dict:
    """person id → the systems the person has a relationship with (ended or not: a
    record is kept, and seen, until its schedule destroys it)."""
    person_ids = list(person_ids)
    if not person_ids:
        return into
    found: dict[Any, set[str]] = {pk: set() for pk in person_ids}
    relationships = registry.relationship_model()._base_manager
    for person_id, system in relationships.filter(person_id__in=person_ids).values_list(
        "person_id", "system"
    ):
        found[person_id].add(system)
    into.update({pk: frozenset(systems) for pk, systems in found.items()})
    return into


def in_systems(queryset: QuerySet, systems: Systems) -> QuerySet:
    """The rows of the queryset that belong to one of `systems`."""
    model = queryset.model
    own = _all_systems(model)
    systems = frozenset(systems) & own
    if not systems:
        return queryset.none()
    if len(own) == 1:
        return queryset
    facts = registry.facts(model)
    if facts.system_field:
        return queryset.filter(**{f"{facts.system_field}__in": sorted(systems)})
    if facts.person_id_path is None:
        return queryset.none()  # a shared row about no one: nothing to scope by
    related = registry.relationship_model()._base_manager.filter(
        person_id=OuterRef(facts.person_id_path), system__in=sorted(systems)
    )
    return queryset.filter(Exists(related))


def restrict_queryset(user: Any, queryset: QuerySet) -> QuerySet:
    """The records of the queryset's model that the user may see at all: those that
    belong to a system in which the user's roles see something of the model."""
    return in_systems(queryset, visible_systems(user, queryset.model))


def policy_rows() -> Iterable[tuple[Grant, list[Access]]]:
    """The grants table as rows of access per role, in Role order (for display)."""
    for grant in GRANTS:
        yield grant, [grant.for_role(role) for role in Role.values]


def describe_scope(role: str) -> str:
    scope = SCOPES.get(role)
    if scope is None:
        return "no system"
    parts = []
    for system, categories in scope.systems.items():
        label = SystemSlug(system).label
        parts.append(label if categories is ALL else f"{label} ({', '.join(sorted(categories))})")
    return "; ".join(parts)


def store_policy() -> int:
    """Write the policy into access.PolicyGrant for the admin's read-only view."""
    rows = [
        PolicyGrant(
            data_class=grant.data_class.value,
            role=role,
            access=grant.for_role(role).label,
            scope=describe_scope(role),
            reason=grant.reason,
            position=position,
        )
        for position, grant in enumerate(GRANTS)
        for role in Role.values
    ]
    PolicyGrant.objects.all().delete()
    PolicyGrant.objects.bulk_create(rows)
    return len(rows)


def policy_markdown() -> str:
    """The grants table in Markdown (README), one row per data class."""
    short = {r: r.replace("_", " ") for r in Role.values}
    header = "| data class | " + " | ".join(short[r] for r in Role.values) + " |"
    lines = [header, "|" + "---|" * (len(Role.values) + 1)]
    for grant, accesses in policy_rows():
        cells = " | ".join(a.label if a else "·" for a in accesses)
        lines.append(f"| `{grant.data_class.value}` | {cells} |")
    return "\n".join(lines)
