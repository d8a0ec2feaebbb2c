"""python manage.py purge_expired --as-of YYYY-MM-DD [--dry-run] [--batch-size N]"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from audit.writes import process_identity
from lib.cli import as_of_date
from retention.locking import PurgeLocked
from retention.purge import PurgeRefused, purge_expired
from retention.rules import CatalogueNotLoaded


class Command(BaseCommand):
    help = (
        "Destroy the records whose retention period has passed as of a date, in bounded "
        "transactions; restartable; refuses to start while another purge runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=as_of_date, default=None, help="default: today")
        parser.add_argument("--dry-run", action="store_true", help="plan only; destroy nothing")
        parser.add_argument("--batch-size", type=int, default=settings.RETENTION_BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, as_of=None, **options):
        as_of = as_of or timezone.localdate()
        bar = None
        if not options["dry_run"] and not options["no_progress"] and sys.stderr.isatty():
            bar = tqdm(unit=" records", desc="destroyed", file=sys.stderr)

        def progress(binding, count):
            bar.set_postfix_str(binding.label, refresh=False)
            bar.update(count)

        try:
            run, plan = purge_expired(
                as_of,
                triggered_by=f"command purge_expired ({process_identity()})",
                batch_size=options["batch_size"],
                dry_run=options["dry_run"],
                progress=progress if bar else None,
            )
        except (PurgeRefused, PurgeLocked, CatalogueNotLoaded) as exc:
            raise CommandError(str(exc)) from None
        finally:
            if bar:
                bar.close()
        if plan is not None:
            self.stdout.write(
                f"Dry run #{run.pk} as of {as_of}: {plan['total_due']} records due; nothing "
                "destroyed (python manage.py retention_plan shows the detail)."
            )
            return
        certificate = run.certificate
        self.stdout.write(
            f"Purge run #{run.pk} as of {as_of}: {certificate.total} records destroyed; "
            f"certificate #{certificate.pk}, digest {certificate.digest}."
        )
