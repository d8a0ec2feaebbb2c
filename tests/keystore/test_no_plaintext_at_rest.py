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


def seeded_plaintexts() -> dict[str, set[str]]:
    """Every encrypted value the seed stored, read back through the models, by field."""
    values: dict[str, set[str]] = {}
    for model in record_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        if not fields:
            continue
        for record in model.objects.all()[:2000]:
            for field in fields:
                value = getattr(record, field.attname)
                if value not in (None, ""):
                    values.setdefault(f"{model._meta.label}.{field.name}", set()).add(str(value))
    return values


def stored_as_plaintext(dump: str, value: str) -> bool:
    """Long values anywhere; short ones (a ZIP, an SSN's last four) only as a whole column
    value, since any four digits occur somewhere in megabytes of identifiers."""
    if len(value) >= 8:
        return value in dump
    return re.search(rf"(?:^|['\t,(]){re.escape(value)}(?:$|['\t,)])", dump, re.M) is not None


def test_a_dump_of_the_seeded_database_holds_no_personal_value_in_plaintext():
    seed_demo_records(150)
    person = Person.objects.first()
    credential = Credential(person=person, system="usps-820-100", username="dumpcheck")
    credential.set_verification_answer(SECURITY_ANSWER)
    credential.set_password("Dump-check-password-1")
    credential.save()

    plaintexts = seeded_plaintexts()
    # The seed reached the kinds of values the records issue names.
    for label in (
        "customers.Person.given_name",
        "customers.Person.email",
        "customers.PhoneNumber.number",
        "customers.Address.line1",
    ):
        assert plaintexts.get(label), f"the seed stored no {label}"

    dump = dump_records_database()
    assert "e1:" in dump  # the dump really holds the records, as ciphertext
    # The detector sees what is stored in clear (customer IDs, two-letter states)...
    assert stored_as_plaintext(dump, person.customer_id)
    assert stored_as_plaintext(dump, person.addresses.first().state)
    # ...and finds no personal value.
    leaks = sorted(
        (label, value)
        for label, values in plaintexts.items()
        for value in values
        if stored_as_plaintext(dump, value)
    )
    assert leaks == []
    for secret in (SECURITY_ANSWER, SECURITY_ANSWER.casefold(), "Dump-check-password-1"):
        assert secret not in dump
