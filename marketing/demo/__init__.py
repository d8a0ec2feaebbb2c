"""Synthetic USPS 890.000 records for the demo (`manage.py seed_demo --customers N`).

Reference data — campaigns, publications, events, surveys, web meetings with their hosts
and recordings, chat channels — is created once, in small numbers, and reused by every
chunk. Each relationship with the system then gets 2 to 3 records on average, dated
within the relationship: campaign responses reaching back years (some past the 5 years of
retention 2), publication requests and mailing lists, event registrations with their
payments, PCC memberships, survey responses, business profiles, and sessions, messages
and shares of meetings spread over the last 3 years (some past the 24 months of
retention 4 to 6).
"""

from __future__ import annotations

from lib.demo import DemoContext
from marketing.constants import SYSTEM
from marketing.demo.records import SHOWCASE, RecordSeeder
from marketing.demo.reference import reference_data


def seed(ctx: DemoContext) -> None:
    relationships = ctx.relationships.get(SYSTEM, [])
    if not relationships:
        return
    ref = reference_data(ctx)
    # On a fresh database, make sure even a small seed shows every kind of record: each
    # kind still missing is forced on the first relationship whose dates allow it.
    missing = [kind for kind in SHOWCASE if not kind[0].objects.exists()]
    seeder = RecordSeeder(ctx, ref)
    for relationship in relationships:
        seeder.add(relationship)
    seeder.showcase(relationships, missing)
    seeder.insert()
