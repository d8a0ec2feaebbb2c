"""Demonstration configuration of Privacy Act requests (`manage.py seed_demo`): the two
FOIA.gov components of the demo agencies, so that `./dev run` can be sent a request
(README, "FOIA.gov Agency API"). Created once; a component changed in the admin is left
as it is."""

from __future__ import annotations

from access_requests.models import FoiaComponent

DEMO_COMPONENTS = [
    {
        "number": 1,
        "name": "USPS Privacy and Records Management Office",
        "agency": "United States Postal Service",
        "systems": ["usps-810-300", "usps-820-100", "usps-890-000"],
    },
    {
        "number": 2,
        "name": "United States Mint Disclosure Office",
        "agency": "Department of the Treasury, United States Mint",
        "systems": ["mint-009"],
    },
]


def seed_configuration() -> dict[str, int]:
    """Create the demo components not yet there; returns how many were created."""
    created = 0
    for component in DEMO_COMPONENTS:
        _, was_created = FoiaComponent.objects.get_or_create(
            number=component["number"],
            defaults={key: value for key, value in component.items() if key != "number"},
        )
        created += was_created
    return {"access_requests.FoiaComponent": created} if created else {}
