"""Start-up checks of the policy: it names only roles, data classes, systems and
categories that exist."""

from __future__ import annotations

from django.core import checks

from access.policy import GRANTS, SCOPES
from sorn import catalogue
from sorn.constants import DataClass, Role


@checks.register("access")
def check_policy(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The policy names only roles, data classes, systems and categories that exist."""
    errors = []
    notices = {n.slug: n for n in catalogue.NOTICES}
    seen = set()
    for grant in GRANTS:
        if grant.data_class in seen:
            errors.append(checks.Error("granted twice", obj=str(grant.data_class), id="sorn.E020"))
        seen.add(grant.data_class)
        for role in grant.access:
            if role not in Role.values:
                errors.append(
                    checks.Error(
                        f"names unknown role {role!r}", obj=grant.data_class, id="sorn.E021"
                    )
                )
    for missing in sorted(set(DataClass.values) - {str(g.data_class) for g in GRANTS}):
        errors.append(checks.Warning("no grant: hidden from everyone", obj=missing, id="sorn.W020"))
    for role, scope in SCOPES.items():
        for system, categories in scope.systems.items():
            notice = notices.get(system)
            if notice is None:
                errors.append(checks.Error(f"unknown system {system!r}", obj=role, id="sorn.E022"))
                continue
            for category in sorted(categories or ()):
                if category not in notice.category_keys:
                    errors.append(
                        checks.Error(
                            f"scope names {category!r}, a category {notice.number} does not "
                            "publish",
                            obj=role,
                            id="sorn.E022",
                        )
                    )
    return errors
