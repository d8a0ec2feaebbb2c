import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def at(monkeypatch):
    """Set the service's clock to a moment (the workflow, the clocks and the history's
    events read timezone.now)."""

    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to
