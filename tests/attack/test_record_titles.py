"""Holes: a record's title (`__str__`) carries fields some roles see masked or not at
all, and the admin prints it where the gate never looks: the change form's title and
breadcrumbs, a stacked inline's header, the change list's "select this object" checkbox
label, and a read-only foreign key (which prints the *related* row's title, even of a
model the role may not see at all)."""

import datetime
import re
from decimal import Decimal

import pytest

from customers.models import Address
from orders.models import ACHRecord
from sorn.constants import Role
from tests.access.conftest import USPS_810, USPS_890, person_in
from tests.mailers import factories as mf

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def text(response) -> str:
    return response.content.decode()


def test_address_change_form_title_does_not_tell_masked_kind(as_role):
    """marketing_analyst opens GET /admin/customers/address/<pk>/change/ of a USPS 890.000
    customer's address; it sees Address.kind masked ("•••"), yet the page's title and
    breadcrumbs read "Business address of customer #N". Expected: no unmasked kind."""
    zed = person_in("C00000950", USPS_890, given_name="Zed")
    address = Address.objects.create(
        person=zed, kind="business", line1="1 Main", city="Cody", state="WY"
    )
    response = as_role(Role.MARKETING_ANALYST).get(f"/admin/customers/address/{address.pk}/change/")
    assert response.status_code == 200
    assert "Business address" not in text(response)


def test_person_change_form_address_inline_header_does_not_tell_masked_kind(as_role):
    """marketing_analyst opens GET /admin/customers/person/<pk>/change/; the address
    inline (stacked) heads each address with its title "Business address of customer #N"
    although the role sees the kind masked. Expected: the kind is not shown in clear."""
    zed = person_in("C00000951", USPS_890, given_name="Zed")
    Address.objects.create(person=zed, kind="business", line1="1 Main", city="Cody", state="WY")
    response = as_role(Role.MARKETING_ANALYST).get(f"/admin/customers/person/{zed.pk}/change/")
    assert response.status_code == 200
    assert "Business address" not in text(response)


def test_ach_record_title_does_not_tell_hidden_debit_date(as_role):
    """records_officer does not see ACHRecord.debit_date at all (financial data), yet
    GET /admin/orders/achrecord/<pk>/change/ titles the page "ACH debit #N of 2023-07-14"
    and the change list's checkbox is labelled "Select this object for an action - ACH
    debit #N of 2023-07-14". Expected: the date appears nowhere."""
    alice = person_in("C00000952", USPS_810, given_name="Alice")
    ach = ACHRecord.objects.create(
        person=alice,
        account_holder_name="Alice Example",
        bank_routing_number="021000021",
        bank_account_number="99887766",
        account_type="checking",
        amount=Decimal("27.20"),
        debit_date=datetime.date(2023, 7, 14),
        status="settled",
    )
    client = as_role(Role.RECORDS_OFFICER)
    form = client.get(f"/admin/orders/achrecord/{ach.pk}/change/")
    assert form.status_code == 200
    assert "2023-07-14" not in text(form)
    listing = client.get("/admin/orders/achrecord/")
    assert listing.status_code == 200
    assert "2023-07-14" not in text(listing)


def test_change_list_checkbox_label_does_not_tell_hidden_field(as_role):
    """records_officer lists GET /admin/mailers/keycontact/: the `role` column is hidden
    for it (business data), but each row's action checkbox has aria-label "Select this
    object for an action - Billing contact of application #N" (the title). Expected:
    the hidden role appears nowhere on the page."""
    contact = mf.KeyContactFactory()
    label = contact.get_role_display()
    response = as_role(Role.RECORDS_OFFICER).get("/admin/mailers/keycontact/")
    assert response.status_code == 200
    assert [c.pk for c in response.context["cl"].result_list] == [contact.pk]
    assert "role" not in [getattr(c, "gated_field", c) for c in response.context["cl"].list_display]
    assert not re.search(re.escape(label), text(response), re.IGNORECASE)


def test_read_only_foreign_key_does_not_print_a_row_of_an_unseen_model(as_role):
    """security_admin may see mailer identifiers (USPS 820.100 identification) but not
    mailer applications (customer information, outside its scope: the admin 403s them).
    GET /admin/mailers/maileridentifier/<pk>/change/ renders the read-only `application`
    link as the application's title, "Application MSA-SECRET1". Expected: nothing of
    the application but its number-free link (or nothing)."""
    application = mf.MailerApplicationFactory(application_number="MSA-SECRET1")
    identifier = mf.MailerIdentifierFactory(person=application.person, application=application)
    client = as_role(Role.SECURITY_ADMIN)
    assert (
        client.get(f"/admin/mailers/mailerapplication/{application.pk}/change/").status_code == 403
    )
    response = client.get(f"/admin/mailers/maileridentifier/{identifier.pk}/change/")
    assert response.status_code == 200
    assert "MSA-SECRET1" not in text(response)
