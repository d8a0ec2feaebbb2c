"""The policy, walked cell by cell: every role × every classified field × every channel
(admin change list, admin change form, CSV export, API list, API detail, API write) shows
exactly what access.policy says — hidden absent, masked masked, readable in clear, writable
accepted, not writable refused.

The number of cells checked is printed (run with -s to see it) and noted in the README.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import html
import io
import re
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse

from access.policy import (
    Access,
    can_see_model,
    field_access,
    mask_kind,
    restrict_queryset,
    rights_on,
    row_systems,
)
from keystore.fields import BlindIndexField
from lib.masking import mask
from sorn.classification import record_models, registry
from sorn.constants import SERVICE_ROLES, Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

CELLS: Counter = Counter()
PASSWORD = "x-Matrix-pass-1"

# Models served by the API, and where: (list URL, the key of their rows in a response).
API_RESOURCES = {
    "customers.Person": ("/api/v1/customers/", None),
    "customers.Address": ("/api/v1/customers/", "addresses"),
    "customers.PhoneNumber": ("/api/v1/customers/", "phone_numbers"),
    "orders.OfflineOrder": ("/api/v1/orders/", None),
    "orders.OfflinePayment": ("/api/v1/orders/", "payments"),
    "orders.MintOrder": ("/api/v1/mint-orders/", None),
    "orders.MintPayment": ("/api/v1/mint-orders/", "payments"),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Seeded records and one user per role, for the whole module."""
    from django.db import transaction

    from sorn.demo import seed_demo_records

    with django_db_blocker.unblock():
        atomics = [transaction.atomic(), transaction.atomic(using="keystore")]
        for atomic in atomics:
            atomic.__enter__()
        seed_demo_records(40)
        users = {}
        for role in Role:
            user = get_user_model().objects.create_user(
                f"matrix-{role.value}", password=PASSWORD, is_staff=role not in SERVICE_ROLES
            )
            user.groups.add(Group.objects.get(name=role.value))
            users[role.value] = user
        yield users
        total = sum(CELLS.values())
        counts = ", ".join(f"{channel} {count}" for channel, count in sorted(CELLS.items()))
        print(f"\npolicy matrix: {total} cells checked ({counts})")
        transaction.set_rollback(True)
        transaction.set_rollback(True, using="keystore")
        for atomic in reversed(atomics):
            atomic.__exit__(None, None, None)


def shown_access(user, model, name: str, row=None) -> Access:
    """What a channel may show of a field on a row (per the row's own systems; without
    a row, on some row of the model): never a blind index or a key reference."""
    field = model._meta.get_field(name)
    if isinstance(field, BlindIndexField) or name == "data_key_id":
        return Access.NONE
    if row is None:
        return field_access(user, model, name)
    systems = row_systems(model, [row])[row.pk]
    return rights_on(user, model, systems).get(name, Access.NONE)


def sample(user, model):
    """A row the user may see, preferring one with many non-empty values."""
    rows = list(restrict_queryset(user, model.objects.order_by("pk"))[:10])
    if not rows:
        return None

    def filled(row):
        return sum(getattr(row, f.attname) not in (None, "") for f in model._meta.concrete_fields)

    return max(rows, key=filled)


def text(value) -> str | None:
    """A value whose clear text is distinctive enough to look for in a page: its first
    line, at most 40 characters (a page breaks long text into lines)."""
    if not isinstance(value, str) or len(value) < 5:
        return None
    return value.splitlines()[0][:40]


