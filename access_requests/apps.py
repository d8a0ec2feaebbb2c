from django.apps import AppConfig


class AccessRequestsConfig(AppConfig):
    name = "access_requests"
    verbose_name = "Privacy Act requests"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from access_requests import checks  # noqa: F401  (registers the system checks)
