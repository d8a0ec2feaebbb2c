"""Demonstration service accounts (`manage.py seed_demo`, issue 13, item 3): the users of
the two service roles made service accounts that say what they are, and one account of a
recipient outside the agency, whose every read is accounted for as a disclosure. Tokens
are never seeded: `manage.py issue_service_token NAME` prints one (README, "The API")."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from access.models import ServiceAccount
from access.service_accounts import create_service_account
from audit.models import ExternalRecipient
from sorn.constants import Role

DESCRIPTIONS = {
    Role.SERVICE_ORDERS: "The agency's order-fulfilment service (demo): reads and updates "
    "offline and Mint orders to ship them.",
    Role.SERVICE_MARKETING: "The agency's marketing analytics (demo): reads preferences and "
    "campaign responses, never payment data.",
}

# A recipient outside the agency (synthetic): USPS 810.300 lists its standard routine uses
# 1.–7., 10. and 11.; a disclosure to it is accounted for (5 U.S.C. 552a(c)(1)).
PARTNER = {
    "username": "partner_fulfillment",
    "description": "An outside fulfilment contractor (demo) that ships offline orders.",
    "recipient": {
        "name": "Example Fulfillment Partner (synthetic)",
        "address": "1 Example Plaza, Dover, DE 19901",
        "routine_use": "USPS 810.300, standard routine uses 1.–7., 10. and 11.",
        "purpose": "Shipping offline orders to the customers who placed them.",
    },
}


@transaction.atomic
def seed_configuration() -> dict[str, int]:
    """Make the service roles' demo users service accounts and add the partner's; returns
    the rows created."""
    User = get_user_model()
    created = 0
    for role, description in DESCRIPTIONS.items():
        user = User.objects.filter(username=role.value).first()
        if user is None or ServiceAccount.objects.filter(user=user).exists():
            continue
        user.set_unusable_password()
        user.is_staff = False
        user.save()
        ServiceAccount.objects.create(user=user, description=description)
        created += 1
    if not User.objects.filter(username=PARTNER["username"]).exists():
        account = create_service_account(
            PARTNER["username"], [Role.SERVICE_ORDERS], PARTNER["description"]
        )
        ExternalRecipient.objects.create(user=account.user, **PARTNER["recipient"])
        created += 2
    return {"access.ServiceAccount and audit.ExternalRecipient": created} if created else {}
