from django.core.management.base import BaseCommand

from sorn.services import load_catalogue


class Command(BaseCommand):
    help = (
        "Store the catalogue of systems-of-records notices (sorn/catalogue/) in the "
        "database. Idempotent: a notice whose text changed gets a new revision; earlier "
        "revisions stay readable."
    )

    def handle(self, *args, **options) -> None:
        result = load_catalogue()
        for slug in result.new_revisions:
            self.stdout.write(f"new revision: {slug}")
        self.stdout.write(
            self.style.SUCCESS(
                f"catalogue loaded: {len(result.new_revisions)} new revision(s), "
                f"{len(result.unchanged)} unchanged"
            )
        )
