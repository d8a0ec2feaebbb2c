from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.retention import (
    check_purge_arguments,
    expired_disclosures,
    expired_seals,
    purge_expired_audit,
)
from audit.seals import STREAMS
from lib.cli import as_of_date
from sorn.catalogue import audit_records
from sorn.periods import describe_period


class Command(BaseCommand):
    help = (
        "Purge the audit records past their retention rule (sorn/catalogue/audit_records.py: "
        "6 years from each row's own date, the agency's choice under NARA GRS 3.2 item 031; "
        "an accounting of disclosure never sooner than 5 years after the disclosure nor "
        "while the person's records exist, 5 U.S.C. 552a(c)(2)). Whole sealed ranges go, "
        "oldest first, each leaving a tombstone from which verify_audit resumes the chain."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--as-of",
            type=as_of_date,
            default=None,
            help="Count retention to this date, YYYY-MM-DD (default: today; never later).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5000,
            help="Rows a transaction, in whole seals (default 5000).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; remove nothing."
        )

    def handle(self, *args, **options) -> None:
        as_of = options["as_of"] or timezone.localdate()
        try:
            check_purge_arguments(as_of, options["batch_size"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        dry_run = options["dry_run"]

        rule = audit_records.AUDIT_RECORDS
        self.stdout.write(
            f"Audit retention as of {as_of.isoformat()}: rule {rule.key}, "
            f"{describe_period(rule.period)} from each row's own date"
            + (" (dry run: nothing is removed)" if dry_run else "")
        )
        for stream in STREAMS:
            seals = expired_seals(stream, as_of)
            if seals:
                self.stdout.write(
                    f"  {stream.name}: {len(seals)} seal(s) due, "
                    f"{sum(s.row_count for s in seals)} row(s)"
                )
        disclosures = expired_disclosures(as_of)
        if disclosures is not None:
            self.stdout.write(f"  disclosure_accounting: {disclosures.count()} past the periods")

        result = purge_expired_audit(
            as_of, batch_size=options["batch_size"], dry_run=dry_run, progress=self.stdout.write
        )

        if result["disclosures_kept_while_person_exists"]:
            self.stdout.write(
                self.style.WARNING(
                    f"kept {result['disclosures_kept_while_person_exists']} accounting(s) of "
                    "disclosure past the periods: the person's records still exist "
                    "(5 U.S.C. 552a(c)(2))"
                )
            )
        verb, written = ("would purge", "to write") if dry_run else ("purged", "written")
        streams = ", ".join(f"{result[stream.name]} {stream.name}" for stream in STREAMS)
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {streams}, {result['access_event_people']} access_event_people, "
                f"{result['disclosure_accounting']} disclosure_accounting; "
                f"{result['seals']} seal(s), {result['tombstones']} tombstone(s) {written}"
            )
        )
        if result["problems"]:
            raise CommandError(
                "left alone, seals that do not verify: " + "; ".join(result["problems"])
            )
