"""Entering the accounting of a disclosure by hand (issue 14, item 14; 5 U.S.C.
552a(c)(1)): the person found by a search through the gate, the system and routine use
only from that person's systems' published routine uses, the records only the person's
own in that system; anything else refused with a message and nothing saved. A mistaken
entry is corrected by a new entry naming it, never edited or deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.disclosures import accounting_of, record_disclosure
from audit.models import AppendOnlyError, DisclosureAccounting
from customers.models import Person, SystemRelationship
from orders.models import MintOrder, OfflineOrder
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADD = "/admin/audit/disclosureaccounting/add/"
USE_1 = "USPS standard routine use 1"


def _person(customer_id: str, *systems: str) -> Person:
    person = Person.objects.create(
        customer_id=customer_id, given_name="Dora", family_name=f"Disclosed{customer_id}"
    )
    for system in systems:
        SystemRelationship.objects.create(
            person=person, system=system, started_on=datetime.date(2021, 1, 1)
        )
    return person


@pytest.fixture
def dora():
    person = _person("DE1", "usps-810-300", "mint-009")
    person.order = OfflineOrder.objects.create(
        person=person, order_number="PF0000000901", placed_on=datetime.date(2024, 5, 1)
    )
    person.mint_order = MintOrder.objects.create(
        person=person,
        order_number="MO0000000901",
        internal_request_id="RQ0000000901",
        order_date=datetime.date(2024, 5, 1),
    )
    return person


@pytest.fixture
def other():
    person = _person("DE2", "usps-810-300")
    person.order = OfflineOrder.objects.create(
        person=person, order_number="PF0000000902", placed_on=datetime.date(2024, 5, 1)
    )
    return person


@pytest.fixture
def officer(client, staff_user):
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    return client


def _form(person, **changes) -> dict:
    data = {
        "system": "usps-810-300",
        "routine_use": USE_1,
        "records": [f"usps-810-300:orders.OfflineOrder:{person.order.pk}"],
        "disclosed_at": "2026-03-02T10:30",
        "nature_and_purpose": "Fulfilment of an offline order",
        "recipient_name": "Example Fulfilment Inc.",
        "recipient_address": "1 Partner Plaza, Dover, DE 19901",
    }
    data.update(changes)
    return data


def _entry(person, **changes) -> DisclosureAccounting:
    fields = {
        "person_id": person.pk,
        "system": "usps-810-300",
        "routine_use": USE_1,
        "records": {"orders.OfflineOrder": [person.order.pk]},
        "nature_and_purpose": "Fulfilment of an offline order",
        "recipient_name": "Example Fulfilment Inc.",
        "recipient_address": "1 Partner Plaza, Dover, DE 19901",
        "by": "privacy_officer-test",
    }
    fields.update(changes)
    return record_disclosure(**fields)


def _correction_refused(officer, person, entry) -> list[str]:
    """A correction of `entry` for `person`: refused by the form (not offered) and by the
    service whatever is posted; the service's message."""
    page = officer.post(f"{ADD}?person={person.pk}", _form(person, corrects=str(entry.pk)))
    assert "corrects" in page.context["form"].errors
    with pytest.raises(ValidationError) as refused:
        _entry(person, corrects=entry)
    return refused.value.message_dict["corrects"]


def test_the_person_is_found_by_the_person_lists_search(officer, dora, other):
    page = officer.get(ADD)
    assert page.status_code == 200
    assert "Your role can search by:" in page.content.decode()
    html = officer.get(ADD, {"q": "DE1"}).content.decode()
    assert f'href="?person={dora.pk}"' in html
    assert f'href="?person={other.pk}"' not in html
    html = officer.get(ADD, {"q": "Disclosed"}).content.decode()  # a prefix finds nobody
    assert "No person your role may see matches that search." in html


