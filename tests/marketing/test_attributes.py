"""The attribute names an `attributes` field may hold are exactly those the catalogue
publishes for its category (USPS 890.000 categories 10 to 16 and 18), secrets excepted."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from marketing.attributes import (
    SECRET_ATTRIBUTES,
    PublishedAttributesValidator,
    published_attributes,
    storable_attributes,
)
from sorn.catalogue import get_notice

ATTRIBUTES = get_notice("usps-890-000").extra["attributes"]


def attribute_fields():
    for model in apps.get_app_config("marketing").get_models():
        for field in model._meta.concrete_fields:
            for validator in field.validators:
                if isinstance(validator, PublishedAttributesValidator):
                    yield model, field, validator.category


def test_reads_the_catalogue():
    assert published_attributes("telemetry_data") == tuple(ATTRIBUTES["telemetry_data"])


def test_every_published_attribute_category_has_a_field():
    assert {category for _, _, category in attribute_fields()} == set(ATTRIBUTES) - {
        "telemetry_data"  # all ten of its attributes are typed fields of TelemetryEvent
    }


def test_every_secret_is_a_published_attribute():
    published = {name for names in ATTRIBUTES.values() for name in names}
    assert published >= SECRET_ATTRIBUTES


@pytest.mark.parametrize("category", sorted(ATTRIBUTES))
def test_every_storable_attribute_is_accepted(category):
    validator = PublishedAttributesValidator(category)
    validator(dict.fromkeys(storable_attributes(category), "x"))


def test_unknown_key_is_refused_with_its_name():
    validator = PublishedAttributesValidator("device_data")
    with pytest.raises(ValidationError, match="'Favourite Colour'"):
        validator({"CPU Brand": "Intel", "Favourite Colour": "blue"})


def test_a_category_without_published_attributes_cannot_be_validated():
    with pytest.raises(KeyError, match="survey_data"):
        PublishedAttributesValidator("survey_data")
