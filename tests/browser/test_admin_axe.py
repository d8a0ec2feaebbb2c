"""The admin for every role in a real browser (issue 14, items 9 and 10): axe-core finds
no WCAG 2.1 A/AA violation on the admin index, and on a change list and a change form of
each system the role works in; and no change list is wider than a 1280-pixel window."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from access.policy import can_see_model, restrict_queryset
from sorn.classification import record_models, registry
from sorn.constants import Role, SystemSlug
from sorn.demo import seed_demo_records
from tests.browser.support import BROWSER_DB, axe_violations, describe_violations, open_page
from tests.browser.test_staff_request_flow import sign_in

pytestmark = BROWSER_DB

STAFF_ROLES = [r for r in Role if not r.value.startswith("service_")]
WINDOW = 1280


def pages_of(user) -> list[str]:
    """The admin index, then per system the first record model (in registry order) the
    user sees with a row it may open: its change list and that row's change form."""
    paths = ["/admin/"]
    for system in SystemSlug:
        for model in record_models():
            if set(registry.get(model).systems) != {system.value}:
                continue
            if not can_see_model(user, model):
                continue
            row = restrict_queryset(user, model.objects.order_by("pk")).first()
            if row is None:
                continue
            base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            paths += [base, f"{base}{row.pk}/change/"]
            break
    return paths


@pytest.mark.parametrize("role", STAFF_ROLES, ids=str)
def test_the_admin_has_no_wcag_violation_and_fits_the_window(
    page, live_server, staff_user, settings, role
):
    settings.DEBUG = True  # the demo seed is development-only
    seed_demo_records(8)
    user = staff_user(role)
    page.set_viewport_size({"width": WINDOW, "height": 900})
    sign_in(page, user.username)
    paths = pages_of(get_user_model().objects.get(pk=user.pk))
    assert len(paths) >= 3, (role, paths)  # the index and at least one system's pages
    problems = []
    for path in paths:
        open_page(page, path)
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(violations))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WINDOW:
            problems.append(f"{path} is {width} pixels wide")
    assert problems == [], "\n".join(problems)
