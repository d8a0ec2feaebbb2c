"""The retention forecast the dashboard shows: what the rules will make due in the next
30, 90 and 365 days, per system and rule (issue 6), computed by the nightly plan or on a
records officer's request and stored (`RetentionForecast`), never on a page view: three
plans over every record table take seconds with thousands of people (issue 14, item 13).

A plan at a future date is a forecast: relationships may end, holds be placed or released
and requests arrive before then. Counts and rule keys only, no personal data.
"""

from __future__ import annotations

import dataclasses
import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from retention.models import RetentionForecast
from retention.planning import compute_plan, make_context

HORIZONS = (30, 90, 365)  # issue 6: "upcoming destructions for the next 30/90/365 days"
COUNTS = ("due", "held", "frozen_by_request")


def forecast(today: datetime.date, horizons: Iterable[int] = HORIZONS) -> dict[str, Any]:
    """Per rule, the plan's counts at each horizon (the rules read once for every plan),
    and the records kept without disposition authority."""
    horizons = tuple(horizons)
    plans = {}
    with transaction.atomic():
        ctx = make_context(today)
        for days in horizons:
            as_of = today + datetime.timedelta(days=days)
            plans[days] = compute_plan(as_of, dataclasses.replace(ctx, as_of=as_of)).as_dict()
    rows: dict[str, dict[str, Any]] = {}
    for index, days in enumerate(horizons):
        for key, line in plans[days]["rules"].items():
            row = rows.setdefault(
                key,
                {
                    "key": key,
                    **{k: line[k] for k in ("system", "rule", "period", "anchor")},
                    "columns": [None] * len(horizons),
                },
            )
            row["columns"][index] = {k: line[k] for k in COUNTS}
    first = plans[horizons[0]]
    return {
        "horizons": list(horizons),
        "revisions": first["revisions"],
        "rows": list(rows.values()),
        "totals": [plans[days]["total_due"] for days in horizons],
        "no_disposition_authority": first["no_disposition_authority"],
        "pending_requests": first["pending_requests"],
    }


def compute_forecast(forecast_id: int) -> RetentionForecast:
    """Fill in a requested forecast as of today (re-read by id: a Celery task's
    argument)."""
    row = RetentionForecast.objects.get(pk=forecast_id)
    started = time.monotonic()
    today = timezone.localdate()
    row.figures = forecast(today)
    row.as_of, row.computed_at = today, timezone.now()
    row.seconds = round(time.monotonic() - started, 3)
    row.save(update_fields=["figures", "as_of", "computed_at", "seconds"])
    return row


def latest_forecast() -> RetentionForecast | None:
    return (
        RetentionForecast.objects.filter(computed_at__isnull=False).order_by("-computed_at").first()
    )


def queued_forecast(after: RetentionForecast | None) -> RetentionForecast | None:
    """A forecast asked for since `after` was and not computed yet."""
    waiting = RetentionForecast.objects.filter(computed_at__isnull=True)
    if after is not None:
        waiting = waiting.filter(requested_at__gt=after.requested_at)
    return waiting.order_by("-requested_at").first()
