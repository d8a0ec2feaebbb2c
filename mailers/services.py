"""Retrieval of USPS 820.100 records as the notice lists it: "By customer name, customer
ID(s), or logon ID." ("Inquiries should contain name, customer ID(s), if any, and/or logon
ID.")"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models
from django.db.models import Q

import sorn.retrieval
from customers.services import find_people_ids, held_by
from keystore.fields import index_token
from lib.prepared import Bound, CompiledOnce
from mailers.models import (
    ACHRecord,
    ApplicationDecision,
    AuthorizedUser,
    ContractedParty,
    CustomerSignature,
    KeyContact,
    MailerAccount,
    MailerApplication,
    MailerIdentifier,
    MailerLogon,
    MailPractice,
    ProductUsage,
    SecurityAccess,
    SecurityPersonnel,
    TechnicalProfile,
)

SYSTEM = "usps-820-100"

# Every record model of the system; each is filed under a customer (`person`).
RECORD_MODELS: tuple[type[models.Model], ...] = (
    MailerApplication,
    ApplicationDecision,
    KeyContact,
    MailerIdentifier,
    AuthorizedUser,
    CustomerSignature,
    SecurityPersonnel,
    MailPractice,
    ContractedParty,
    TechnicalProfile,
    ProductUsage,
    MailerAccount,
    MailerLogon,
    SecurityAccess,
    ACHRecord,
)

# Individuals other than the customer whose own name is on a record of the customer's
# file: key contacts (category 1), authorized users and security personnel (category 2).
NAMED_INDIVIDUAL_MODELS: tuple[type[models.Model], ...] = (
    KeyContact,
    AuthorizedUser,
    SecurityPersonnel,
)


def find_mailer_ids(identifiers: Mapping[str, str]) -> list[int]:
    """The ids of the customers of USPS 820.100 matching every given identifier: name and
    customer ID(s) through the people's blind indexes and system customer IDs, logon ID
    through the logon IDs assigned (accounts) or used (logon records)."""
    if not any(identifiers.get(k) for k in ("name", "customer_id", "logon_id")):
        return []
    person_level = {k: identifiers[k] for k in ("name", "customer_id") if identifiers.get(k)}
    people = find_people_ids(person_level, system=SYSTEM)  # None: no person-level one
    if not identifiers.get("logon_id"):
        return people or []
    # The few holders of the logon ID are found first, through the two blind indexes, and
    # handed on as ids: as an OR of two subqueries the condition could use no index, and
    # with the logon ID alone every person of the system was scanned for each record
    # model (customers.services.find_people).
    logon_id = identifiers["logon_id"]
    holders = sorn.retrieval.recall(("mailers", "logon_id", logon_id), lambda: _holders(logon_id))
    if people is not None:
        return sorted(holders.intersection(people))
    return held_by(SYSTEM, holders)  # the holders the system holds


def _holders(logon_id: str) -> set[int]:
    """The people a logon ID was assigned to (accounts) or used by (logon records)."""
    tokens = {
        model._meta.model_name: index_token(model._meta.get_field("logon_id_index").kind, logon_id)
        or None
        for model in LOGON_ID_MODELS
    }
    return {person_id for (person_id,) in _HOLDERS.rows(None, tokens)} - {None}


LOGON_ID_MODELS = (MailerAccount, MailerLogon)
# One query of both, compiled once (a search asks it for each run with the logon ID).
_HOLDERS = CompiledOnce(
    lambda _: (
        MailerAccount.objects.filter(
            logon_id_index=Bound("maileraccount", None, models.CharField())
        )
        .order_by()
        .values_list("person_id")
        .union(
            MailerLogon.objects.filter(
                logon_id_index=Bound("mailerlogon", None, models.CharField())
            )
            .order_by()
            .values_list("person_id"),
            all=True,
        )
    )
)


def bind_mailer_identifiers(identifiers: Mapping[str, str]) -> dict[str, object]:
    """The customers' ids, found at once (`person_id = ANY(ids)` is cheap to plan in every
    model's condition, and stays an index scan OR-ed with a name's index), and for a name
    given alone its blind-index token (None when the name has no normal form: then it
    matches no record's own name)."""
    values: dict[str, object] = {"people": find_mailer_ids(identifiers)}
    if set(identifiers) == {"name"}:
        values["name"] = index_token("name", identifiers["name"]) or None
    return values


@sorn.retrieval.register(
    SYSTEM,
    bind=bind_mailer_identifiers,
    compares={
        # A name alone also finds the key contacts, authorized users and security
        # officers of that name.
        "name": tuple((model, "name_index") for model in NAMED_INDIVIDUAL_MODELS),
        "logon_id": ((MailerAccount, "logon_id_index"), (MailerLogon, "logon_id_index")),
    },
)
def find_mailer_records(bound: sorn.retrieval.Bindings) -> dict[str, models.QuerySet]:
    """Every USPS 820.100 record about the person the identifiers describe.

    A customer's file is found by all the given identifiers together. A key contact, an
    authorized user or a security officer is an individual the notice's records name who
    need not be a customer: asked for by name alone, the records bearing that name are
    found as well.
    """
    records: dict[str, models.QuerySet] = {}
    for model in RECORD_MODELS:
        condition = Q(person__any_of=bound.ids("people"))
        if "name" in bound and model in NAMED_INDIVIDUAL_MODELS:
            condition |= Q(name_index=bound.value("name"))
        records[model._meta.label] = model.objects.filter(condition).distinct()
    return records
