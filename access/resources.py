"""/api/v1/: a resource for every record model, generated from the classification
registry (issue 13, items 1 and 2).

A record model registered in `sorn.classification` gets, without a line of its own, a
read-only viewset and a gated serializer (`access.serializers`: every value as the
user's roles may see it on that row, every read recorded), its URL from its verbose name
(`gift recipients` → `/api/v1/gift-recipients/`; two models of one name are told apart
by their app, `orders-ach-records`), a tag naming its system in the schema, and the
retrieval filters its system's notice lists (`sorn.retrieval`): `?order_number=` and the
rest, or the same identifiers in a JSON body to `POST …/search/`, so they need not
travel in URLs and so in access logs.

A record app changes only what cannot be derived (`customise`, in its `api.py`): the
name a resource already had, the child records it carries nested, whether it takes
PATCH, and the people's own search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from access.api import GatedViewSet, clear_search_systems
from access.serializers import GatedModelSerializer
from lib.api import has_nul
from sorn import retrieval
from sorn.classification import record_models, registry
from sorn.constants import SystemSlug

# What a resource's own search (the people's) does with the identifiers given.
Retrieve = Callable[[Any, QuerySet, Mapping[str, str]], QuerySet]

# The schema's tag for the people and the rows shared by every system (addresses,
# phones, relationships, preferences).
SHARED_TAG = "People (shared by the systems)"

# An identifier longer than this is no identifier any notice lists (the longest, an
# e-mail address, is at most 254 characters).
MAX_IDENTIFIER_LENGTH = 254


@dataclass(frozen=True)
class Customisation:
    name: str | None = None
    nested: Mapping[str, type[models.Model]] = field(default_factory=dict)
    writable: bool = False
    parameters: tuple[str, ...] | None = None
    retrieve: Retrieve | None = None


_customised: dict[type[models.Model], Customisation] = {}


def customise(
    model: type[models.Model],
    *,
    name: str | None = None,
    nested: Mapping[str, type[models.Model]] | None = None,
    writable: bool = False,
    parameters: Iterable[str] | None = None,
    retrieve: Retrieve | None = None,
) -> None:
    """What a model's resource does differently from the derived one: its URL `name`,
    the children it carries `nested` (attribute → model, each gated the same way), PATCH
    through the gate (`writable`), and its own search (`parameters`, `retrieve`)."""
    if model in _customised:
        raise ValueError(f"the resource of {model._meta.label} is already customised")
    _customised[model] = Customisation(
        name=name,
        nested=dict(nested or {}),
        writable=writable,
        parameters=None if parameters is None else tuple(parameters),
        retrieve=retrieve,
    )


# Names, tags, filters -----------------------------------------------------------------


def resource_models() -> list[type[models.Model]]:
    """Every record model the registry classifies, in the apps' order."""
    return [model for model in record_models() if registry.get(model) is not None]


def resource_names() -> dict[type[models.Model], str]:
    """Model → the last part of its URL: its customised name, or its verbose plural in
    kebab case, prefixed with its app where two models share one."""
    plain = {model: slugify(str(model._meta.verbose_name_plural)) for model in resource_models()}
    shared = {name for name in plain.values() if list(plain.values()).count(name) > 1}
    names = {}
    for model, name in plain.items():
        custom = _customised.get(model, Customisation()).name
        names[model] = custom or (f"{model._meta.app_label}-{name}" if name in shared else name)
    return names


def own_system(model: type[models.Model]) -> str | None:
    """The one system whose own records the model holds; None for shared rows."""
    systems = registry.facts(model).systems
    return next(iter(systems)) if len(systems) == 1 else None


def tag_of(model: type[models.Model]) -> str:
    system = own_system(model)
    return SystemSlug(system).label if system else SHARED_TAG


def identifiers_of(model: type[models.Model]) -> tuple[str, ...]:
    """The retrieval identifiers a model's resource filters by: its system's notice's
    (`sorn.retrieval`), or the customised ones; none for other shared rows."""
    custom = _customised.get(model, Customisation())
    if custom.parameters is not None:
        return custom.parameters
    system = own_system(model)
    return tuple(sorted(retrieval.identifiers_of(system))) if system else ()


