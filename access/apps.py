from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Access to records (policy)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models and the auditlog registry exist only once the apps are loaded.
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in
        from knox.models import AuthToken

        from access import (
            checks,  # noqa: F401  (registers the policy's system checks)
            schema,  # noqa: F401  (the schema extension for gated serializers)
            service_accounts,
        )
        from access.sessions import start_session
        from sorn.roles import recognise_service_accounts

        user_logged_in.connect(start_session, dispatch_uid="access.sessions.start_session")

        post_migrate.connect(_store_policy_after_migrate, sender=self)
        service_accounts.connect_signals()
        # The API's role-restricted resources let a service account in by the roles it
        # holds (sorn.roles.holds_role_as_caller); only this layer knows which users are.
        recognise_service_accounts(service_accounts.is_service_account)
        # Issuing and revoking API tokens are in the change log, never their digests.
        if not auditlog.contains(AuthToken):
            auditlog.register(AuthToken, exclude_fields=["digest"])


def _store_policy_after_migrate(sender, using="default", **kwargs) -> None:
    """Keep the stored copy of the policy in step with the code after every migrate (and
    after a test database flush, which also sends post_migrate)."""
    if using != "default":
        return
    from access.policy import store_policy

    store_policy()
