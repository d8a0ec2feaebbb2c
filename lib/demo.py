"""Shared pieces of the synthetic demo data (`manage.py seed_demo --customers N`).

Only synthetic values: Faker with a fixed seed draws pools of names, streets and words once,
and a seeded `random.Random` combines them, which is both reproducible and fast enough to
seed 100,000 customers with about ten records each in minutes.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models, router, transaction
from django.db.models import Max
from faker import Faker
from stdnum import luhn

from keystore.fields import EncryptedRecord, attach_data_keys

SEED = 20261122
BATCH_SIZE = 2000


@dataclass
class Pools:
    given_names: list[str]
    family_names: list[str]
    streets: list[str]
    cities: list[tuple[str, str, str]]  # (city, state, ZIP)
    companies: list[str]
    jobs: list[str]
    words: list[str]
    sentences: list[str]
    domains: list[str] = field(
        default_factory=lambda: ["example.com", "example.org", "example.net"]
    )

    @classmethod
    def draw(cls, faker: Faker, size: int = 1500) -> Pools:
        return cls(
            given_names=[faker.first_name() for _ in range(size)],
            family_names=[faker.last_name() for _ in range(size)],
            streets=[faker.street_address() for _ in range(size * 2)],
            cities=[(faker.city(), faker.state_abbr(), faker.zipcode()) for _ in range(size)],
            companies=[faker.company() for _ in range(size)],
            jobs=[faker.job()[:100] for _ in range(300)],
            words=faker.words(500),
            sentences=[faker.sentence(nb_words=12) for _ in range(size)],
        )


@dataclass
class DemoContext:
    """What every app's `demo.seed(ctx)` receives."""

    rng: random.Random
    faker: Faker
    pools: Pools
    today: datetime.date
    people: list[Any] = field(default_factory=list)  # customers.Person, saved
    # customers.SystemRelationship per system slug, saved, each with its .person loaded:
    # the record apps hang each system's records on these.
    relationships: dict[str, list[Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def create(cls, today: datetime.date, seed: int = SEED) -> DemoContext:
        faker = Faker("en_US")
        faker.seed_instance(seed)
        return cls(rng=random.Random(seed), faker=faker, pools=Pools.draw(faker), today=today)

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def phone(self) -> str:
        # 555-01xx numbers are reserved for fiction (NANPA).
        return f"({self.rng.randint(201, 989)}) 555-01{self.rng.randint(0, 99):02d}"

    def card_number(self, prefix: str = "4") -> str:
        """A Luhn-valid synthetic 16-digit card number."""
        payload = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(15 - len(prefix)))
        return payload + luhn.calc_check_digit(payload)


def bulk_insert(ctx: DemoContext, model: type[models.Model], objects: list[models.Model]) -> list:
    """Insert in batches; encrypted records get their data keys in one bulk insert per
    batch first (no code path writes their personal values in plaintext).

    Written by hand on `executemany` because Django's bulk_create spends most of its time
    building one SQL statement per batch with a placeholder per value; primary keys are
    assigned here (the seed holds the only writer), then each sequence is moved past them.
    """
    if not objects:
        return objects
    with transaction.atomic():
        for start in range(0, len(objects), BATCH_SIZE):
            batch = objects[start : start + BATCH_SIZE]
            if issubclass(model, EncryptedRecord):
                attach_data_keys(batch)
            _insert_rows(model, batch)
        _reset_sequence(model)
        from audit.writes import record_bulk_change

        record_bulk_change("seed_demo", model._meta.label, len(objects), "synthetic demo records")
    ctx.counts[model._meta.label] = ctx.counts.get(model._meta.label, 0) + len(objects)
    return objects


def _insert_rows(model: type[models.Model], batch: list[models.Model]) -> None:
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for offset, obj in enumerate(batch):
        # Foreign keys to parents assigned before the parents were saved, as bulk_create does.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        obj.pk = next_id + offset
        obj._state.adding = False
        obj._state.db = connection.alias
    fields = meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in batch
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _reset_sequence(model: type[models.Model]) -> None:
    connection = connections[router.db_for_write(model)]
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
