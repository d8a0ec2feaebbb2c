"""Data keys, each wrapped (AES-256-GCM) under a master key from the keyring.

A record's encrypted fields can only be read with its data key; deleting the DataKey row
is the record's cryptographic erase (NIST SP 800-88): every copy of the ciphertext —
backups of the records database, audit change entries — becomes unreadable at once.
"""

from django.db import models
from django.utils import timezone


class DataKey(models.Model):
    id = models.BigAutoField(primary_key=True)
    # nonce (12 bytes) || AES-GCM(master key, data key, aad=f"datakey:{id}") — see crypto.py
    wrapped = models.BinaryField()
    master_key_id = models.CharField(max_length=32, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "data key"

    def __str__(self) -> str:
        return f"data key {self.pk} (wrapped under {self.master_key_id})"
