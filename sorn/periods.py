"""ISO 8601 retention periods (P2Y, P24M, P0D): parsing, arithmetic and wording.

isodate does the parsing and calendar arithmetic (a year or a month added to a date lands
on the same day of the month, clipped to its last day), so "2 years after 29 February"
means 28 February two years later, as a records schedule reads it.
"""

from __future__ import annotations

import datetime

import isodate
from django.utils import timezone

from sorn.constants import ANCHOR_EVENTS, RetentionAnchor

_UNITS = (("years", "year"), ("months", "month"), ("days", "day"))


def parse_period(period: str) -> isodate.Duration | datetime.timedelta:
    """Parse an ISO 8601 duration; ValueError names the value when it is not one."""
    message = f"{period!r} is not an ISO 8601 duration (e.g. P2Y, P24M, P0D)"
    if not isinstance(period, str) or not period.startswith("P") or "T" in period:
        raise ValueError(message)
    try:
        return isodate.parse_duration(period)
    except (isodate.ISO8601Error, ValueError) as exc:
        raise ValueError(message) from exc


def add_period(start: datetime.date, period: str) -> datetime.date:
    """The date `period` after `start`."""
    return start + parse_period(period)


def describe_period(period: str | None) -> str:
    """Plain words for a period: "2 years", "24 months", "no period"."""
    if period is None:
        return "no period published (no disposition authority)"
    duration = parse_period(period)
    if isinstance(duration, datetime.timedelta):
        amounts = {"years": 0, "months": 0, "days": duration.days}
    else:
        amounts = {
            "years": int(duration.years),
            "months": int(duration.months),
            "days": duration.tdelta.days,
        }
    parts = [
        f"{amounts[attr]} {unit}{'' if amounts[attr] == 1 else 's'}"
        for attr, unit in _UNITS
        if amounts[attr]
    ]
    return ", ".join(parts) if parts else "no time"


NO_DISPOSITION_AUTHORITY = (
    "kept without disposition authority: the notice publishes no retention period, so "
    "nothing is destroyed automatically"
)


def retention_in_words(period: str | None, anchor: str) -> str:
    """A retention rule's period and anchor as one phrase, for every page that shows a
    period to a person: "3 years after the relationship ends", "1 year after the event it
    records", "until the customer ceases to participate"; a rule without a period (the
    Mint's notice publishes none) is kept without disposition authority. The ISO 8601
    value (P3Y) stays for machines: the API and the catalogue's admin show it beside."""
    if period is None:
        return NO_DISPOSITION_AUTHORITY
    try:
        event = ANCHOR_EVENTS[RetentionAnchor(anchor)]
    except ValueError:
        event = anchor
    amount = describe_period(period)
    return f"until {event}" if amount == "no time" else f"{amount} after {event}"


# Calendar periods compare differently from different starts (P1M after 31 January is
# shorter than after 1 March), so a period counts as shorter if it ends sooner from any of
# these starts: a leap day, month ends and an ordinary day.
_COMPARISON_STARTS = tuple(
    datetime.date(*ymd) for ymd in ((2024, 2, 29), (2023, 1, 31), (2023, 4, 30), (2023, 6, 15))
)


def period_is_shorter(period: str, than: str) -> bool:
    """Whether `period` ends before `than` from some start date."""
    return any(add_period(s, period) < add_period(s, than) for s in _COMPARISON_STARTS)


def start_of_day_after(day: datetime.date) -> datetime.datetime:
    """The first instant after `day` in the service's time zone: a date-time is on or
    before `day` when it is earlier than this (a plain comparison keeps an index usable,
    no per-row date cast)."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)


def latest_anchor_due_by(as_of: datetime.date, period: str) -> datetime.date:
    """The latest anchor date from which `period` has passed by `as_of`: a record
    anchored on or before it is due (anchor + period <= as_of).

    Subtracting the period is not enough: calendar arithmetic clips month ends (29
    February + 1 year is 28 February), so step forward to the last anchor that still
    qualifies.
    """
    duration = parse_period(period)
    candidate = as_of - duration
    one_day = datetime.timedelta(days=1)
    while add_period(candidate + one_day, period) <= as_of:
        candidate += one_day
    while add_period(candidate, period) > as_of:
        candidate -= one_day
    return candidate
