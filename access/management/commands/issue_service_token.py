"""python manage.py issue_service_token NAME: a new API token for a service account."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from access.models import ServiceAccount
from access.service_accounts import NotAServiceAccount, issue_token


class Command(BaseCommand):
    help = (
        "Issue a new API token to a service account and print it once (only its digest is "
        "kept). For operators and the README's walk-through; staff use the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="the service account's user name")

    def handle(self, *args, name: str, **options) -> None:
        account = ServiceAccount.objects.select_related("user").filter(user__username=name).first()
        if account is None:
            raise CommandError(f"no service account is named {name!r}")
        try:
            token, expiry = issue_token(account)
        except NotAServiceAccount as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(token)
        self.stderr.write(f"expires {expiry:%Y-%m-%d %H:%M %Z}; shown once, keep it secret")
