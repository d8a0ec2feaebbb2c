from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class SornConfig(AppConfig):
    name = "sorn"
    verbose_name = "Systems of records (catalogue)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sorn import checks  # noqa: F401  (registers the system checks)

        # Each record app declares how its fields are classified in classification.py.
        autodiscover_modules("classification")
        post_migrate.connect(_load_catalogue_after_migrate, sender=self)


def _load_catalogue_after_migrate(sender, using="default", **kwargs) -> None:
    """Keep the stored catalogue in step with the source after every migrate (and after
    a test database flush, which also sends post_migrate). Idempotent."""
    if using != "default":
        return
    from sorn.services import load_catalogue

    load_catalogue()
