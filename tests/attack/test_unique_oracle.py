"""Hole: a write's uniqueness check answers over every row of the model, including rows
of systems the writer does not see. mailer_services (USPS 820.100 only) may change a
person's customer ID; setting it to a value held by a Treasury/Mint-only customer is
refused "person with this customer ID already exists", a free value is accepted: an
oracle telling which customer IDs exist in systems outside the role's scope (its own
?customer_id= search finds nobody there)."""

import pytest

from customers.models import Person
from sorn.constants import Role
from tests.access.conftest import MINT, USPS_820, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def mia_and_mo():
    mia = person_in("C00000960", USPS_820, given_name="Mia")
    person_in("MINTONLY-7", MINT, given_name="Mo")  # outside mailer_services' systems
    return mia


def test_api_patch_does_not_tell_customer_ids_of_other_systems(as_role, mia_and_mo):
    """mailer_services: PATCH /api/v1/customers/<Mia>/ {"customer_id": "MINTONLY-7"} →
    400 {"customer_id": ["person with this customer ID already exists."]}, while
    {"customer_id": "NOPE-7"} → 200, and GET /api/v1/customers/?customer_id=MINTONLY-7
    finds nobody. Expected: the answer does not depend on rows the role cannot see."""
    client = as_role(Role.MAILER_SERVICES)
    search = client.get("/api/v1/customers/", {"customer_id": "MINTONLY-7"})
    assert search.status_code == 200 and search.json()["results"] == []
    taken = client.patch(
        f"/api/v1/customers/{mia_and_mo.pk}/",
        {"customer_id": "MINTONLY-7"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert "already exists" not in taken.content.decode()


def test_admin_change_form_does_not_tell_customer_ids_of_other_systems(as_role, mia_and_mo):
    """mailer_services posts the admin change form of Mia with customer_id=MINTONLY-7:
    the form is re-shown with "Person with this Customer ID already exists." Expected:
    no answer about a Mint-only customer's ID."""
    client = as_role(Role.MAILER_SERVICES)
    url = f"/admin/customers/person/{mia_and_mo.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    data = {
        k: ("" if v is None else v)
        for k, v in form.context["adminform"].form.initial.items()
        if k in form.context["adminform"].form.fields
    }
    data["customer_id"] = "MINTONLY-7"
    for formset in form.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, _field in management.fields.items():
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    response = client.post(url, data)
    assert "already exists" not in response.content.decode()
    assert Person.objects.get(pk=mia_and_mo.pk).customer_id in ("C00000960", "MINTONLY-7")
