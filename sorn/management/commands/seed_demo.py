from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sorn.demo import seed_demo_configuration, seed_demo_records, seed_demo_users


class Command(BaseCommand):
    help = (
        "Create demonstration data: one staff user per role (in the Django group of that "
        "name, password from DEMO_PASSWORD) and, with --customers N, at least N synthetic "
        "customers with records in every system. Idempotent. Refuses to run when DEBUG is "
        "off: demo data must never exist in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--customers",
            type=int,
            default=0,
            help="make sure at least this many synthetic customers exist (default: none)",
        )

    def handle(self, *args, customers: int, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run when DEBUG is off")
        if not settings.DEMO_PASSWORD:
            raise CommandError("set DEMO_PASSWORD to the password the demo users should have")
        if customers < 0:
            raise CommandError("--customers must be zero or more")
        created, updated = seed_demo_users(settings.DEMO_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                f"demo users: {len(created)} created, {len(updated)} already present"
            )
        )
        configured = seed_demo_configuration()
        self.stdout.write(
            self.style.SUCCESS(f"demo configuration: {sum(configured.values())} rows created")
        )
        if customers:
            counts = seed_demo_records(customers, progress=self.stdout.write)
            total = sum(counts.values())
            for label, count in sorted(counts.items()):
                self.stdout.write(f"  {label}: {count}")
            self.stdout.write(self.style.SUCCESS(f"demo records: {total} rows inserted"))
