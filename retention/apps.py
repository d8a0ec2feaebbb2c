from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = "Retention and disposal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from retention.models import LegalHold

        # Every placing and release of a legal hold is a change entry: who, when, from
        # where, and what the hold said (issue 6: "released explicitly; audited").
        if not auditlog.contains(LegalHold):
            auditlog.register(LegalHold)
