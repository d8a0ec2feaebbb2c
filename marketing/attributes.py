"""The named attributes USPS 890.000 publishes for its web-meeting, collaboration and
analytics categories (10 to 16 and 18), and the validator that keeps every stored
attribute one of them.

The notice lists hundreds of attribute names ("Participant CPU Usage", "Archived Meeting
File Size", ...). The records model as typed fields what is searched, shown or retained on
its own clock; the long tail sits in an `attributes` JSON field whose keys must be names the
catalogue declares for the record's category (`NOTICE.extra["attributes"]`), so nothing is
stored that the notice does not publish (5 U.S.C. 552a(e)(1), (e)(4)(C)).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from marketing.constants import SYSTEM
from sorn.catalogue import get_notice

# Published attributes that are secrets: the notice names them, but this service never
# keeps a secret readable (passwords, keys, PINs, passcodes, tokens) and has no use for
# one, so they are refused rather than stored.
SECRET_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "Authentication Secret Key",  # category 11
        "SIP Phone Password",  # category 11
        "User Password",  # category 12
        "User Token",  # category 12
        "User Web Conferences Password",  # category 12
        "User TSP Account Leader PIN",  # category 12
        "conference room passcode",  # category 13
        "conference room activation code",  # category 13
    }
)


def published_attributes(category: str) -> tuple[str, ...]:
    """The attribute names USPS 890.000 publishes for `category`, as the catalogue holds them."""
    attributes: Mapping[str, Iterable[str]] = get_notice(SYSTEM).extra["attributes"]
    try:
        return tuple(attributes[category])
    except KeyError:
        raise KeyError(f"USPS 890.000 declares no attribute names for {category!r}") from None


def storable_attributes(category: str) -> frozenset[str]:
    """The published attribute names of `category` this service may store."""
    return frozenset(published_attributes(category)) - SECRET_ATTRIBUTES


@deconstructible
class PublishedAttributesValidator:
    """A JSON object whose every key is an attribute the notice publishes for one category."""

    def __init__(self, category: str) -> None:
        published_attributes(category)  # fail at import on a category with no list
        self.category = category

    def __call__(self, value: Any) -> None:
        if value in (None, ""):
            return
        if not isinstance(value, dict):
            raise ValidationError(
                "Enter the attributes as a JSON object of attribute name to value.",
                code="not_an_object",
            )
        name = get_notice(SYSTEM).category(self.category).name
        secret = sorted(k for k in value if k in SECRET_ATTRIBUTES)
        if secret:
            raise ValidationError(
                "%(keys)s: a secret is never stored by this service.",
                code="secret_attribute",
                params={"keys": ", ".join(f"'{k}'" for k in secret)},
            )
        unknown = sorted(k for k in value if k not in storable_attributes(self.category))
        if unknown:
            raise ValidationError(
                "%(keys)s: not an attribute USPS 890.000 publishes for %(category)s.",
                code="unknown_attribute",
                params={"keys": ", ".join(f"'{k}'" for k in unknown), "category": name},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublishedAttributesValidator) and other.category == self.category

    def __hash__(self) -> int:
        return hash(self.category)


@deconstructible
class ChoiceKeysValidator:
    """A JSON object whose keys are drawn from a fixed list (e.g. the survey data topics
    category 9 publishes)."""

    def __init__(self, keys: Iterable[str], what: str) -> None:
        self.keys = tuple(keys)
        self.what = what

    def __call__(self, value: Any) -> None:
        if value in (None, ""):
            return
        if not isinstance(value, dict):
            raise ValidationError("Enter a JSON object.", code="not_an_object")
        unknown = sorted(k for k in value if k not in self.keys)
        if unknown:
            raise ValidationError(
                "%(keys)s: not one of the %(what)s (%(allowed)s).",
                code="unknown_key",
                params={
                    "keys": ", ".join(f"'{k}'" for k in unknown),
                    "what": self.what,
                    "allowed": ", ".join(self.keys),
                },
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ChoiceKeysValidator)
            and other.keys == self.keys
            and other.what == self.what
        )

    def __hash__(self) -> int:
        return hash((self.keys, self.what))
