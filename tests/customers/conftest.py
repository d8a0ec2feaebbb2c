from tests.access.conftest import as_role  # noqa: F401
