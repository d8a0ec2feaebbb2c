"""Statements of disagreement (5 U.S.C. 552a(d)(3), (4)): filed against one field of one
record, sealed under that record's data key (audit.changes.data_key_of, the key a change
entry about the record is sealed under), and read back for every channel that shows the
record (the access layer's `Gate.disputes`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from audit.changes import data_key_of
from audit.models import DisagreementStatement
from keystore.crypto import (
    DataKeyDestroyed,
    decrypt_value,
    encrypt_value,
    fetch_data_keys,
    token_key_id,
)
from sorn.classification import registry

SEALED_AAD = "audit.DisagreementStatement.statement"
# 552a(d)(3) asks for a "concise" statement; a generous bound keeps it one.
STATEMENT_MAX_LENGTH = 5000


class StatementRefused(ValueError):
    """A statement that cannot be attached; nothing was stored."""


@dataclass(frozen=True)
class Dispute:
    """A statement as a channel shows it: the disputed field, when it was filed, and its
    words — None when they were erased with the record's key (`erased`), or withheld from
    a reader who may not read the disputed field in clear (the access layer decides)."""

    statement_id: int
    field: str
    filed_at: datetime.datetime
    text: str | None
    erased: bool = False

    def as_json(self) -> dict:
        """As the API and a package's JSON give it with the record."""
        return {
            "field": self.field,
            "filed_on": self.filed_at.date().isoformat(),
            "statement": self.text,
        }


def _aad(model_label: str, pk: int) -> str:
    # Bound to the record: a sealed statement copied onto another record does not open.
    return f"{SEALED_AAD}:{model_label}:{pk}"


def file_statement(
    record: models.Model,
    field: str,
    text: str,
    *,
    system: str,
    request_number: str,
    recorded_by: str,
) -> DisagreementStatement:
    """Attach the person's statement to `record`'s `field`, sealed under the record's key."""
    text = text.strip()
    if not text:
        raise StatementRefused("The statement is empty.")
    if len(text) > STATEMENT_MAX_LENGTH:
        raise StatementRefused(
            f"A statement of disagreement is at most {STATEMENT_MAX_LENGTH} characters."
        )
    key = data_key_of(record)
    person_id = registry.person_id_of(record)
    if key is None or person_id is None:
        raise StatementRefused("This record is about no one; a statement cannot be attached.")
    label = record._meta.label
    return DisagreementStatement.objects.create(
        person_id=person_id,
        system=system,
        record_model=label,
        record_pk=record.pk,
        field=field,
        sealed_statement=encrypt_value(text, key[0], key[1], _aad(label, record.pk)),
        request_number=request_number,
        recorded_by=recorded_by[:150],
    )


def disputed_models() -> frozenset[str]:
    """The labels of the models with at least one statement: a channel asks once per
    request (`Gate.disputes`), and not again for each nested list of rows of a model
    nobody disputes (statements are rare; a page has many small nested lists)."""
    return frozenset(
        # No ordering: the model's own would make every statement a distinct row.
        DisagreementStatement.objects.order_by().values_list("record_model", flat=True).distinct()
    )


def disputes_of(model: type[models.Model], pks: Iterable[int]) -> dict[int, list[Dispute]]:
    """Record pk → the statements filed against it, oldest first, opened (one query for
    the statements, one for their keys)."""
    label = model._meta.label
    rows = list(DisagreementStatement.objects.filter(record_model=label, record_pk__in=list(pks)))
    if not rows:
        return {}
    keys = fetch_data_keys(token_key_id(row.sealed_statement) for row in rows)
    found: dict[int, list[Dispute]] = defaultdict(list)
    for row in rows:
        try:
            text, erased = (
                decrypt_value(row.sealed_statement, keys, _aad(label, row.record_pk)),
                False,
            )
        except DataKeyDestroyed:
            text, erased = None, True
        found[row.record_pk].append(Dispute(row.pk, row.field, row.filed_at, text, erased))
    return dict(found)
