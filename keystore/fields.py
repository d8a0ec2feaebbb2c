"""Model fields that encrypt under their record's data key, and blind indexes beside them.

A record model inherits `EncryptedRecord` (one data key per row) and declares e.g.

    email = EncryptedTextField(validators=[validate_email])
    email_index = BlindIndexField(source="email", kind="email")

Reading `record.email` decrypts on first access (keys of a whole page, or of each chunk of
`.iterator()`, are fetched in one query by `RecordQuerySet`); saving encrypts; there is no
code path that writes plaintext: a record without a data key refuses to save its encrypted
fields, and `update()`/`bulk_update()` refuse to name them (`EncryptionBypass`). Encrypted
fields support no lookups but `isnull` — search goes through the blind index.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.core.validators import MaxLengthValidator, validate_email
from django.db import models
from django.db.models.lookups import IsNull
from django.db.models.query import ModelIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import class_prepared
from django.utils.functional import cached_property

from keystore.crypto import (
    blind_index,
    create_data_keys,
    decrypt_value,
    encrypt_value,
    fetch_data_keys,
    token_key_id,
)
from lib.normalize import NORMALIZERS


class MissingDataKey(Exception):
    """Raised instead of ever writing a personal value in plaintext."""


class EncryptionBypass(Exception):
    """Raised when a set-wise write (`update()`, `bulk_update()`) names a column that only
    the record's own save may write: it would store the value unencrypted, leave the blind
    index of the old value behind, or detach the record from its data key."""


class Ciphertext:
    """A value as stored, not yet decrypted. Never rendered: its repr hides the token."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return "<Ciphertext>"

    def __str__(self) -> str:
        raise TypeError("a Ciphertext must be decrypted through its record, not rendered")


def record_data_keys(instance: models.Model) -> dict[int, bytes]:
    """{data key id: raw key} for one record, fetched once and kept on the instance."""
    cache = instance.__dict__.setdefault("_data_keys", {})
    key_id = instance.data_key_id
    if key_id is not None and key_id not in cache:
        cache.update(fetch_data_keys([key_id]))
    return cache


def attach_data_keys(instances: Iterable[models.Model]) -> None:
    """Give every instance without a data key a new one, in one bulk insert (bulk loads)."""
    needing = [i for i in instances if i.data_key_id is None]
    for instance, (key_id, raw) in zip(needing, create_data_keys(len(needing)), strict=True):
        instance.data_key_id = key_id
        instance.__dict__.setdefault("_data_keys", {})[key_id] = raw


def prefetch_data_keys(instances: Iterable[models.Model]) -> None:
    """Fetch the data keys of many records (and the records they hold through
    select_related) in one query, so reading a page costs one key-store round trip."""
    pending: list[models.Model] = []
    stack = list(instances)
    while stack:
        instance = stack.pop()
        if (
            isinstance(instance, EncryptedRecord)
            and instance.data_key_id is not None
            and instance.data_key_id not in instance.__dict__.get("_data_keys", {})
        ):
            pending.append(instance)
        stack.extend(
            related
            for related in getattr(instance._state, "fields_cache", {}).values()
            if isinstance(related, models.Model)
        )
    if not pending:
        return
    keys = fetch_data_keys(i.data_key_id for i in pending)
    for instance in pending:
        cache = instance.__dict__.setdefault("_data_keys", {})
        if instance.data_key_id in keys:
            cache[instance.data_key_id] = keys[instance.data_key_id]