def test_the_form_offers_only_the_persons_systems_routine_uses_and_records(officer, dora, other):
    form = officer.get(ADD, {"person": dora.pk}).context["form"]
    assert [value for value, _ in form.fields["system"].choices] == [
        "", "mint-009", "usps-810-300"
    ]  # fmt: skip
    # USPS 810.300: "Standard routine uses 1. through 7., 10., and 11. apply."; the
    # Mint's notice of altered system republishes none.
    uses = dict(form.fields["routine_use"].choices[1:])
    assert list(uses) == ["USPS 810.300"]
    assert [label for label, _ in uses["USPS 810.300"]] == [
        f"USPS standard routine use {n}" for n in (1, 2, 3, 4, 5, 6, 7, 10, 11)
    ]
    values = {value for _, group in form.fields["records"].choices for value, _ in group}
    assert f"usps-810-300:orders.OfflineOrder:{dora.order.pk}" in values
    assert f"mint-009:orders.MintOrder:{dora.mint_order.pk}" in values
    assert not any(value.endswith(f"OfflineOrder:{other.order.pk}") for value in values)


def test_a_disclosure_is_recorded(officer, dora):
    response = officer.post(f"{ADD}?person={dora.pk}", _form(dora))
    entry = DisclosureAccounting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/audit/disclosureaccounting/{entry.pk}/change/"
    assert (entry.person_id, entry.system, entry.routine_use) == (dora.pk, "usps-810-300", USE_1)
    assert entry.records == {"orders.OfflineOrder": [dora.order.pk]}
    assert entry.recipient_name == "Example Fulfilment Inc."
    assert entry.recorded_by == "privacy_officer-test"
    assert entry.corrects is None


# Attacks: each refused with a message, nothing saved ----------------------------------


def test_a_person_the_user_may_not_see_is_refused(officer, dora):
    # No relationship with any system: in no system the role works in.
    stranger = Person.objects.create(customer_id="DE9", given_name="Nobody")
    for person_id in (stranger.pk, 999999, "1 OR 1=1"):
        page = officer.post(f"{ADD}?person={person_id}", _form(dora), follow=True)
        assert page.status_code == 200
        assert "that your role may see: find the person by search." in page.content.decode()
    assert not DisclosureAccounting.objects.exists()


def test_only_privacy_officers_record_disclosures(client, staff_user, dora):
    for role in (Role.AUDITOR, Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER):
        client.force_login(staff_user(role))
        assert client.post(f"{ADD}?person={dora.pk}", _form(dora)).status_code == 403
    assert not DisclosureAccounting.objects.exists()


def test_a_routine_use_another_system_publishes_is_refused(officer, dora):
    # The Mint publishes no routine use: USPS 810.300's is not one of the Mint's.
    data = _form(
        dora, system="mint-009", records=[f"mint-009:orders.MintOrder:{dora.mint_order.pk}"]
    )
    page = officer.post(f"{ADD}?person={dora.pk}", data)
    assert page.status_code == 200
    assert page.context["form"].errors["routine_use"] == [
        "'USPS standard routine use 1' is not a routine use the notice of mint-009 publishes."
    ]
    assert "Nothing was saved" in page.content.decode()
    # A routine use no notice publishes is not even offered.
    page = officer.post(f"{ADD}?person={dora.pk}", _form(dora, routine_use="Anything goes"))
    assert "routine_use" in page.context["form"].errors
    assert not DisclosureAccounting.objects.exists()


def test_a_record_of_another_person_is_refused(officer, dora, other):
    theirs = f"usps-810-300:orders.OfflineOrder:{other.order.pk}"
    page = officer.post(f"{ADD}?person={dora.pk}", _form(dora, records=[theirs]))
    assert "records" in page.context["form"].errors
    # The service refuses it whatever the form offered.
    with pytest.raises(ValidationError) as refused:
        _entry(dora, records={"orders.OfflineOrder": [other.order.pk]})
    assert refused.value.message_dict["records"] == [
        f"orders.OfflineOrder #{other.order.pk}: not a record of customer #{dora.pk} in "
        "usps-810-300."
    ]
    assert not DisclosureAccounting.objects.exists()


