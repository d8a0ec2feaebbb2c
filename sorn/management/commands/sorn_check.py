from django.core.management.base import BaseCommand, CommandError

from sorn import catalogue
from sorn.classification import category_coverage, find_classification_problems


class Command(BaseCommand):
    help = (
        "Fail when a stored field of a record model is not classified, or is classified "
        "into a category its system's notice does not publish (5 U.S.C. 552a(e)(1), "
        "(e)(4)(C)). Also lists, per system, the published categories no model stores."
    )

    def handle(self, *args, **options) -> None:
        problems = find_classification_problems()
        coverage = category_coverage()
        for notice in catalogue.NOTICES:
            entry = coverage[notice.slug]
            self.stdout.write(
                f"{notice.number}: {len(entry['stored'])} of {len(notice.record_categories)} "
                "published categories stored"
            )
            for key in entry["not_stored"]:
                self.stdout.write(f"  not stored: {key}")
        if problems:
            for problem in problems:
                self.stderr.write(f"{problem.id} {problem}")
            raise CommandError(f"{len(problems)} classification problem(s)")
        self.stdout.write(self.style.SUCCESS("every stored record field is classified"))
