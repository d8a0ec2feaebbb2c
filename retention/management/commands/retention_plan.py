"""python manage.py retention_plan --as-of YYYY-MM-DD [--json]"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lib.cli import as_of_date
from retention.planning import compute_plan
from retention.rules import CatalogueNotLoaded
from sorn.periods import describe_period


class Command(BaseCommand):
    help = (
        "What retention would destroy as of a date, per system and rule: counts and the "
        "oldest due date, what legal holds and pending Privacy Act requests keep, and what "
        "has no disposition authority. Changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=as_of_date, default=None, help="default: today")
        parser.add_argument("--json", action="store_true", help="print the plan as JSON")

    def handle(self, *args, as_of=None, **options):
        as_of = as_of or timezone.localdate()
        try:
            plan = compute_plan(as_of)
        except CatalogueNotLoaded as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(plan.as_dict(), indent=2))
            return
        write = self.stdout.write
        write(f"Retention plan as of {as_of} (revisions {plan.revisions})")
        for key, line in plan.rules.items():
            write(
                f"\n{key}: {describe_period(line.period)} from {line.anchor.replace('_', ' ')}"
                f"\n  due {line.total('due')}, held {line.total('held')}, frozen by a request "
                f"{line.total('frozen_by_request')}, waiting on other records "
                f"{line.total('waiting_on_other_records')}, oldest due {line.oldest_due_on or '-'}"
            )
            for model in line.models:
                if model.due or model.held or model.frozen_by_request:
                    write(
                        f"    {model.model}: due {model.due}, held {model.held}, "
                        f"frozen {model.frozen_by_request}"
                    )
        for key, models in plan.no_disposition_authority.items():
            write(
                f"\n{key}: no disposition authority; kept, never destroyed automatically: "
                f"{sum(models.values())} records"
            )
        write(f"\nActive legal holds: {len(plan.holds)}")
        for hold in plan.holds:
            write(f"  #{hold['id']} {hold['target']}: {hold['reason']}")
        write(f"Pending Privacy Act requests: {plan.pending_requests}")
        write(f"Total due: {plan.total_due}")
