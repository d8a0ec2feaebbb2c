"""Every stored field of the USPS 820.100 records is classified into a category the
notice publishes, and every published category is stored (5 U.S.C. 552a(e)(1))."""

import pytest
from django.apps import apps

from sorn.classification import category_coverage, find_classification_problems, registry

MAILER_MODELS = list(apps.get_app_config("mailers").get_models())


def test_no_classification_problems():
    assert find_classification_problems(MAILER_MODELS) == []


def test_every_published_category_is_stored():
    assert category_coverage()["usps-820-100"]["not_stored"] == []


@pytest.mark.parametrize(
    ("label", "record", "dated_by"),
    [
        # USPS 820.100, retention 1: logon records, 1 year after the computer access.
        ("mailers.MailerLogon", "logon", "logged_on_at"),
        # Retention 2: ACH records, up to 2 years.
        ("mailers.ACHRecord", "ach", "recorded_on"),
        # Retention 3: security access records, 2 years after access is cancelled.
        ("mailers.SecurityAccess", "security_access", "granted_on"),
        # Retention 4: other customer records, 4 years after the relationship ends.
        ("mailers.MailerApplication", "customer_information", "submitted_on"),
    ],
)
def test_record_kinds_are_governed_by_their_retention_rule(label, record, dated_by):
    entry = registry.get(apps.get_model(label))
    assert (entry.systems, entry.record, entry.dated_by) == (("usps-820-100",), record, dated_by)
