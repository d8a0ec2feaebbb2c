"""Every write is logged with its actor, and what an entry says about a person is sealed
under that record's data key: unreadable in the database, erased with the key."""

import datetime

import pytest
from django.db import connection

from audit.changes import readable_changes
from audit.models import ChangeEntry
from customers.models import Credential, Person, SystemRelationship
from keystore.crypto import destroy_data_keys
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def person():
    person = Person.objects.create(
        customer_id="CH0001", given_name="Chandra", family_name="Ledger", email="c@example.org"
    )
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2022, 1, 1)
    )
    return person


def stored_changes() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes FROM audit_changeentry")
        return " ".join(str(row[0]) for row in cursor.fetchall())


def test_a_create_is_logged_sealed(person):
    entry = ChangeEntry.objects.get(object_pk=str(person.pk), content_type__model="person")
    assert entry.action == ChangeEntry.Action.CREATE
    assert "Chandra" not in stored_changes()
    assert "c@example.org" not in stored_changes()
    changes = readable_changes(entry)
    assert changes["given_name"][1] == "Chandra"
    # Blind indexes and key references never enter an entry.
    assert "email_index" not in changes and "data_key_id" not in changes


def test_an_api_write_names_its_actor_and_address(client, staff_user, person):
    user = staff_user(Role.CUSTOMER_SERVICE)
    token = client.post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": "x-Test-password-1"},
        content_type="application/json",
    ).json()["token"]
    response = client.patch(
        f"/api/v1/customers/{person.pk}/",
        {"email": "chandra.new@example.org"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        REMOTE_ADDR="198.51.100.23",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 200
    entry = ChangeEntry.objects.filter(action=ChangeEntry.Action.UPDATE).get()
    assert entry.actor == user
    assert entry.remote_addr == "198.51.100.23"
    assert readable_changes(entry) == {"email": ["c@example.org", "chandra.new@example.org"]}
    assert "chandra.new@example.org" not in stored_changes()


def test_an_admin_write_names_its_actor(client, staff_user, person):
    user = staff_user(Role.CUSTOMER_SERVICE)
    client.force_login(user)
    url = f"/admin/customers/person/{person.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    data = {form.add_prefix(n): (form.initial.get(n) or "") for n in form.fields}
    for inline in page.context["inline_admin_formsets"]:
        fs = inline.formset
        data.update(
            {fs.management_form.add_prefix(n): v for n, v in fs.management_form.initial.items()}
        )
    data["family_name"] = "Ledger-Smith"
    assert client.post(url, data).status_code == 302
    entry = ChangeEntry.objects.filter(action=ChangeEntry.Action.UPDATE).get()
    assert entry.actor == user
    assert readable_changes(entry) == {"family_name": ["Ledger", "Ledger-Smith"]}


def test_credentials_never_enter_an_entry(person):
    credential = Credential(person=person, system="usps-810-300", username="chandra")
    credential.set_password("Never-in-the-log-1")
    credential.save()
    entry = ChangeEntry.objects.get(content_type__model="credential")
    changes = readable_changes(entry)
    assert "password_hash" not in changes and "verification_answer_hash" not in changes
    assert changes["username"][1] == "chandra"


def test_destroying_the_records_key_erases_its_entries(person):
    other = Person.objects.create(customer_id="CH0002", given_name="Kept", email="k@example.org")
    destroy_data_keys([person.data_key_id])
    erased = ChangeEntry.objects.get(object_pk=str(person.pk), content_type__model="person")
    kept = ChangeEntry.objects.get(object_pk=str(other.pk), content_type__model="person")
    assert readable_changes(erased) == "erased with the record (its data key was destroyed)"
    assert readable_changes(kept)["given_name"][1] == "Kept"
    # Who changed which record, how and when stays.
    assert erased.action == ChangeEntry.Action.CREATE and erased.timestamp


def test_relationship_rows_are_sealed_under_the_persons_key(person):
    entry = ChangeEntry.objects.get(content_type__model="systemrelationship")
    assert set(entry.changes) == {"sealed"}
    assert entry.changes["sealed"].startswith(f"e1:{person.data_key_id}:")


def test_a_change_outside_a_request_names_the_process(person):
    entry = ChangeEntry.objects.get(object_pk=str(person.pk), content_type__model="person")
    assert entry.actor is None
    assert " via " in entry.additional_data["process"]


def test_bulk_operations_write_their_own_audit_events(settings):
    from audit.models import BulkChange
    from keystore.services import rotate_master_key
    from lib.keyring import keyring_text, new_key, parse_keyring
    from sorn.demo import seed_demo_records

    seed_demo_records(5)
    seeded = BulkChange.objects.get(operation="seed_demo", model="customers.Person")
    assert seeded.row_count == 5 and " via " in seeded.performed_by
    old = settings.KEYRING
    settings.KEYRING = parse_keyring(
        keyring_text("m2", {**old.master_keys, "m2": new_key()}, old.blind_index_key)
    )
    result = rotate_master_key(batch_size=1000)
    rotated = BulkChange.objects.get(operation="rotate_keys")
    assert rotated.row_count == result.rewrapped > 0
    assert rotated.model == "keystore.DataKey"