def test_a_record_of_another_system_is_refused(officer, dora):
    mint = f"mint-009:orders.MintOrder:{dora.mint_order.pk}"
    page = officer.post(f"{ADD}?person={dora.pk}", _form(dora, records=[mint]))
    assert page.context["form"].errors["records"] == [
        "Pick only records listed under the system chosen (USPS 810.300)."
    ]
    with pytest.raises(ValidationError) as refused:
        _entry(dora, records={"orders.MintOrder": [dora.mint_order.pk]})
    assert refused.value.message_dict["records"] == [
        "orders.MintOrder is no record type of usps-810-300 about a person."
    ]
    with pytest.raises(ValidationError) as refused:
        _entry(dora, system="usps-820-100")
    assert refused.value.message_dict["system"] == [
        f"Customer #{dora.pk} has no relationship with usps-820-100: nothing of theirs in it "
        "could have been disclosed."
    ]
    assert not DisclosureAccounting.objects.exists()


def test_a_correction_of_another_persons_entry_is_refused(officer, dora, other):
    theirs = _entry(other)
    assert _correction_refused(officer, dora, theirs) == [
        f"Disclosure #{theirs.pk} is not an entry about customer #{dora.pk}."
    ]
    assert list(DisclosureAccounting.objects.all()) == [theirs]


def test_an_entry_is_never_edited_or_deleted(officer, dora):
    entry = _entry(dora)
    change = f"/admin/audit/disclosureaccounting/{entry.pk}/change/"
    page = officer.get(change)
    assert page.status_code == 200
    assert 'name="recipient_name"' not in page.content.decode()  # shown, not editable
    assert officer.post(change, _form(dora, recipient_name="Someone else")).status_code == 403
    delete = f"/admin/audit/disclosureaccounting/{entry.pk}/delete/"
    assert officer.get(delete).status_code == 403
    assert officer.post(delete, {"post": "yes"}).status_code == 403
    listing = officer.post(
        "/admin/audit/disclosureaccounting/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert listing.status_code in (200, 302)
    entry.recipient_name = "Someone else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        DisclosureAccounting.objects.filter(pk=entry.pk).delete()
    assert DisclosureAccounting.objects.get().recipient_name == "Example Fulfilment Inc."


# Corrections -------------------------------------------------------------------------


def test_a_mistaken_entry_is_corrected_by_a_new_one(officer, dora):
    mistaken = _entry(dora, recipient_name="Exampel Fulfilment")
    response = officer.post(f"{ADD}?person={dora.pk}", _form(dora, corrects=str(mistaken.pk)))
    assert response.status_code == 302
    correction = DisclosureAccounting.objects.exclude(pk=mistaken.pk).get()
    assert correction.corrects == mistaken
    # Both stay; the accounting shows the correction instead of the mistake.
    assert DisclosureAccounting.objects.count() == 2
    (shown,) = accounting_of([dora.pk])
    assert shown == correction and shown.corrected_entry == mistaken
    # An entry is corrected once: a second correction corrects the correction.
    assert _correction_refused(officer, dora, mistaken) == [
        f"Disclosure #{mistaken.pk} was already corrected by #{correction.pk}: correct that "
        "entry instead."
    ]


def test_the_accounting_resolves_a_correction_made_under_another_system(dora):
    mistaken = _entry(dora, system="usps-810-300")
    # The Mint publishes no routine use, so the correction stays in USPS 810.300; the
    # mistake is left out of every system's accounting all the same.
    correction = _entry(dora, corrects=mistaken, nature_and_purpose="Order fulfilment")
    assert accounting_of([dora.pk], ["mint-009"]) == []
    assert accounting_of([dora.pk], ["usps-810-300"]) == [correction]
