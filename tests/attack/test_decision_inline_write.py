"""Hole: the gate replaces an inline's own `fields`/`readonly_fields` and
`has_change_permission` with the policy's, so an inline the app declared read-only is
writable wherever the role holds write on a field. mailers' DecisionInline declares its
fields read-only ("decisions are made through mailers.workflow.decide_application"), and
ApplicationDecisionAdmin refuses every change; but mailer_services (business: write)
edits a recorded decision from the application's change form, and the trail no longer
matches the application's status."""

import pytest

from mailers.models import ApplicationDecision
from mailers.workflow import decide_application
from sorn.constants import Role
from tests.attack.forms import form_data
from tests.mailers import factories as mf

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_mailer_services_cannot_rewrite_a_decision_through_the_inline(as_role, staff_user):
    """mailer_services: GET then POST /admin/mailers/mailerapplication/<pk>/change/ with
    decisions-0-decision=approved (the form as rendered, that one value changed) → 302,
    and the "denied" decision now reads "approved" while the application stays denied.
    Expected: the decision is not writable there (as in its own admin: 403)."""
    application = mf.MailerApplicationFactory(application_number="MSA-T000777")
    decision = decide_application(
        application,
        "denied",
        decided_by=staff_user(Role.PRIVACY_OFFICER, "po-decider"),
        reason="Incomplete application.",
    )
    client = as_role(Role.MAILER_SERVICES)
    assert (
        client.get(f"/admin/mailers/applicationdecision/{decision.pk}/change/").context[
            "has_change_permission"
        ]
        is False
    )
    url = f"/admin/mailers/mailerapplication/{application.pk}/change/"
    data = form_data(client.get(url))
    if "decisions-0-decision" not in data:
        return  # not an editable input: the decision is read-only, as declared
    data["decisions-0-decision"] = ["approved"]
    client.post(url, data)
    assert ApplicationDecision.objects.get(pk=decision.pk).decision == "denied"
