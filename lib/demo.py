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

from faker import Faker
from stdnum import luhn

SEED = 20261122


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
