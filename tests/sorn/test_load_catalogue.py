"""The catalogue is stored idempotently, and a changed notice becomes a new revision while
the earlier one stays readable."""

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from sorn import catalogue
from sorn.catalogue.usps_820_100 import NOTICE as NOTICE_820
from sorn.models import NoticeRevision, RetentionRule, SystemOfRecords
from sorn.services import load_catalogue

pytestmark = pytest.mark.django_db


def test_migrate_has_loaded_every_notice():
    systems = SystemOfRecords.objects.select_related("current_revision")
    assert [s.slug for s in systems] == [n.slug for n in catalogue.NOTICES]
    for system in systems:
        notice = catalogue.get_notice(system.slug)
        assert system.current_revision.document["name"] == notice.name
        assert system.current_revision.record_categories.count() == len(notice.record_categories)
        assert system.current_revision.retention_rules.count() == len(notice.retention_rules)


def test_loading_again_changes_nothing(capsys):
    before = list(NoticeRevision.objects.values_list("pk", "content_digest"))
    result = load_catalogue()
    assert result.new_revisions == []
    assert sorted(result.unchanged) == sorted(n.slug for n in catalogue.NOTICES)
    call_command("load_catalogue")
    assert "0 new revision(s), 4 unchanged" in capsys.readouterr().out
    assert list(NoticeRevision.objects.values_list("pk", "content_digest")) == before


def test_a_changed_notice_gets_a_new_revision_and_the_old_one_stays(client, monkeypatch):
    system = SystemOfRecords.objects.get(slug=NOTICE_820.slug)
    first = system.current_revision
    # A later notice shortens the logon rule (USPS 820.100, retention 1) and retitles it.
    changed = dataclasses.replace(
        NOTICE_820,
        retention_rules=tuple(
            dataclasses.replace(r, period="P6M", source_text="Logon records are retained 6 months.")
            if r.key == "logon"
            else r
            for r in NOTICE_820.retention_rules
        ),
    )
    notices = tuple(changed if n.slug == NOTICE_820.slug else n for n in catalogue.NOTICES)
    monkeypatch.setattr(catalogue, "NOTICES", notices)

    result = load_catalogue()
    assert result.new_revisions == [f"{NOTICE_820.slug}@2"]
    system.refresh_from_db()
    assert system.current_revision.number == 2
    assert RetentionRule.objects.get(revision=system.current_revision, key="logon").period == "P6M"
    # The earlier revision is untouched and still served.
    assert RetentionRule.objects.get(revision=first, key="logon").period == "P1Y"
    old_page = client.get(f"/systems/{NOTICE_820.slug}/revisions/1/")
    assert old_page.status_code == 200
    assert "Logon records are retained 1 year after computer access." in old_page.text
    assert "an earlier revision" in old_page.text
    current_page = client.get(f"/systems/{NOTICE_820.slug}/")
    assert "Logon records are retained 6 months." in current_page.text
    assert "Revision 1" in current_page.text and "Revision 2" in current_page.text
    # Loading the same changed text again is a no-op.
    assert load_catalogue().new_revisions == []


def test_a_malformed_catalogue_is_not_stored():
    broken = dataclasses.replace(NOTICE_820, retention_rules=())
    with pytest.raises(ImproperlyConfigured, match=r"USPS 820\.100"):
        load_catalogue([broken])
    assert NoticeRevision.objects.filter(system__slug=NOTICE_820.slug).count() == 1
