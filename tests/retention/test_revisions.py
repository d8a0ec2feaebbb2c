"""A catalogue change that would destroy records sooner takes effect for retention only
once a records officer approves it; purges record the revision whose rules they applied."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from retention.purge import purge_expired
from retention.rules import rules_in_effect
from sorn import catalogue
from sorn.catalogue.usps_820_100 import NOTICE as NOTICE_820
from sorn.models import SystemOfRecords
from sorn.services import load_catalogue
from tests.mailers.factories import MailerLogonFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def _with_logon_period(monkeypatch, period: str, anchor: str | None = None):
    changed = dataclasses.replace(
        NOTICE_820,
        retention_rules=tuple(
            dataclasses.replace(
                r,
                period=period,
                anchor=anchor or r.anchor,
                source_text=f"Logon records are retained {period}.",
            )
            if r.key == "logon"
            else r
            for r in NOTICE_820.retention_rules
        ),
    )
    notices = tuple(changed if n.slug == NOTICE_820.slug else n for n in catalogue.NOTICES)
    monkeypatch.setattr(catalogue, "NOTICES", notices)
    load_catalogue()
    return SystemOfRecords.objects.get(slug=NOTICE_820.slug)


def test_a_shorter_period_waits_for_approval(monkeypatch, admin_user):
    # USPS 820.100 retention 1: one year; a logon eight months old is kept.
    logon = MailerLogonFactory(logged_on_at=timezone.now() - datetime.timedelta(days=240))
    system = _with_logon_period(monkeypatch, "P6M")
    revision = system.current_revision
    assert revision.number == 2
    assert revision.retention_approval_required
    assert revision.retention_changes == [
        (
            "logon: kept 6 months after the event it records instead of 1 year after the event "
            "it records"
        )
    ]
    # The public text is the new one; retention still applies revision 1.
    assert rules_in_effect()[system.slug].revision.number == 1
    run, _ = purge_expired(timezone.localdate(), triggered_by="test")
    assert run.revisions[system.slug] == 1
    assert run.certificate.total == 0
    assert type(logon).objects.filter(pk=logon.pk).exists()

    revision.retention_approved_by = admin_user
    revision.retention_approved_at = timezone.now()
    revision.save()
    run, _ = purge_expired(timezone.localdate(), triggered_by="test")
    assert run.revisions[system.slug] == 2
    assert run.certificate.revisions[system.slug] == 2
    assert run.certificate.total == 1
    assert not type(logon).objects.filter(pk=logon.pk).exists()


def test_a_longer_period_takes_effect_at_once(monkeypatch):
    system = _with_logon_period(monkeypatch, "P2Y")
    assert not system.current_revision.retention_approval_required
    assert rules_in_effect()[system.slug].revision.number == 2


def test_another_anchor_needs_approval(monkeypatch):
    system = _with_logon_period(monkeypatch, "P1Y", anchor="relationship_ended")
    assert system.current_revision.retention_changes == [
        "logon: counted from the end of the customer relationship instead of the record's own date"
    ]
    assert rules_in_effect()[system.slug].revision.number == 1
