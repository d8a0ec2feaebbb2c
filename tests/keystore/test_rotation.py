"""`rotate_keys` rewraps data keys under a new master key in resumable batches: old
ciphertexts still read, new keys are wrapped under the new master key."""

import pytest
from django.core.management import call_command

from customers.models import Person
from keystore.models import DataKey
from keystore.services import rotate_master_key
from lib.keyring import keyring_text, new_key, parse_keyring

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def ring_with_new_master(settings):
    """The current keyring plus a new master key "m-new", made current."""
    old = settings.KEYRING
    masters = {**old.master_keys, "m-new": new_key()}
    return old, parse_keyring(keyring_text("m-new", masters, old.blind_index_key))


def only_the_new_master(ring):
    return parse_keyring(keyring_text("m-new", {"m-new": ring.current_key}, ring.blind_index_key))


def masters() -> dict[str, int]:
    rows = DataKey.objects.using("keystore").values_list("master_key_id", flat=True)
    found: dict[str, int] = {}
    for master in rows:
        found[master] = found.get(master, 0) + 1
    return found


def test_rotation_rewraps_resumably_and_everything_still_reads(settings, capsys):
    people = [
        Person.objects.create(customer_id=f"R{n}", given_name=f"Rot{n}", email=f"r{n}@example.org")
        for n in range(7)
    ]
    old, rotated = ring_with_new_master(settings)
    settings.KEYRING = rotated

    # A new record after the switch is wrapped under the new master key at once.
    newcomer = Person.objects.create(customer_id="R-new", given_name="New", email="n@example.org")
    assert DataKey.objects.using("keystore").get(id=newcomer.data_key_id).master_key_id == "m-new"
    # Old ciphertexts still read: their data keys unwrap under the old master key.
    assert Person.objects.get(pk=people[0].pk).given_name == "Rot0"

    # Interrupted after one batch of three...
    first = rotate_master_key(batch_size=3, max_batches=1)
    assert (first.rewrapped, first.remaining) == (3, 4)
    assert masters() == {old.current: 4, "m-new": 4}
    # ...and resumed to the end by the command.
    call_command("rotate_keys", "--batch-size", "3")
    assert "4 data keys rewrapped in 2 batch(es); 0 remaining" in capsys.readouterr().out
    assert masters() == {"m-new": 8}

    # The old master key can now be dropped from the keyring: everything reads without it.
    settings.KEYRING = only_the_new_master(rotated)
    assert sorted(p.given_name for p in Person.objects.all()) == sorted(
        [f"Rot{n}" for n in range(7)] + ["New"]
    )
    assert Person.objects.lookup(email="R3@example.org").get().customer_id == "R3"


def test_a_key_under_an_unknown_master_key_fails_with_a_message(settings):
    person = Person.objects.create(customer_id="U1", given_name="Unknown", email="u@example.org")
    _old, rotated = ring_with_new_master(settings)
    settings.KEYRING = only_the_new_master(rotated)
    from keystore.crypto import DecryptionFailed

    with pytest.raises(DecryptionFailed, match="which the keyring does not hold"):
        Person.objects.get(pk=person.pk).given_name  # noqa: B018
