"""`manage.py sorn_check` fails on a stored field that is unclassified, or classified into
a category its system's notice does not publish (5 U.S.C. 552a(e)(1), (e)(4)(C))."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from sorn.classification import FieldClassification, internal, registry
from sorn.constants import DataClass


@pytest.fixture
def planted_model():
    """A record model planted in the `orders` app for the length of one test."""
    name = "PlantedOrderNote"

    class PlantedOrderNote(models.Model):
        placed_on = models.DateField()
        note = models.TextField()

        class Meta:
            app_label = "orders"
            managed = False

        def __str__(self) -> str:
            return self.note

    yield PlantedOrderNote
    registry.unregister(PlantedOrderNote)
    del apps.all_models["orders"][name.lower()]
    apps.clear_cache()


def test_passes_when_every_field_is_classified(capsys):
    call_command("sorn_check")
    out = capsys.readouterr().out
    assert "every stored record field is classified" in out
    assert "USPS 810.300:" in out and "Treasury/United States Mint .009:" in out


def test_fails_on_a_planted_unclassified_model(planted_model, capsys):
    with pytest.raises(CommandError, match="3 classification problem"):
        call_command("sorn_check")
    err = capsys.readouterr().err
    for field in ("id", "placed_on", "note"):
        assert f"sorn.E010 orders.PlantedOrderNote.{field}: is not classified" in err


def test_fails_on_a_field_added_without_classification(planted_model, capsys):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems="usps-810-300",
        record="order_processing",
        dated_by="placed_on",
        fields={
            "id": internal(),
            "placed_on": FieldClassification(DataClass.ORDER, "order_processing"),
        },
    )
    with pytest.raises(CommandError, match="1 classification problem"):
        call_command("sorn_check")
    assert "orders.PlantedOrderNote.note: is not classified" in capsys.readouterr().err


def test_fails_on_a_category_the_notice_does_not_publish(planted_model, capsys):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems="usps-810-300",
        record="order_processing",
        dated_by="placed_on",
        fields={
            "id": internal(),
            "placed_on": FieldClassification(DataClass.ORDER, "order_processing"),
            # Web-meeting telemetry is USPS 890.000's category, not 810.300's.
            "note": FieldClassification(DataClass.TELEMETRY, "telemetry_data"),
        },
    )
    with pytest.raises(CommandError):
        call_command("sorn_check")
    err = capsys.readouterr().err
    assert (
        "sorn.E012 orders.PlantedOrderNote.note: is classified as 'telemetry_data', "
        "a category USPS 810.300 does not publish"
    ) in err


def test_fails_on_a_personal_field_without_category(planted_model, capsys):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems="usps-810-300",
        record="order_processing",
        dated_by="placed_on",
        fields={
            "id": internal(),
            "placed_on": internal(),
            "note": FieldClassification(DataClass.COMMUNICATION),
        },
    )
    with pytest.raises(CommandError):
        call_command("sorn_check")
    assert "only internal fields may have none" in capsys.readouterr().err


def test_fails_on_an_unknown_system_and_a_stale_entry(planted_model, capsys):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems="usps-999-000",
        fields={
            "id": internal(),
            "placed_on": internal(),
            "note": internal(),
            "removed_field": internal(),
        },
    )
    with pytest.raises(CommandError):
        call_command("sorn_check")
    err = capsys.readouterr().err
    assert "orders.PlantedOrderNote: names system 'usps-999-000'" in err
    assert "orders.PlantedOrderNote.removed_field: is classified but is not a field" in err


def test_the_system_check_reports_it_too(planted_model):
    from sorn.checks import check_classification

    ids = {(e.id, e.obj) for e in check_classification()}
    assert ("sorn.E010", "orders.PlantedOrderNote.note") in ids


def test_a_model_cannot_be_classified_twice(planted_model):
    registry.register(planted_model, systems="usps-810-300", fields={})
    from sorn.classification import AlreadyRegistered

    with pytest.raises(AlreadyRegistered):
        registry.register(planted_model, systems="usps-810-300", fields={})


def test_a_system_record_names_its_rule_and_date(planted_model, capsys):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems="usps-810-300",
        record="web_meetings",
        dated_by="note",
        fields={"id": internal(), "placed_on": internal(), "note": internal()},
    )
    with pytest.raises(CommandError, match="2 classification problem"):
        call_command("sorn_check")
    err = capsys.readouterr().err
    assert "sorn.E014 orders.PlantedOrderNote: must name the record category or record kind" in err
    assert "sorn.E015 orders.PlantedOrderNote: must name its own date field" in err


@pytest.mark.parametrize(
    ("system", "record", "anchored_by", "message"),
    [
        # USPS 820.100 retention 3 counts from the cancellation of access privileges.
        ("usps-820-100", "security_access", None, "name that date field (anchored_by=...)"),
        ("usps-820-100", "security_access", "note", "name that date field (anchored_by=...)"),
        # USPS 810.300 ACH records count from their own date: an anchor field is a mistake.
        ("usps-810-300", "ach", "placed_on", "counts from the record's own date"),
    ],
)
def test_a_record_kept_from_an_event_names_the_event_date(
    planted_model, capsys, system, record, anchored_by, message
):
    registry.register(
        planted_model,
        reference=True,  # a note about no one: sorn.E017 is not what this test is about
        systems=system,
        record=record,
        dated_by="placed_on",
        anchored_by=anchored_by,
        fields={"id": internal(), "placed_on": internal(), "note": internal()},
    )
    with pytest.raises(CommandError, match="1 classification problem"):
        call_command("sorn_check")
    err = capsys.readouterr().err
    assert "sorn.E016 orders.PlantedOrderNote" in err
    assert message in err