class EncryptedAttribute(DeferredAttribute):
    """Decrypts on first access; remembers plaintext and token so an unchanged value is
    not re-encrypted on save."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Ciphertext):
            field = self.field
            plaintext = field.from_text(
                decrypt_value(value.token, record_data_keys(instance), field.aad)
            )
            instance.__dict__[field.attname] = plaintext
            instance.__dict__.setdefault("_sealed", {})[field.attname] = (plaintext, value.token)
            return plaintext
        return value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedMixin:
    descriptor_class = EncryptedAttribute

    @property
    def aad(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def from_db_value(self, value, expression, connection):
        return Ciphertext(value) if value else value

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def get_prep_value(self, value):
        # Only `isnull` reaches here in a query; saves go through pre_save.
        return value

    def pre_save(self, model_instance, add):
        key_id = model_instance.data_key_id
        stored = model_instance.__dict__.get(self.attname)
        if isinstance(stored, Ciphertext) and token_key_id(stored.token) == key_id:
            return stored.token  # never read, so unchanged: keep the ciphertext as it is
        value = getattr(model_instance, self.attname)
        if value is None or value == "":
            return value
        if key_id is None:
            raise MissingDataKey(
                f"{self.model._meta.label}.{self.name}: the record has no data key; "
                "refusing to store the value unencrypted"
            )
        sealed = model_instance.__dict__.get("_sealed", {}).get(self.attname)
        if sealed and sealed[0] == value and token_key_id(sealed[1]) == key_id:
            return sealed[1]
        keys = record_data_keys(model_instance)
        if key_id not in keys:
            raise MissingDataKey(f"data key {key_id} of {self.model._meta.label} is gone")
        token = encrypt_value(self.to_text(value), key_id, keys[key_id], self.aad)
        model_instance.__dict__.setdefault("_sealed", {})[self.attname] = (value, token)
        return token

    def get_lookup(self, lookup_name):
        # Ciphertexts compare to nothing: search through the field's blind index.
        return IsNull if lookup_name == "isnull" else None

    def get_transform(self, name):
        return None


# Longest encrypted text edited on one line; longer ones (descriptions, notes, messages)
# are edited in a text area.
SINGLE_LINE_MAX = 300


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Personal text, encrypted under the record's data key."""

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        # max_length is checked on the plaintext (forms, full_clean, field.clean); the
        # column is text.
        kwargs.setdefault("blank", True)
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self) -> list:
        # As CharField does: a TextField's max_length bounds only its form widget, which a
        # write outside a form (an amendment, the API) never passes through.
        bound = [MaxLengthValidator(self.max_length)] if self.max_length is not None else []
        return [*super().validators, *bound]

    def to_python(self, value):
        if isinstance(value, Ciphertext):
            return value
        return super().to_python(value)

    @property
    def single_line(self) -> bool:
        """A value of one line (a name, an e-mail, a phone, a street, a city, a ZIP, a
        URL, an identifier): bounded at SINGLE_LINE_MAX characters. It is a TextField only
        because its ciphertext is longer than its value."""
        return self.max_length is not None and self.max_length <= SINGLE_LINE_MAX

    @property
    def input_type(self) -> str:
        """The HTML input type of a single-line value."""
        if validate_email in self.validators:
            return "email"
        if self.name == "url" or self.name.endswith("_url"):
            return "url"
        return "text"

    def formfield(self, **kwargs):
        if self.single_line and "widget" not in kwargs:
            kwargs["widget"] = forms.TextInput(attrs={"type": self.input_type})
        return super().formfield(**kwargs)


class EncryptedDateField(EncryptedMixin, models.DateField):
    """A personal date (date of birth), encrypted; stored as ISO 8601 text."""

    def to_text(self, value: Any) -> str:
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        return value.isoformat()

    def from_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def to_python(self, value):
        if isinstance(value, Ciphertext):
            return value
        return super().to_python(value)

    def get_prep_value(self, value):
        return value


