"""Retention periods: when a record anchored on a date is due, to the day."""

import datetime

import pytest

from sorn.periods import add_period, latest_anchor_due_by, period_is_shorter

D = datetime.date


@pytest.mark.parametrize(
    ("as_of", "period", "latest"),
    [
        (D(2026, 11, 22), "P2Y", D(2024, 11, 22)),
        (D(2026, 11, 22), "P24M", D(2024, 11, 22)),
        (D(2026, 11, 22), "P0D", D(2026, 11, 22)),
        # 29 February + 1 year is 28 February: due on 28 February 2025, so an anchor of
        # 29 February 2024 is the latest due by then (and 28 February 2024 too).
        (D(2025, 2, 28), "P1Y", D(2024, 2, 29)),
        (D(2025, 2, 27), "P1Y", D(2024, 2, 27)),
        (D(2025, 3, 1), "P1Y", D(2024, 3, 1)),
        # Month ends: 31 August + 6 months is 28 February.
        (D(2027, 2, 28), "P6M", D(2026, 8, 31)),
        (D(2026, 3, 31), "P1M", D(2026, 2, 28)),
        # The audit records' own rule (sorn/catalogue/audit_records.py): six years.
        (D(2030, 2, 28), "P6Y", D(2024, 2, 29)),
        (D(2030, 3, 1), "P6Y", D(2024, 3, 1)),
    ],
)
def test_latest_anchor_due_by(as_of, period, latest):
    assert latest_anchor_due_by(as_of, period) == latest
    # By definition: the latest anchor is due, the next day is not.
    assert add_period(latest, period) <= as_of
    assert add_period(latest + datetime.timedelta(days=1), period) > as_of


def test_every_day_of_a_leap_cycle_agrees_with_the_definition():
    for offset in range(0, 4 * 366, 7):
        as_of = D(2027, 1, 1) + datetime.timedelta(days=offset)
        for period in ("P1Y", "P2Y", "P3Y", "P24M", "P1M", "P5Y"):
            latest = latest_anchor_due_by(as_of, period)
            assert add_period(latest, period) <= as_of
            assert add_period(latest + datetime.timedelta(days=1), period) > as_of


@pytest.mark.parametrize(
    ("period", "than", "shorter"),
    [("P6M", "P1Y", True), ("P2Y", "P1Y", False), ("P24M", "P2Y", False), ("P1M", "P31D", True)],
)
def test_period_is_shorter(period, than, shorter):
    assert period_is_shorter(period, than) is shorter
