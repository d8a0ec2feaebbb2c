"""Start-up checks: a malformed catalogue or an unclassified record field stops start-up
(`runserver`, `migrate` and `check` run these) with a message naming the entry."""

from __future__ import annotations

from django.core import checks

from sorn import catalogue
from sorn.catalogue.validation import Problem, validate_catalogue
from sorn.classification import find_classification_problems


def _as_errors(problems: list[Problem]) -> list[checks.CheckMessage]:
    return [checks.Error(p.message, obj=p.entry, id=p.id) for p in problems]


@checks.register("sorn")
def check_catalogue(app_configs=None, notices=None, **kwargs) -> list[checks.CheckMessage]:
    return _as_errors(validate_catalogue(catalogue.NOTICES if notices is None else notices))


@checks.register("sorn")
def check_classification(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return _as_errors(find_classification_problems())