class BlindIndexField(models.CharField):
    """HMAC of the normalised plaintext of `source`, for exact-match retrieval."""

    def __init__(self, *args, source: str = "", kind: str = "", **kwargs):
        if kind not in NORMALIZERS:
            raise ImproperlyConfigured(f"BlindIndexField kind must be one of {sorted(NORMALIZERS)}")
        self.source, self.kind = source, kind
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"], kwargs["kind"] = self.source, self.kind
        for key, default in (("max_length", 32), ("db_index", True), ("editable", False)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        kwargs.pop("blank", None)
        kwargs.pop("default", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.source)
        token = index_token(self.kind, value) if value not in (None, "") else ""
        setattr(model_instance, self.attname, token)
        return token


def index_token(kind: str, value: Any) -> str:
    """The blind-index token of a value, or "" when it has no normal form (a lookup by
    an unparseable value then finds nothing, as it should)."""
    try:
        return blind_index(kind, NORMALIZERS[kind](str(value)))
    except ValueError:
        return ""


# Django's own default for iterator() without a chunk size (QuerySet._iterator).
ITERATOR_CHUNK_SIZE = 2000


class RecordQuerySet(models.QuerySet):
    def _fetch_all(self):
        super()._fetch_all()
        if self._result_cache and isinstance(self._result_cache[0], models.Model):
            prefetch_data_keys(self._result_cache)

    def iterator(self, chunk_size: int | None = None) -> Iterator:
        """Django's iterator, with the data keys of each chunk of `chunk_size` records
        fetched in one key-store query before the chunk is yielded (not one per row).
        Still lazy: rows are read, and keys fetched, a chunk at a time."""
        rows = super().iterator(chunk_size)  # checks chunk_size now, as Django does
        if not issubclass(self._iterable_class, ModelIterable):
            return rows  # values(), values_list(): ciphertexts, no records to key
        return self._keyed_chunks(rows, chunk_size or ITERATOR_CHUNK_SIZE)

    @staticmethod
    def _keyed_chunks(rows: Iterator, chunk_size: int) -> Iterator:
        while chunk := list(islice(rows, chunk_size)):
            prefetch_data_keys(chunk)
            yield from chunk

    def update(self, **kwargs):
        self._refuse_bypass("update()", kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        fields = tuple(fields)  # read twice: here and by Django
        self._refuse_bypass("bulk_update()", fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def _refuse_bypass(self, operation: str, names: Iterable[str]) -> None:
        """Set-wise writes reach the database without the fields' pre_save, so they may not
        name an encrypted field (it would be stored in clear), a blind index (it would
        stop matching its source) or data_key_id (the record would lose its key, or keep
        a key the purge never destroys). Other columns update as usual. The message names
        the columns, never a value."""
        refused = []
        for name in names:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # Django's own error follows
            if isinstance(field, EncryptedMixin | BlindIndexField) or (
                field.name == "data_key_id" and issubclass(self.model, EncryptedRecord)
            ):
                refused.append(name)
        if refused:
            raise EncryptionBypass(
                f"{self.model._meta.label}: {operation} would write {', '.join(refused)} "
                "without encrypting or re-indexing; set the values on each record and "
                "save() it"
            )

    def lookup(self, **identifiers: str) -> RecordQuerySet:
        """Exact match on blind-indexed fields, named by their source or by the index's
        name without "_index": `.lookup(email="A@b.org", name="Jane Doe")`."""
        query = self
        for field_name, value in identifiers.items():
            field = self._blind_index_for(field_name)
            token = index_token(field.kind, value)
            query = query.filter(**{field.name: token}) if token else query.none()
        return query

    def _blind_index_for(self, source: str) -> BlindIndexField:
        for field in self.model._meta.concrete_fields:
            if isinstance(field, BlindIndexField) and source in (field.source, field.name[:-6]):
                return field
        raise ValueError(f"{self.model._meta.label}.{source} has no blind index")


class EncryptedRecord(models.Model):
    """A record whose personal fields are encrypted under a data key of its own.

    Destroying the record destroys its key (retention); until then the key lives wrapped in
    the key store, a separate database.
    """

    data_key_id = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.data_key_id is None:
            attach_data_keys([self])
        super().save(*args, **kwargs)


def _base_manager_encrypts(sender: type[models.Model], **kwargs: Any) -> None:
    """An encrypted record's base manager (`_base_manager`: related-object access, and
    code that must see every row) is its own RecordQuerySet manager, so update() and
    bulk_update() through it refuse encrypted and blind-index columns as `objects` does;
    Django's plain default would write a value past the field's encryption. Set when
    each model is prepared, since a model's own Meta does not inherit the abstract one's."""
    if issubclass(sender, EncryptedRecord) and not sender._meta.abstract:
        sender._meta.base_manager_name = "objects"


class_prepared.connect(_base_manager_encrypts, dispatch_uid="keystore.base_manager_encrypts")
