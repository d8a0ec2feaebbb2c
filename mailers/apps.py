from django.apps import AppConfig


class MailersConfig(AppConfig):
    name = "mailers"
    verbose_name = "Mailer services (USPS 820.100)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the USPS 820.100 finder with sorn.retrieval.
        from mailers import services  # noqa: F401
