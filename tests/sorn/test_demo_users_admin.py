"""Each demo user from `seed_demo` logs into the admin and sees only its own world: the
record models its roles may see, and nothing else."""

import re

import pytest
from django.contrib import admin
from django.core.management import call_command

from access.policy import can_see_model
from sorn.classification import record_models
from sorn.constants import STAFF_ROLES, Role
from tests.signin.support import password_step

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def demo_users(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    call_command("seed_demo")


def admin_index_models(html: str) -> set[str]:
    """app_label.modelname of every model the admin index links to."""
    return {f"{a}.{m}" for a, m in re.findall(r'href="/admin/(\w+)/(\w+)/"', html)}


@pytest.mark.parametrize("role", [r.value for r in STAFF_ROLES])
def test_each_demo_user_sees_only_its_own_world(demo_users, client, role):
    response = password_step(client, role, "x-Demo-pass-1")
    assert response.status_code == 302, f"{role} could not log in"
    index = client.get("/admin/")
    assert index.status_code == 200
    shown = admin_index_models(index.content.decode())
    user = index.wsgi_request.user
    expected = {
        f"{m._meta.app_label}.{m._meta.model_name}"
        for m in record_models()
        if m in admin.site._registry and can_see_model(user, m)
    }
    shown_records = {label for label in shown if label.split(".")[0] in {
        "customers", "orders", "mailers", "marketing"}}  # fmt: skip
    assert shown_records == expected
    assert expected, f"{role} sees no record model at all"
    # Every model of the record apps outside its world answers 403.
    for model in record_models():
        if not can_see_model(user, model):
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert client.get(url).status_code == 403, (role, model._meta.label)


def test_service_accounts_cannot_use_the_admin(demo_users, client):
    for role in (Role.SERVICE_ORDERS, Role.SERVICE_MARKETING):
        response = password_step(client, role.value, "x-Demo-pass-1")
        assert response.status_code == 200  # the sign-in form again: no password to match
        assert client.get("/admin/").status_code == 302
