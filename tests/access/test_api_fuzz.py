"""The API against its own schema, fuzzed (issue 13, "Done when"): schemathesis generates
cases for every operation of /api/schema/ as three callers — a privacy officer, a
marketing analyst and a service account — and every answer must be no 5xx, a status the
operation documents, a body and headers that validate against the schema, and no stack
trace. The numbers of cases are printed (and must reach 1,000 per caller).

The schema is the one the service serves (loaded through the WSGI application, after the
database is set up) and the calls go through the whole stack: middleware, the access
layer, the audit.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from access.service_accounts import create_service_account
from config.wsgi import application
from sorn.constants import Role
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

CALLERS = ["privacy_officer", "marketing_analyst", "service_account"]
CASES_PER_OPERATION = 8
CASES: Counter[str] = Counter()
SIGN_OUT = {"POST /api/v1/auth/logout/"}


def served_schema() -> dict:
    """The schema /api/schema/ serves, generated as that view generates it (public: the
    same for every caller)."""
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def tokens(staff_user) -> dict[str, str]:
    seed_demo_records(3)  # records of every model, so that lists answer rows
    users = {
        "privacy_officer": staff_user(Role.PRIVACY_OFFICER),
        "marketing_analyst": staff_user(Role.MARKETING_ANALYST),
        "service_account": create_service_account(
            "fuzz-api", [Role.SERVICE_ORDERS], "The fuzzer's account.", rate="100000/min"
        ).user,
    }
    return {name: AuthToken.objects.create(user)[1] for name, user in users.items()}


def no_stack_trace(ctx, response, case) -> None:
    body = response.text
    for sign in ("Traceback (most recent call last)", 'File "/', "django.core.exceptions"):
        if sign in body:
            raise AssertionError(f"a stack trace in the answer ({sign!r})")


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    no_stack_trace,
]


def fuzz(caller: str, token: str) -> dict[str, str]:
    """Every operation of the served schema, CASES_PER_OPERATION cases each (fewer where
    an operation has fewer distinct inputs), as `caller`; returns operation → the first
    failure found there. Hypothesis driven directly over schemathesis's strategies:
    schemathesis's pytest plugin cannot load a schema that needs the database (pytest 9)."""
    schema = schemathesis.openapi.from_dict(served_schema())
    schema.app = application  # calls go through the WSGI application, in this process
    failures: dict[str, str] = {}
    with connections_kept_open():
        for result in schema.get_all_operations():
            fuzz_operation(caller, token, result.ok(), failures)
    return failures


@contextmanager
def connections_kept_open():
    """What Django's test client does around a request: the WSGI handler would close the
    database connections when a request ends (and with them the test's transaction);
    the test client disconnects that, and so does this for schemathesis's calls."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_operation(caller: str, token: str, operation, failures: dict[str, str]) -> None:
    """CASES_PER_OPERATION cases of one operation; its first failure into `failures`."""
    if operation.label in SIGN_OUT:
        return  # it would revoke the caller's token: tests/signin covers it

    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report, don't minimise
    )
    @given(case=operation.as_strategy())
    def run(case) -> None:
        cache.clear()  # the throttles count per case, not across the whole run
        response = case.call(headers={"Authorization": f"Token {token}"})
        CASES[caller] += 1
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as failure:
        failures[operation.label] = describe(failure)


def describe(failure: BaseException) -> str:
    """A failure in a line or two: each check that failed and what it saw."""
    found = []
    for part in getattr(failure, "exceptions", None) or [failure]:
        found.append(
            describe(part)
            if getattr(part, "exceptions", None)
            else f"{type(part).__name__}: {' '.join(str(part).split())[:300]}"
        )
    return "; ".join(found)


@pytest.mark.parametrize("caller", CALLERS)
def test_every_operation_answers_as_its_schema_says(caller, tokens):
    failures = fuzz(caller, tokens[caller])
    assert failures == {}, "\n".join(f"{op}: {why}" for op, why in sorted(failures.items()))


def test_the_fuzzed_schema_is_the_one_served(client):
    served = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert served.status_code == 200
    assert served.json() == json.loads(json.dumps(served_schema(), default=str))


def test_each_caller_was_fuzzed_with_enough_cases(capsys):
    """Runs after the fuzzing above (pytest keeps a module's order)."""
    if not CASES:
        pytest.skip("the fuzzing tests were not run in this session")
    with capsys.disabled():
        print(
            "\nschemathesis cases per caller: "
            + ", ".join(f"{caller} {CASES[caller]:,}" for caller in CALLERS)
        )
    assert {caller: CASES[caller] >= 1000 for caller in CALLERS} == dict.fromkeys(CALLERS, True)
