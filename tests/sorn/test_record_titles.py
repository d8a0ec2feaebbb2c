"""A record's title (`str()`, shown in admin titles, breadcrumbs and links) carries no
value that a role seeing the record may not read in clear."""

import pytest

from access.policy import Access, can_see_model, field_access
from sorn.classification import record_models, registry
from sorn.constants import DataClass, Role
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


class RoleHolder:
    """The gate only asks a user for its roles."""

    is_authenticated = is_active = True
    is_superuser = False

    def __init__(self, role: str) -> None:
        self._policy_roles = frozenset({role})


def test_titles_show_only_what_every_viewer_reads():
    seed_demo_records(40)
    leaks = []
    for model in record_models():
        entry = registry.get(model)
        for row in model.objects.all()[:20]:
            title = str(row)
            for name, classification in entry.fields.items():
                if classification.data_class == DataClass.INTERNAL:
                    continue
                value = getattr(row, model._meta.get_field(name).attname)
                # Words of the model's own name ("message", "order") are not values.
                if not isinstance(value, str) or len(value) < 4 or value in title.split()[:2]:
                    continue
                if value not in title:
                    continue
                for role in Role.values:
                    viewer = RoleHolder(role)
                    if (
                        can_see_model(viewer, model)
                        and field_access(viewer, model, name) < Access.READ
                    ):
                        leaks.append((model._meta.label, name, role))
    assert leaks == []
