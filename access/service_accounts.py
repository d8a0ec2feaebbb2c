"""Service accounts: how another service gets into the API, and only the API (issue 13,
item 3).

A security administrator creates one in the admin with its roles, as a staff user's; its
user has no usable password and is never staff, so it cannot sign in to the admin nor
get a token from the sign-in endpoint. It works with tokens the administrator issues
(django-rest-knox keeps only their SHA-512 digests; each expires after the account's
token lifetime; the token itself is shown once), revokes, or ends all at once by
deactivating the account. Each account's requests are throttled at its own rate
(`ServiceAccountThrottle`). Marked an external recipient (audit.ExternalRecipient),
everything it reads is accounted for as a disclosure (audit/reads.py).

Issuing and revoking tokens are in the change log like every other audited write (knox's
AuthToken is registered with django-auditlog, its digest excluded).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import pre_save
from knox.models import AuthToken
from rest_framework.throttling import SimpleRateThrottle

from access.models import ServiceAccount
from audit.reads import remember_recipient
from sorn.constants import Role
from sorn.roles import remember_roles


class NotAServiceAccount(ValueError):
    pass


@transaction.atomic
def create_service_account(
    username: str,
    roles: Iterable[Role | str],
    description: str,
    *,
    rate: str = "600/min",
    token_days: int = 90,
) -> ServiceAccount:
    """A new service account holding `roles` (validated like the admin's form: a bad rate
    or lifetime is refused and nothing is saved)."""
    user = get_user_model()(username=username, is_staff=False, is_superuser=False)
    user.set_unusable_password()
    user.full_clean()
    account = ServiceAccount(user=user, description=description, rate=rate, token_days=token_days)
    account.full_clean(exclude=["user"])
    user.save()
    account.user = user
    account.save()
    set_roles(account, roles)
    return account


def set_roles(account: ServiceAccount, roles: Iterable[Role | str]) -> None:
    """The account's roles are exactly `roles` (each the name of a role's group)."""
    names = sorted({Role(role).value for role in roles})
    groups = [Group.objects.get_or_create(name=name)[0] for name in names]
    account.user.groups.set(groups)


def issue_token(account: ServiceAccount) -> tuple[str, datetime.datetime]:
    """A new token for the account, valid for its token lifetime: (the token, when it
    expires). The token is returned once and stored only as its digest."""
    if not account.user.is_active:
        raise NotAServiceAccount("the account is deactivated: reactivate it first")
    instance, token = AuthToken.objects.create(
        user=account.user, expiry=datetime.timedelta(days=account.token_days)
    )
    return token, instance.expiry


def revoke_tokens(account: ServiceAccount, token_keys: Iterable[str] | None = None) -> int:
    """Revoke the account's tokens (those whose key — the first characters, shown in the
    admin — is in `token_keys`, or all); returns how many."""
    tokens = AuthToken.objects.filter(user=account.user)
    if token_keys is not None:
        tokens = tokens.filter(token_key__in=list(token_keys))
    count = 0
    for token in tokens:  # one by one, so that each revocation is in the change log
        token.delete()
        count += 1
    return count


def is_service_account(user) -> bool:
    """Whether `user` is another service's account (never staff: keep_service_users_out)."""
    if not getattr(user, "pk", None) or user.is_staff:
        return False
    return service_account_rate(user) is not None  # read with the caller at sign-in


def keep_service_users_out(sender, instance, **kwargs) -> None:
    """A service account's user never becomes staff or superuser and never gets a
    password: whatever edits it (the user admin, a shell, a data load), it stays unable
    to sign in anywhere but with a token."""
    if instance.pk is None or not ServiceAccount.objects.filter(user_id=instance.pk).exists():
        return
    if instance.is_staff or instance.is_superuser or instance.has_usable_password():
        raise NotAServiceAccount(
            "a service account's user cannot be staff, a superuser, or have a password"
        )


def connect_signals() -> None:
    pre_save.connect(
        keep_service_users_out,
        sender=get_user_model(),
        dispatch_uid="access.keep_service_users_out",
    )


def load_account(user: Any) -> None:
    """What every API request asks of its caller, in one query when it signs in: its
    roles (the gate's), its service account's rate (the throttle's) and whether it is an
    external recipient (the audit's, which accounts for its reads) — instead of three."""
    rows = list(
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list("groups__name", "service_account__rate", "external_recipient__pk")
    )
    remember_roles(user, (group for group, _, _ in rows))
    user._service_account_rate = rows[0][1] if rows else None
    remember_recipient(user, rows[0][2] if rows else None)


def service_account_rate(user: Any) -> str | None:
    """The request rate of the user's service account; None when it has none."""
    try:
        return user._service_account_rate
    except AttributeError:
        account = ServiceAccount.objects.filter(user_id=user.pk).only("rate").first()
        user._service_account_rate = account.rate if account else None
        return user._service_account_rate


class ServiceAccountThrottle(SimpleRateThrottle):
    """Each service account at its own rate (ServiceAccount.rate), counted per account in
    the cache; other callers are not throttled here."""

    scope = "service_account"

    def __init__(self) -> None:
        # The rate is the account's, known only once the request is authenticated.
        pass

    def allow_request(self, request, view) -> bool:
        user = request.user
        if not getattr(user, "pk", None) or user.is_staff:
            return True  # staff are never service accounts (keep_service_users_out)
        rate = service_account_rate(user)
        if rate is None:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
