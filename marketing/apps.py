from django.apps import AppConfig


class MarketingConfig(AppConfig):
    name = "marketing"
    verbose_name = "Sales, marketing, events and publications (USPS 890.000)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the USPS 890.000 finder with sorn.retrieval at start-up.
        from marketing import services  # noqa: F401
