"""Hole: a foreign-key column (`person`, `handled_by`, `application`...) is read in clear
(a link is internal), so the change list lets the role sort by it with ?o=; but Django
sorts a relation by the *related* model's Meta.ordering, i.e. by the related row's
customer ID, staff user ID, application number... which the role sees masked or not at
all. Sorting twice with the order reversed reads those values' order."""

import pytest

from customers.models import Address
from sorn.constants import Role
from tests.access.conftest import USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def _index(changelist, name):
    return [getattr(c, "gated_field", c) for c in changelist.list_display].index(name)


def test_address_list_sorted_by_person_does_not_follow_masked_customer_id(as_role):
    """marketing_analyst (customer IDs masked): GET /admin/customers/address/?o=<person
    column> lists the address of Al (person #1, customer ID C00000999) after Bea's
    (person #2, C00000001): the order is the masked customer IDs', not the person
    numbers'. Expected: the relation column sorts by something the role reads (the
    person's number), or not at all."""
    al = person_in("C00000999", USPS_890, given_name="Al")
    bea = person_in("C00000001", USPS_890, given_name="Bea")
    first = Address.objects.create(person=al, kind="home", line1="1 Main", city="Cody", state="WY")
    second = Address.objects.create(
        person=bea, kind="home", line1="2 Main", city="Nome", state="AK"
    )
    client = as_role(Role.MARKETING_ANALYST)
    cl = client.get("/admin/customers/address/").context["cl"]
    idx = _index(cl, "person")
    up = client.get("/admin/customers/address/", {"o": str(idx)}).context["cl"]
    order = [a.pk for a in up.result_list]
    # Sorted by person as the role can know it (the person's number): Al's first.
    # Sorted by the masked customer ID instead: Bea's first.
    assert order != [second.pk, first.pk], "sorted by the masked customer IDs"


def test_signature_list_sorted_by_application_does_not_follow_unseen_application(as_role):
    """security_admin may see customer signatures (USPS 820.100 identification) but not
    mailer applications (403). GET /admin/mailers/customersignature/?o=<application
    column> sorts by MailerApplication.Meta.ordering (submitted date, number...), values
    of rows the role may not see at all. Expected: the order does not follow them."""
    from tests.mailers import factories as mf

    older = mf.CustomerSignatureFactory(
        application=mf.MailerApplicationFactory(application_number="MSA-T000900")
    )
    newer = mf.CustomerSignatureFactory(
        application=mf.MailerApplicationFactory(application_number="MSA-T000100")
    )
    client = as_role(Role.SECURITY_ADMIN)
    assert (
        client.get(f"/admin/mailers/mailerapplication/{older.application.pk}/change/").status_code
        == 403
    )
    cl = client.get("/admin/mailers/customersignature/").context["cl"]
    idx = _index(cl, "application")
    orders = []
    for numbers in (("MSA-T000900", "MSA-T000100"), ("MSA-T000100", "MSA-T000900")):
        for signature, number in zip((older, newer), numbers, strict=True):
            signature.application.application_number = number + "X"
            signature.application.save()
        for signature, number in zip((older, newer), numbers, strict=True):
            signature.application.application_number = number
            signature.application.save()
        up = client.get("/admin/mailers/customersignature/", {"o": str(idx)}).context["cl"]
        orders.append([s.pk for s in up.result_list])
    # Only the applications' numbers changed between the two listings.
    assert orders[0] == orders[1], "the order follows the unseen application numbers"