def searchable_in(user: Any, system: str, identifier: str) -> bool:
    """Whether the user may search `system` by `identifier`: every stored field the
    search compares (`retrieval.compared_fields`) reads in clear in the rows the
    comparison can reach. A person's field, in the system's people (the finder looks
    only at them); a row with a system of its own (a relationship's customer number), in
    every system, since the finder compares those of every system."""
    fields = retrieval.compared_fields(system, identifier)
    if not fields:
        return False  # nothing declared: never an unchecked search
    for model, name in fields:
        facts = registry.facts(model)
        reached = facts.systems if facts.system_field else frozenset({system})
        if not reached <= clear_search_systems(user, model, name):
            return False
    return True


def refuse_unless_searchable(user: Any, system: str, identifiers: Iterable[str]) -> None:
    """400 naming each identifier the user may not search by, whatever its value and
    whether or not anything matches: a hit and a miss must not tell a masked value."""
    refused = {
        name: [f"Your roles do not read {name} in clear, so may not search by it."]
        for name in identifiers
        if not searchable_in(user, system, name)
    }
    if refused:
        raise ValidationError(refused)


def retrieve_by_notice(user: Any, queryset: QuerySet, identifiers: Mapping[str, str]) -> QuerySet:
    """The rows of a system's own records that its finder returns for `identifiers`,
    every one matched (the same finder a Privacy Act request's search uses)."""
    model = queryset.model
    system = own_system(model)
    assert system is not None
    refuse_unless_searchable(user, system, identifiers)
    found = retrieval.find_records(system, identifiers).records.get(model._meta.label)
    if found is None:  # no identifier given reaches this kind of record
        return queryset.none()
    return queryset.filter(pk__in=found.values("pk"))


def checked_identifiers(given: Mapping[str, Any], accepted: Iterable[str]) -> dict[str, str]:
    """The identifiers of a search, refused (400, naming each, never echoing a value)
    unless each is one the resource takes, given once, as a non-empty string of at most
    MAX_IDENTIFIER_LENGTH characters."""
    accepted = set(accepted)
    problems: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for name, value in given.items():
        if name not in accepted:
            problems[name] = ["is not an identifier this resource is searched by"]
        elif isinstance(value, list):
            problems[name] = ["must be given once"]
        elif not isinstance(value, str) or not value.strip():
            problems[name] = ["must be a non-empty string"]
        elif len(value) > MAX_IDENTIFIER_LENGTH:
            problems[name] = [f"must be at most {MAX_IDENTIFIER_LENGTH} characters"]
        elif has_nul(value):  # PostgreSQL refuses it (lib/api.py)
            problems[name] = ["must not contain a NUL character"]
        else:
            found[name] = value
    if problems:
        raise ValidationError(dict(sorted(problems.items())))
    return found


# Serializers and viewsets -------------------------------------------------------------


def _component_names() -> dict[type[models.Model], str]:
    """The schema's component name per model: its class name, prefixed with its app
    where two apps have a model of that name."""
    models_ = resource_models()
    names = [m.__name__ for m in models_]
    return {
        m: f"{m._meta.app_label.title()}{m.__name__}" if names.count(m.__name__) > 1 else m.__name__
        for m in models_
    }


def serializer_for(
    model: type[models.Model], component: str, nested: Mapping[str, type[GatedModelSerializer]]
) -> type[GatedModelSerializer]:
    meta = type("Meta", (), {"model": model, "fields": "__all__"})
    return type(
        f"{component}Serializer",
        (GatedModelSerializer,),
        {"Meta": meta, "nested": dict(nested), "__module__": __name__},
    )


class SearchBody(serializers.Serializer):
    """Described per resource in the schema (its identifiers); checked by
    `checked_identifiers`."""


