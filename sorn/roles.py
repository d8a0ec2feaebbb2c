"""Which of the fixed staff and service roles (`sorn.constants.Role`) a user works under.

The lowest fact of the access layer: the audit records it with every read, the policy
(`access.policy`) grants by it, the admin and the retention screens ask it, and so do the
API's role-restricted resources (`RoleRequired`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

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


# Over the API ------------------------------------------------------------------------

# Another service's account (access.models.ServiceAccount) is never staff, so holds_role
# never lets one in; over the API it works under the roles it holds, as the record
# resources already grant it (access.policy reads roles_of). Which users are service
# accounts is the access layer's to say: it tells this module once, at start-up
# (AccessConfig.ready), as record apps register into the catalogue. Until it has, none is.
_service_accounts: dict[str, Callable[[Any], bool]] = {}


def recognise_service_accounts(is_service_account: Callable[[Any], bool]) -> None:
    """Name the function that tells whether a user is another service's account."""
    known = _service_accounts.get("check")
    if known is not None and known is not is_service_account:
        raise ValueError("service accounts are already recognised by another function")
    _service_accounts["check"] = is_service_account


def holds_role_as_caller(user: Any, roles: frozenset[str]) -> bool:
    """holds_role for a caller of the API: a staff user working under one of `roles`,
    or another service's account holding one. A user who is neither (an account whose
    staff status was taken away, its groups left) holds none here, as in the admin."""
    if holds_role(user, roles):
        return True
    if not roles & roles_of(user):
        return False
    check = _service_accounts.get("check")
    return check is not None and check(user)


class RoleRequired(BasePermission):
    """REST framework's check of a view's roles, as the admin's role-restricted pages
    check theirs (audit.admin.RoleRestrictedAdmin): reading needs one of the view's
    `viewer_roles` (a staff user's, or a service account's: `holds_role_as_caller`); a
    write needs one of its `editor_roles` held by a staff user, since a write here is a
    decision a person answers for (the services taking it require staff too)."""

    message = "None of your roles gives access to these records."

    def has_permission(self, request, view) -> bool:
        # A method the view does not answer is judged as a read: who may read it learns
        # 405, anyone else 403.
        if request.method in SAFE_METHODS or request.method.lower() not in view.http_method_names:
            return holds_role_as_caller(request.user, view.viewer_roles)
        return holds_role(request.user, getattr(view, "editor_roles", frozenset()))
