"""An encrypted JSON field: personal attributes (participant, device and message
attributes of USPS 890.000 categories 10 to 16 and 18, survey answers) kept as one JSON
object encrypted under the record's data key, like any `EncryptedTextField`."""

from __future__ import annotations

import copy
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from keystore.fields import Ciphertext, EncryptedAttribute, EncryptedTextField


class _EncryptedJSONAttribute(EncryptedAttribute):
    """Remembers a copy of the decrypted object, so a change made in place (a key added to
    the dict) is seen as a change and re-encrypted on save."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        raw = instance.__dict__.get(self.field.attname)
        value = super().__get__(instance, cls)
        if isinstance(raw, Ciphertext):
            instance.__dict__["_sealed"][self.field.attname] = (copy.deepcopy(value), raw.token)
        return value


class EncryptedJSONField(EncryptedTextField):
    descriptor_class = _EncryptedJSONAttribute

    def to_text(self, value: Any) -> str:
        if isinstance(value, str):
            value = self.to_python(value)
        return json.dumps(value, sort_keys=True, separators=(",", ":"))

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value):
        if isinstance(value, Ciphertext) or value is None:
            return value
        if isinstance(value, str):
            if value == "":
                return {}
            try:
                return json.loads(value)
            except ValueError as exc:
                raise ValidationError("Enter valid JSON.", code="invalid_json") from exc
        return value

    def pre_save(self, model_instance, add):
        token = super().pre_save(model_instance, add)
        sealed = model_instance.__dict__.get("_sealed", {}).get(self.attname)
        if sealed is not None:
            # Keep a copy, not the live object: later in-place edits must re-encrypt.
            model_instance.__dict__["_sealed"][self.attname] = (copy.deepcopy(sealed[0]), sealed[1])
        return token

    def value_to_string(self, obj) -> str:
        return self.to_text(self.value_from_object(obj))

    def formfield(self, **kwargs):
        # A JSON form field (not the text field's), keeping the admin's widget if given.
        options = {"required": not self.blank, "label": self.verbose_name}
        options["help_text"] = self.help_text
        if "widget" in kwargs:
            options["widget"] = kwargs["widget"]
        return forms.JSONField(**options)
