"""Hole: a model's clean() compares a field the role may write with values the role may
not read, and the admin form's error answers the comparison. A Mint order's clean()
checks that the staff user who handled it "had system access on that date"; customer
service (orders: write; security logs and staff records: nothing) changes the order's
date in the admin and the error tells, one date at a time, when the staff member's
system access was granted and revoked (Mint .009 (a) security-log data, hidden from
customer service in every channel)."""

import datetime

import pytest

from orders.models import MintOrder, MintStaffUser
from sorn.constants import Role
from tests.access.conftest import MINT, person_in
from tests.attack.forms import form_data

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

GRANTED = datetime.date(2021, 6, 1)
REVOKED = datetime.date(2022, 6, 30)


@pytest.fixture
def handled_order():
    staff = MintStaffUser.objects.create(
        user_id="agent-0042",
        name="Agent Smith",
        employer_type="contractor",
        access_granted_on=GRANTED,
        access_revoked_on=REVOKED,
    )
    return MintOrder.objects.create(
        person=person_in("C00000970", MINT, given_name="Mona"),
        order_number="MO0000970001",
        internal_request_id="RQ0000970001",
        order_date=datetime.date(2022, 1, 3),
        channel="phone",
        handled_by=staff,
    )


def _post_date(client, url, day: datetime.date):
    data = form_data(client.get(url), "mintorder_form")
    assert "order_date" in data, "order date not writable: nothing to test"
    data["order_date"] = [day.isoformat()]
    return client.post(url, data)


def test_order_date_error_does_not_tell_staff_access_dates(as_role, handled_order):
    """customer_service: POST /admin/orders/mintorder/<pk>/change/ with order_date one day
    before the handling agent's (hidden) access_granted_on → 500 (clean() raises "This
    staff user had no system access on that date." on `handled_by`, which is not a form
    field: ValueError); with order_date on that day → 302, saved. Bisecting the date
    tells the agent's access grant and revocation dates, which customer service reads
    nowhere. Expected: the answer does not depend on values the role cannot read (both
    posts answered alike, and no server error)."""
    client = as_role(Role.CUSTOMER_SERVICE)
    client.raise_request_exception = False
    staff_url = f"/admin/orders/mintstaffuser/{handled_order.handled_by_id}/change/"
    assert client.get(staff_url).status_code in (302, 403, 404)  # the dates are not its to read
    url = f"/admin/orders/mintorder/{handled_order.pk}/change/"
    outside = _post_date(client, url, GRANTED - datetime.timedelta(days=1))
    inside = _post_date(client, url, GRANTED)
    assert outside.status_code != 500
    assert "had no system access" not in outside.content.decode()
    assert outside.status_code == inside.status_code


def test_chat_start_error_does_not_tell_staff_access_dates(as_role, handled_order):
    """contractor_agent (chat records: write; staff access records: nothing): POST
    /admin/orders/mintchattranscript/<pk>/change/ with started_at the day before the
    handling agent's access_granted_on → 500 (clean(): "This staff user had no system
    access on that date." on `handled_by`), on that day → 302. Expected: answered alike."""
    from orders.models import MintChatTranscript

    chat = MintChatTranscript.objects.create(
        person=handled_order.person,
        order=handled_order,
        handled_by=handled_order.handled_by,
        started_at=datetime.datetime(2022, 1, 3, 10, tzinfo=datetime.UTC),
        transcript="Where is my order?",
    )
    client = as_role(Role.CONTRACTOR_AGENT)
    client.raise_request_exception = False
    url = f"/admin/orders/mintchattranscript/{chat.pk}/change/"
    answers = []
    for day in (GRANTED - datetime.timedelta(days=1), GRANTED):
        data = form_data(client.get(url), "mintchattranscript_form")
        assert "started_at_0" in data, "start not writable: nothing to test"
        data["started_at_0"] = [day.isoformat()]
        data["started_at_1"] = ["12:00:00"]
        answers.append(client.post(url, data))
    outside, inside = answers
    assert outside.status_code != 500
    assert "had no system access" not in outside.content.decode()
    assert outside.status_code == inside.status_code
