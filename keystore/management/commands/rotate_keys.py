from django.core.management.base import BaseCommand, CommandError

from keystore.crypto import keyring
from keystore.services import rotate_master_key


class Command(BaseCommand):
    help = (
        "Rewrap every record's data key under the keyring's current master key, in "
        "resumable batches (rerun after an interruption to finish). Put the new master key "
        "in KEYRING and make it `current` first; remove the old one only after this "
        "reports 0 remaining."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--max-batches", type=int, default=None, help="stop after this many batches"
        )

    def handle(self, *args, batch_size: int, max_batches: int | None, **options) -> None:
        if batch_size <= 0:
            raise CommandError("--batch-size must be a positive number")
        self.stdout.write(f"rewrapping data keys under master key {keyring().current!r}")
        result = rotate_master_key(
            batch_size=batch_size,
            max_batches=max_batches,
            progress=lambda done, total: self.stdout.write(f"  {done} of {total}"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rewrapped} data keys rewrapped in {result.batches} batch(es); "
                f"{result.remaining} remaining"
            )
        )
