import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from sorn.constants import Role


@pytest.fixture
def staff_user(db):
    """A staff user holding one role; `staff_user(Role.AUDITOR)`."""

    def make(role: Role, username: str | None = None):
        user = get_user_model().objects.create_user(
            username=username or f"{role.value}-test", password="x-Test-password-1", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role.value))
        return user

    return make
