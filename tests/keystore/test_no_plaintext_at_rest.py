"""After seeding, a dump of the records database (SQLite's, or `pg_dump` in CI) contains
none of the seeded personal values in plaintext: names, e-mail addresses, phone numbers,
street addresses, card and bank account numbers, SSN last fours, security answers."""

import re
import shutil
import subprocess

import pytest
from django.db import connection

from customers.models import Credential, Person
from keystore.fields import EncryptedMixin
from sorn.classification import record_models
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "keystore"])

SECURITY_ANSWER = "Quetzalcoatl Boulevard"


def dump_records_database() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    settings = connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed to dump the PostgreSQL test database"
    result = subprocess.run(
        [
            pg_dump,
            "--data-only",
            "--host", settings["HOST"] or "localhost",
            "--port", str(settings["PORT"] or 5432),
            "--username", settings["USER"],
            settings["NAME"],
        ],
        env={"PGPASSWORD": settings["PASSWORD"] or "", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    return result.stdout


def seeded_plaintexts() -> dict[tuple[str, str], set[str]]:
    """Every encrypted value the seed stored, read back through the models, keyed by
    (table, field label)."""
    values: dict[tuple[str, str], set[str]] = {}
    for model in record_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        if not fields:
            continue
        for record in model.objects.all()[:2000]:
            for field in fields:
                value = getattr(record, field.attname)
                if value not in (None, ""):
                    key = (model._meta.db_table, f"{model._meta.label}.{field.name}")
                    values.setdefault(key, set()).add(str(value))
    return values


def rows_by_table(dump: str) -> dict[str, str]:
    """The dump's data, per table: SQLite's INSERT lines, or pg_dump's COPY blocks."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in dump.splitlines():
        insert = re.match(r'INSERT INTO "?(\w+)"? ', line)
        copy = re.match(r"COPY (?:\w+\.)?(\w+) \(", line)
        if insert:
            tables.setdefault(insert.group(1), []).append(line)
        elif copy:
            current = copy.group(1)
        elif line == "\\.":
            current = None
        elif current:
            tables.setdefault(current, []).append(line)
    return {table: "\n".join(lines) for table, lines in tables.items()}


def stored_as_plaintext(rows: str, value: str) -> bool:
    """Whether `value` is stored in clear among a table's rows: long values anywhere,
    short ones (a ZIP, an SSN's last four) only as a whole column value."""
    if len(value) >= 8:
        return value in rows
    return re.search(rf"(?:^|['\t,(]){re.escape(value)}(?:$|['\t,)])", rows, re.M) is not None


def test_a_dump_of_the_seeded_database_holds_no_personal_value_in_plaintext():
    seed_demo_records(150)
    person = Person.objects.first()
    credential = Credential(person=person, system="usps-820-100", username="dumpcheck")
    credential.set_verification_answer(SECURITY_ANSWER)
    credential.set_password("Dump-check-password-1")
    credential.save()

    plaintexts = seeded_plaintexts()
    # The seed reached the kinds of values the records issue names.
    labels = {label for _table, label in plaintexts}
    for label in (
        "customers.Person.given_name",
        "customers.Person.email",
        "customers.PhoneNumber.number",
        "customers.Address.line1",
        "orders.OfflinePayment.card_number",
        "orders.ACHRecord.bank_account_number",
        "mailers.CustomerSignature.ssn_last_four",
        "marketing.CollaborationMessage.text",
    ):
        assert label in labels, f"the seed stored no {label}"

    tables = rows_by_table(dump_records_database())
    person_rows = tables["customers_person"]
    assert "e1:" in person_rows  # the dump really holds the records, as ciphertext
    # The detector sees what is stored in clear (customer IDs, two-letter states)...
    assert stored_as_plaintext(person_rows, person.customer_id)
    assert stored_as_plaintext(tables["customers_address"], person.addresses.first().state)
    # ...and finds no personal value where its own table keeps it. (A value is looked for
    # in its own table: a last four kept in clear beside a card is no leak of an SSN.)
    leaks = sorted(
        (label, value)
        for (table, label), values in plaintexts.items()
        for value in values
        if stored_as_plaintext(tables.get(table, ""), value)
    )
    assert leaks == []
    everything = "\n".join(tables.values())
    for secret in (SECURITY_ANSWER, SECURITY_ANSWER.casefold(), "Dump-check-password-1"):
        assert secret not in everything
