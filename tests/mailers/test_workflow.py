"""The decision trail of an application (mailers.workflow): each decision moves the
status with it; a decision that may not follow the status changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from mailers.constants import ApplicationStatus, Decision
from mailers.models import ApplicationDecision
from mailers.workflow import decide_application
from sorn.constants import Role
from tests.mailers.factories import MailerApplicationFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def officer(staff_user):
    return staff_user(Role.MAILER_SERVICES)


def test_approval_moves_the_status_and_records_who_decided(officer):
    application = MailerApplicationFactory()
    entry = decide_application(application, Decision.APPROVED, decided_by=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert (entry.decision, entry.decided_by, entry.person_id) == (
        Decision.APPROVED,
        officer,
        application.person_id,
    )


def test_the_trail_keeps_every_decision_in_order(officer):
    application = MailerApplicationFactory()
    decide_application(application, Decision.UNDER_REVIEW, decided_by=officer)
    decide_application(application, Decision.DENIED, decided_by=officer, reason="No permit.")
    assert list(application.decisions.values_list("decision", flat=True)) == [
        "under_review",
        "denied",
    ]


def test_a_final_decision_cannot_be_changed(officer):
    application = MailerApplicationFactory()
    decide_application(application, Decision.APPROVED, decided_by=officer)
    with pytest.raises(ValidationError, match="approved cannot be denied"):
        decide_application(application, Decision.DENIED, decided_by=officer, reason="x")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decisions.count() == 1


def test_a_denial_needs_a_reason_and_changes_nothing_without_one(officer):
    application = MailerApplicationFactory()
    with pytest.raises(ValidationError) as caught:
        decide_application(application, Decision.DENIED, decided_by=officer)
    assert "reason" in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert ApplicationDecision.objects.count() == 0


def test_only_staff_decide(django_user_model):
    customer_user = django_user_model.objects.create_user("not-staff", password="x-Pass-word-1")
    application = MailerApplicationFactory()
    with pytest.raises(ValidationError, match="Only staff"):
        decide_application(application, Decision.APPROVED, decided_by=customer_user)
    assert ApplicationDecision.objects.count() == 0


def test_an_approval_needs_a_staff_member():
    application = MailerApplicationFactory()
    with pytest.raises(ValidationError, match="staff member"):
        decide_application(application, Decision.APPROVED)


def test_the_applicant_may_withdraw_without_staff():
    application = MailerApplicationFactory()
    decide_application(application, Decision.WITHDRAWN, reason="No longer needed.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
