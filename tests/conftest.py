import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from access_requests import matching
from sorn.constants import Role


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production keeps Django's PBKDF2 default; a million iterations per test login would
    # only slow the suite. Hashing itself is still exercised.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit and throttle counters (the API's sign-in throttle among them) live in
    the cache: each test starts with none, whatever ran before it."""
    cache.clear()


@pytest.fixture(autouse=True)
def check_compiled_matching(monkeypatch):
    """A search compiles each finder query once per shape and fills it with each run's
    values (access_requests.matching): in tests, every filled query is also compared
    with the same query built afresh, so a finder that built something from a value
    would fail whichever test searched with it."""
    monkeypatch.setattr(matching, "CHECK_COMPILED", True)


@pytest.fixture
def admin_user(django_user_model, settings):
    """pytest-django's admin user: an installation superuser, who holds no role in the
    record views unless POLICY_SUPERUSER_ROLES says so; here, the privacy officer's."""
    settings.POLICY_SUPERUSER_ROLES = ["privacy_officer"]
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.com", "x-Admin-pass-1"
    )


@pytest.fixture
def staff_user(db):
    """A staff user holding one role; `staff_user(Role.AUDITOR)`."""

    def make(role: Role, username: str | None = None):
        user = get_user_model().objects.create_user(
            username=username or f"{role.value}-test", password="x-Test-password-1", is_staff=True
        )
        # get_or_create: a transactional test (the browser tests) may follow a flush,
        # which empties the groups the migrations made.
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        return user

    return make


@pytest.fixture
def officer(staff_user):
    """A privacy officer: the role that works Privacy Act requests."""
    return staff_user(Role.PRIVACY_OFFICER)


@pytest.fixture
def as_role(staff_user):
    """A signed-in client per role, one for the test: `as_role(Role.AUDITOR).get(…)`
    (tests/access has its own, a new client each call)."""
    clients: dict[Role, Client] = {}

    def login(role: Role) -> Client:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(staff_user(role))
        return clients[role]

    return login