def has_input(page: str, name: str) -> bool:
    """Whether a form control edits the field (a date-time is split into _0 and _1)."""
    return re.search(rf'name="{re.escape(name)}(?:_[01])?"', page) is not None


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", Role.values)
def test_admin_and_exports_follow_the_policy(world, role):
    user = world[role]
    client = logged_in(user)
    for model in record_models():
        model_admin = admin.site._registry[model]
        entry = registry.get(model)
        if not user.is_staff or not can_see_model(user, model):
            response = client.get(admin_url(model, "changelist"))
            assert response.status_code in (302, 403), (role, model)
            CELLS["admin: model hidden"] += len(entry.fields)
            continue
        row = sample(user, model)
        if row is None:
            continue
        request = RequestFactory().get("/")
        request.user = user
        # An admin may be stricter than the policy (history is never edited in place).
        changeable = model_admin.has_change_permission(request, row)
        form_page = client.get(admin_url(model, "change", row.pk))
        assert form_page.status_code == 200, (role, model)
        page = form_page.content.decode()
        list_page = client.get(admin_url(model, "changelist")).content.decode()
        export = client.post(
            admin_url(model, "changelist"),
            {"action": "export_csv", "_selected_action": [row.pk]},
        )
        assert export.status_code == 200, (role, model)
        header, *values = list(csv.reader(io.StringIO(export.content.decode())))
        exported = dict(zip(header, values[0], strict=True)) if values else {}
        listed = {
            getattr(item, "gated_field", item)
            for item in model_admin.list_display
            if isinstance(item, str) or hasattr(item, "gated_field")
        }

        for name in entry.fields:
            access = shown_access(user, model, name, row)
            field = model._meta.get_field(name)
            value = getattr(row, field.attname)
            clear = text(value)
            # A page shows a choice by its label; exports and the API by its value.
            on_page = text(dict(field.flatchoices).get(value, value)) if field.choices else clear
            masked = mask(value, mask_kind(model, name)) if value not in (None, "") else ""
            # Change form.
            # A value is looked for where it would leak only when it is distinctive: a
            # choice's label or a short word occurs on any page.
            secret = clear if clear and len(clear) >= 8 and not field.choices else None
            if access == Access.NONE:
                assert f"field-{name}" not in page and f"field-masked_{name}" not in page
                assert not has_input(page, name)
                if secret:
                    assert html.escape(secret) not in page, (role, model, name)
            elif access == Access.MASKED:
                assert f"field-masked_{name}" in page, (role, model, name)
                assert not has_input(page, name)
                if secret and secret != masked:
                    assert html.escape(secret) not in page, (role, model, name)
            elif access == Access.READ or not field.editable or not changeable:
                assert f"field-{name}" in page, (role, model, name)
                assert not has_input(page, name), (role, model, name)
                if on_page:
                    assert html.escape(on_page) in page, (role, model, name)
            else:
                assert has_input(page, name), (role, model, name)
            CELLS["admin change form"] += 1
            # Change list: the columns its admin lists, present when some row may show
            # the field (each cell shows what its own row may); a column the role reads
            # "•••" on every row tells nothing and is left out (issue 14, item 10).
            if name in listed and name == model._meta.pk.name:
                # The row's number is its link, under "No." (column-record_number).
                assert "column-record_number" in list_page, (role, model)
                CELLS["admin change list"] += 1
            elif name in listed:
                best = shown_access(user, model, name)
                if best == Access.NONE or (
                    best == Access.MASKED and mask_kind(model, name) == "full"
                ):
                    assert f"column-{name}" not in list_page
                else:
                    assert f"column-{name}" in list_page, (role, model, name)
                CELLS["admin change list"] += 1
            # CSV export.
            if access == Access.NONE:
                # Absent, or an empty cell of a column other rows may fill.
                assert exported.get(name, "") == "", (role, model, name)
                if shown_access(user, model, name) == Access.NONE:
                    assert name not in exported, (role, model, name)
            elif access == Access.MASKED:
                assert exported[name] == masked, (role, model, name)
            elif name in exported and isinstance(value, str):
                assert exported[name] == value, (role, model, name)
            CELLS["CSV export"] += 1


def api_rows(client, model_label: str) -> list[dict]:
    url, key = API_RESOURCES[model_label]
    body = client.get(url, {"page_size": 200}).json()
    parents = body["results"]
    return parents if key is None else [row for parent in parents for row in parent[key]]


def as_json(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


@pytest.mark.parametrize("role", Role.values)
def test_the_api_follows_the_policy(world, role, client):
    user = world[role]
    client.force_login(user)
    for label in API_RESOURCES:
        model = next(m for m in record_models() if m._meta.label == label)
        entry = registry.get(model)
        if not can_see_model(user, model):
            if API_RESOURCES[label][1] is None:
                assert client.get(API_RESOURCES[label][0]).status_code == 403
            CELLS["API: model hidden"] += len(entry.fields)
            continue
        rows = {row["id"]: row for row in api_rows(client, label)}
        expected_ids = set(
            restrict_queryset(user, model.objects.all()).values_list("pk", flat=True)
        )
        assert set(rows) <= expected_ids
        assert rows, (role, label)
        for pk, shown in list(rows.items())[:3]:
            record = model.objects.get(pk=pk)
            for name in entry.fields:
                access = shown_access(user, model, name, record)
                field = model._meta.get_field(name)
                value = getattr(record, field.attname)
                if field.primary_key:
                    continue
                if access == Access.NONE:
                    assert name not in shown, (role, label, name)
                elif access == Access.MASKED:
                    expected = (
                        mask(value, mask_kind(model, name)) if value not in (None, "") else ""
                    )
                    assert shown[name] == expected, (role, label, name)
                elif isinstance(value, str):
                    assert shown[name] == value, (role, label, name)
                elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                    assert shown[name] == value.isoformat(), (role, label, name)
                else:
                    assert name in shown, (role, label, name)
                CELLS["API list"] += 1
        # Detail of the first person the role sees.
        if API_RESOURCES[label][1] is None:
            pk = next(iter(rows))
            detail = client.get(f"{API_RESOURCES[label][0]}{pk}/").json()
            assert detail == rows[pk]
            CELLS["API detail"] += len(entry.fields)


@pytest.mark.parametrize("role", Role.values)
def test_api_writes_follow_the_policy(world, role, client):
    user = world[role]
    client.force_login(user)
    for label, (url, key) in API_RESOURCES.items():
        if key is not None:
            continue  # nested rows are read-only through their parent
        model = next(m for m in record_models() if m._meta.label == label)
        if not can_see_model(user, model):
            continue
        record = restrict_queryset(user, model.objects.order_by("pk")).first()
        for name in registry.get(model).fields:
            field = model._meta.get_field(name)
            payload = {name: as_json(getattr(record, field.attname))}
            response = client.patch(
                f"{url}{record.pk}/", payload, content_type="application/json", HTTP_IF_MATCH="*"
            )
            writable = (
                field.editable
                and not field.primary_key
                and shown_access(user, model, name, record) == Access.WRITE
            )
            if writable:
                assert response.status_code == 200, (role, label, name, response.content)
            else:
                assert response.status_code == 403, (role, label, name, response.status_code)
                assert name in response.json()["detail"]
            CELLS["API write"] += 1
