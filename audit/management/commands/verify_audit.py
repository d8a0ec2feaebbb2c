from django.core.management.base import BaseCommand, CommandError

from audit.seals import verify_chain


class Command(BaseCommand):
    help = (
        "Recompute every seal of the audit streams (access events, change entries: hash "
        "chains over row manifests), resuming after the tombstones retention left, and "
        "report the first altered, missing or inserted row or seal. Exits non-zero on any "
        "break. (USPS safeguards: terminal and transaction logging; Treasury/Mint .009 (a).)"
    )

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"audit chain broken: {result.problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"audit chain intact: {result.seals} seal(s), {result.rows} sealed row(s), "
                f"{result.unsealed} row(s) not yet sealed; {result.purged} row(s) purged by "
                f"the retention rule ({result.tombstones} tombstone(s))"
            )
        )
