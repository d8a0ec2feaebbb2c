from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sorn.demo import seed_demo_users


class Command(BaseCommand):
    help = (
        "Create demonstration data: one staff user per role, each in the Django group of "
        "that name, with the password from DEMO_PASSWORD. Idempotent. Refuses to run "
        "when DEBUG is off: demo users must never exist in production."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run when DEBUG is off")
        if not settings.DEMO_PASSWORD:
            raise CommandError("set DEMO_PASSWORD to the password the demo users should have")
        created, updated = seed_demo_users(settings.DEMO_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                f"demo users: {len(created)} created, {len(updated)} already present"
            )
        )
