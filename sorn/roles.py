"""Which of the fixed staff and service roles (`sorn.constants.Role`) a user works under.

The lowest fact of the access layer: the audit records it with every read, the policy
(`access.policy`) grants by it, the admin and the retention screens ask it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from sorn.constants import Role


def roles_of(user: Any) -> frozenset[str]:
    """The roles a user works under. A superuser holds none (installation only) unless
    POLICY_SUPERUSER_ROLES names some; an inactive or anonymous user holds none."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_policy_roles", None)
    if cached is not None:
        return cached
    return remember_roles(user, user.groups.values_list("name", flat=True))


def remember_roles(user: Any, group_names: Iterable[str | None]) -> frozenset[str]:
    """The user's roles from the names of its groups, kept on the user for `roles_of`:
    for a caller that read the groups already, in a query of its own that brought more
    (access.service_accounts.load_account reads them with the API caller's account)."""
    known = set(Role.values)
    roles = {name for name in group_names if name in known}
    if user.is_superuser:
        roles = set(getattr(settings, "POLICY_SUPERUSER_ROLES", ())) & known
    user._policy_roles = frozenset(roles)
    return user._policy_roles


def holds_role(user: Any, roles: frozenset[str]) -> bool:
    """Whether an active staff user works under one of `roles` (the check every
    role-restricted page, move and permission makes). False for no user, an anonymous or
    inactive one (they hold no role)."""
    return bool(roles & roles_of(user)) and bool(user.is_staff)
