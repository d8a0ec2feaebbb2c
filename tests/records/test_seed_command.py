"""The `seed_demo --customers N` command."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from customers.models import Person

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_the_command_reports_what_it_inserted(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    call_command("seed_demo", "--customers", "12")
    out = capsys.readouterr().out
    assert "customers.Person: 12" in out
    assert "demo records:" in out
    assert Person.objects.count() == 12


def test_a_negative_count_is_refused(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    with pytest.raises(CommandError, match="zero or more"):
        call_command("seed_demo", "--customers", "-1")
