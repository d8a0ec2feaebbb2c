"""`manage.py seed_demo`: one staff user per role, idempotent, never with DEBUG off."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from sorn.constants import STAFF_ROLES, Role

pytestmark = pytest.mark.django_db

ROLES = [
    "privacy_officer",
    "records_officer",
    "customer_service",
    "fulfillment",
    "marketing_analyst",
    "mailer_services",
    "security_admin",
    "auditor",
    "contractor_agent",
]


def test_roles_are_the_published_set():
    assert [r.value for r in STAFF_ROLES] == ROLES
    assert sorted(r.value for r in Role if r not in STAFF_ROLES) == [
        "service_marketing",
        "service_orders",
    ]


def test_creates_one_staff_user_per_role(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "a-demo-Password-9"
    call_command("seed_demo")
    assert "11 created" in capsys.readouterr().out
    User = get_user_model()
    for role in ROLES:
        user = User.objects.get(username=role)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        request = RequestFactory().post("/account/login/")  # django-axes needs the request
        assert authenticate(request, username=role, password="a-demo-Password-9") == user
    for service in ("service_orders", "service_marketing"):
        account = User.objects.get(username=service)
        assert not account.is_staff  # API clients never use the admin
        assert list(account.groups.values_list("name", flat=True)) == [service]


def test_is_idempotent(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "first-Password-1"
    call_command("seed_demo")
    settings.DEMO_PASSWORD = "second-Password-2"
    call_command("seed_demo")
    assert "0 created, 11 already present" in capsys.readouterr().out
    User = get_user_model()
    # One per role, and the demo's external recipient (access/demo.py).
    assert User.objects.count() == 12
    for role in ROLES:
        user = User.objects.get(username=role)
        assert user.groups.count() == 1
        assert user.check_password("second-Password-2")


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.DEMO_PASSWORD = "a-demo-Password-9"
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert get_user_model().objects.count() == 0


def test_refuses_without_a_password(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("seed_demo")
    assert get_user_model().objects.count() == 0