class RecordViewSet(GatedViewSet):
    """A record model's resource: the rows of the user's systems, each as the user may
    see it; filtered by the identifiers its notice lists, in the query (`GET`) or in a
    JSON body (`POST …/search/`); refused (400) where the user does not read an
    identifier in clear."""

    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = "[0-9]{1,18}"  # a record number the database can hold
    customisation: Customisation = Customisation()
    identifiers: tuple[str, ...] = ()

    def accepted_query_parameters(self) -> set[str]:
        accepted = super().accepted_query_parameters()
        if getattr(self, "action", None) == "list":
            accepted |= set(self.identifiers)
        return accepted

    def given_identifiers(self) -> dict[str, str]:
        if self.action == "search":
            body = self.request.data
            if not isinstance(body, Mapping):
                raise ValidationError({"detail": "Send the identifiers as a JSON object."})
            return checked_identifiers(body, self.identifiers)
        if self.action == "list":
            params = self.request.query_params
            given = {
                name: (values if len(values) > 1 else values[0])
                for name in self.identifiers
                if (values := params.getlist(name))
            }
            return checked_identifiers(given, self.identifiers)
        return {}

    def get_queryset(self):
        queryset = super().get_queryset().order_by("pk")
        identifiers = self.given_identifiers()
        if identifiers:
            retrieve = self.customisation.retrieve or retrieve_by_notice
            queryset = retrieve(self.request.user, queryset, identifiers)
        # The nested rows unrestricted: their list serializer keeps only those the user
        # may see at all (Gate.visible), from the systems it learns of them anyway, and
        # spares each nested list a subquery.
        return queryset.prefetch_related(*self.customisation.nested)

    @action(detail=False, methods=["post"], url_path="search")
    def search(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


def viewset_for(model: type[models.Model], component: str) -> type[RecordViewSet]:
    custom = _customised.get(model, Customisation())
    children = _component_names()
    nested = {
        name: serializer_for(child, f"{component}{children[child]}", {})
        for name, child in custom.nested.items()
    }
    identifiers = identifiers_of(model)
    methods = RecordViewSet.http_method_names + (["patch"] if custom.writable else [])
    viewset = type(
        f"{component}ViewSet",
        (RecordViewSet,),
        {
            "__module__": __name__,
            "__doc__": f"{str(model._meta.verbose_name_plural).capitalize()} the "
            "requesting user's roles may see, with the fields they may see.",
            "queryset": model.objects.all(),
            "serializer_class": serializer_for(model, component, nested),
            "customisation": custom,
            "identifiers": identifiers,
            "http_method_names": methods,
        },
    )
    filters = [
        OpenApiParameter(name, str, description=f"exact match on {name}, as the notice lists it")
        for name in identifiers
    ]
    body = {
        name: serializers.CharField(required=False, max_length=MAX_IDENTIFIER_LENGTH)
        for name in identifiers
    }
    search_body = type(f"{component}Search", (SearchBody,), {**body, "__module__": __name__})
    return extend_schema_view(
        list=extend_schema(parameters=filters),
        search=extend_schema(request=search_body),
    )(extend_schema(tags=[tag_of(model)])(viewset))


@cache
def resource_routes() -> tuple[tuple[str, type[RecordViewSet], str], ...]:
    """(URL prefix, viewset, basename) for every record model, for a router; built
    once, after the record apps' `api` modules have said what they customise."""
    autodiscover_modules("api")
    names = resource_names()
    components = _component_names()
    return tuple(
        (names[model], viewset_for(model, components[model]), names[model])
        for model in resource_models()
    )


def viewset_of(model: type[models.Model]) -> type[RecordViewSet]:
    """The viewset routed for a model's resource."""
    return next(v for _, v, _ in resource_routes() if v.queryset.model is model)


def serializer_of(model: type[models.Model]) -> type[GatedModelSerializer]:
    """The gated serializer of a model's resource (its nested children included)."""
    return viewset_of(model).serializer_class


def register_resources(router) -> None:
    for prefix, viewset, basename in resource_routes():
        router.register(prefix, viewset, basename=basename)
