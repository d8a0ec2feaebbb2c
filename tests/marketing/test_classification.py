"""USPS 890.000 records are fully classified, name the rule that governs each row, and
store every category the notice publishes but its duplicate survey data (17)."""

import pytest
from django.apps import apps

from sorn.catalogue import get_notice
from sorn.classification import category_coverage, find_classification_problems, registry

MODELS = list(apps.get_app_config("marketing").get_models())


def test_no_classification_problems():
    assert find_classification_problems(models_to_check=MODELS) == []


def test_stores_every_category_but_the_duplicate_survey_data():
    coverage = category_coverage()["usps-890-000"]
    assert coverage["not_stored"] == ["survey_data_17"]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_each_model_names_its_retention_rule_and_date(model):
    entry = registry.get(model)
    notice = get_notice("usps-890-000")
    assert entry.systems == ("usps-890-000",)
    assert entry.record in notice.category_keys | notice.record_kind_keys
    assert model._meta.get_field(entry.dated_by).db_index


@pytest.mark.parametrize(
    ("label", "record"),
    [
        ("marketing.CampaignResponse", "direct_marketing"),
        ("marketing.AchRecord", "ach"),
        ("marketing.MailingListSubscription", "publication_mailing_list"),
        ("marketing.PccMembership", "organization_participation"),
        ("marketing.MeetingRecording", "meeting_recording"),
        ("marketing.ParticipantSession", "participant_session_data"),
        ("marketing.CollaborationMessage", "communication_data"),
        ("marketing.SurveyResponse", "survey_contest_information"),
        ("marketing.InsightShare", "customer_sharing_analytics"),
    ],
)
def test_record_kinds_of_the_retention_sentences(label, record):
    assert registry.get(apps.get_model(label)).record == record
