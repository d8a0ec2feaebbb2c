"""Links to the retention pages that are no model's change list (the dashboard), for the
admin's index: shown to the roles that may open them (issue 14, item 13)."""

from django import template
from django.urls import reverse

from retention.services import DASHBOARD_ROLES
from sorn.roles import holds_role

register = template.Library()


@register.simple_tag
def retention_pages(user) -> list[tuple[str, str]]:
    """(url, title) of each retention page `user` may open."""
    if not holds_role(user, DASHBOARD_ROLES):
        return []
    return [(reverse("retention:dashboard"), "Retention dashboard")]
