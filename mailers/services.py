"""Retrieval of USPS 820.100 records as the notice lists it: "By customer name, customer
ID(s), or logon ID." ("Inquiries should contain name, customer ID(s), if any, and/or logon
ID.")"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models

import sorn.retrieval
from customers.models import Person
from customers.services import find_people
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


def find_mailers(identifiers: Mapping[str, str]) -> models.QuerySet[Person]:
    """The customers of USPS 820.100 matching every given identifier: name and customer
    ID(s) through the people's blind indexes and system customer IDs, logon ID through
    the logon IDs assigned (accounts) or used (logon records)."""
    if not any(identifiers.get(k) for k in ("name", "customer_id", "logon_id")):
        return Person.objects.none()
    person_level = {k: identifiers[k] for k in ("name", "customer_id") if identifiers.get(k)}
    people = find_people(person_level, system=SYSTEM)
    if identifiers.get("logon_id"):
        # The few holders of the logon ID are found first, through the two blind indexes,
        # and handed on as ids: as an OR of two subqueries the condition could use no
        # index, and with the logon ID alone every person of the system was scanned for
        # each record model (customers.services.find_people).
        logon_id = identifiers["logon_id"]
        holders = set(
            MailerAccount.objects.lookup(logon_id=logon_id).values_list("person_id", flat=True)
        ) | set(MailerLogon.objects.lookup(logon_id=logon_id).values_list("person_id", flat=True))
        people = people.filter(pk__in=sorted(holders))
    return people


@sorn.retrieval.register(
    SYSTEM,
    compares={
        # A name alone also finds the key contacts, authorized users and security
        # officers of that name.
        "name": tuple((model, "name_index") for model in NAMED_INDIVIDUAL_MODELS),
        "logon_id": ((MailerAccount, "logon_id_index"), (MailerLogon, "logon_id_index")),
    },
)
def find_mailer_records(identifiers: Mapping[str, str]) -> sorn.retrieval.RetrievalResult:
    """Every USPS 820.100 record about the person the identifiers describe.

    A customer's file is found by all the given identifiers together. A key contact, an
    authorized user or a security officer is an individual the notice's records name who
    need not be a customer: asked for by name alone, the records bearing that name are
    found as well.
    """
    # The customers' ids, found at once: `person_id IN (ids)` is cheap to build and to
    # plan in every model's condition, and stays an index scan OR-ed with a name's index.
    people = list(find_mailers(identifiers).values_list("pk", flat=True))
    records: dict[str, models.QuerySet] = {}
    by_name_only = set(identifiers) == {"name"}
    for model in RECORD_MODELS:
        matched = model.objects.filter(person__in=people)
        if by_name_only and model in NAMED_INDIVIDUAL_MODELS:
            matched = matched | model.objects.lookup(name=identifiers["name"])
        records[model._meta.label] = matched.distinct()
    return sorn.retrieval.RetrievalResult(system=SYSTEM, records=records)
