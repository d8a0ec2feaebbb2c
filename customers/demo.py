"""Synthetic people: names, contact data, addresses, and a relationship with one or more
systems, some ended years ago (so retention has work), some open."""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from audit.bulk import bulk_insert
from customers.constants import (
    AddressKind,
    ChangeChannel,
    ContactMedium,
    EmailFormat,
    PhoneKind,
    PreferenceName,
)
from customers.models import (
    Address,
    Credential,
    Person,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    ProgramParticipation,
    SystemRelationship,
)
from lib.demo import DemoContext
from sorn.constants import SystemSlug

SYSTEMS = [s.value for s in SystemSlug]
# Programs a person registers for. USPS 890.000's publication mailing lists and Postal
# Customer Council memberships are marketing's own records (MailingListSubscription,
# PccMembership), not programs here.
PROGRAMS = {
    SystemSlug.USPS_810_300: ["Stamp Fulfillment Services standing order", "Informed Delivery"],
    SystemSlug.MINT_009: ["Product notifications", "Subscription: proof sets"],
}
# Demo customers cannot log in anywhere: an unusable hash (Django marks it with "!").
UNUSABLE_HASH = make_password(None)


def demo_relationship(ctx: DemoContext, person: Person, system: str) -> SystemRelationship:
    """A demo person's relationship with a system: begun up to 12 years ago, and in 45%
    of cases ended since, some long enough ago to be due for disposal. Shared by the demo
    seed and the benchmarks' lean million (bench/million.py)."""
    started = ctx.days_ago(30, 12 * 365)
    ended = None
    if ctx.rng.random() < 0.45:
        ended = min(ctx.today, started + datetime.timedelta(days=ctx.rng.randint(30, 6 * 365)))
    return SystemRelationship(
        person=person,
        system=system,
        system_customer_id=f"{system[:4].upper()}-{person.customer_id}",
        status="ended" if ended else "active",
        started_on=started,
        ended_on=ended,
    )


def seed(ctx: DemoContext, count: int, start_number: int = 1) -> list[Person]:
    rng, pools = ctx.rng, ctx.pools
    people = []
    for n in range(start_number, start_number + count):
        given, family = rng.choice(pools.given_names), rng.choice(pools.family_names)
        born = ctx.days_ago(18 * 365, 85 * 365)
        people.append(
            Person(
                customer_id=f"C{n:08d}",
                given_name=given,
                family_name=family,
                company_name=rng.choice(pools.companies) if rng.random() < 0.4 else "",
                job_title=rng.choice(pools.jobs) if rng.random() < 0.4 else "",
                email=f"{given}.{family}.{n}@{rng.choice(pools.domains)}".lower(),
                date_of_birth=born if rng.random() < 0.5 else None,
                birth_month=born.month if rng.random() < 0.5 else None,
            )
        )
    bulk_insert(ctx, Person, people)

    addresses, phones, relationships, participations, preferences, credentials, changes = (
        [], [], [], [], [], [], []
    )  # fmt: skip
    for person in people:
        city, state, zip_code = rng.choice(pools.cities)
        addresses.append(
            Address(
                person=person,
                kind=AddressKind.HOME,
                line1=rng.choice(pools.streets),
                city=city,
                state=state,
                postal_code=zip_code,
            )
        )
        phones.append(PhoneNumber(person=person, kind=PhoneKind.HOME, number=ctx.phone()))
        for system in rng.sample(SYSTEMS, rng.choice((1, 1, 2, 3))):
            relationship = demo_relationship(ctx, person, system)
            relationships.append(relationship)
            started, ended = relationship.started_on, relationship.ended_on
            if system in PROGRAMS and rng.random() < 0.3:
                joined = started + datetime.timedelta(days=rng.randint(0, 60))
                ceased = ended if ended and ended >= joined else None
                participations.append(
                    ProgramParticipation(
                        person=person,
                        system=system,
                        program=rng.choice(PROGRAMS[system]),
                        started_on=joined,
                        ceased_on=ceased,
                    )
                )
            if system in (SystemSlug.USPS_810_300, SystemSlug.MINT_009):
                usps_marketing = rng.random() < 0.5
                if usps_marketing and rng.random() < 0.3:
                    # The consent history of an opt-in made on the web some time ago.
                    changes.append(
                        PreferenceChange(
                            person=person,
                            system=system,
                            preference=PreferenceName.USPS_MARKETING,
                            old_value="False",
                            new_value="True",
                            changed_at=timezone.make_aware(
                                datetime.datetime.combine(started, datetime.time(12))
                            ),
                            channel=ChangeChannel.WEB,
                        )
                    )
                preferences.append(
                    Preferences(
                        person=person,
                        system=system,
                        usps_marketing=usps_marketing,
                        partner_marketing=rng.random() < 0.2,
                        preferred_contact_medium=rng.choice(ContactMedium.values),
                        preferred_email_format=rng.choice(EmailFormat.values),
                        web_measurement_opt_in=system == SystemSlug.MINT_009 and rng.random() < 0.3,
                    )
                )
            if system != SystemSlug.USPS_890_000 and rng.random() < 0.2:
                credentials.append(
                    Credential(
                        person=person,
                        system=system,
                        username=f"{person.given_name}{person.pk}".lower(),
                        password_hash=UNUSABLE_HASH,
                        verification_question="City of your first post office box?",
                        verification_answer_hash=UNUSABLE_HASH,
                    )
                )
    for model, objects in (
        (Address, addresses),
        (PhoneNumber, phones),
        (SystemRelationship, relationships),
        (ProgramParticipation, participations),
        (Preferences, preferences),
        (Credential, credentials),
        (PreferenceChange, changes),
    ):
        bulk_insert(ctx, model, objects)
    ctx.people.extend(people)
    for relationship in relationships:
        ctx.relationships.setdefault(relationship.system, []).append(relationship)
    return people
