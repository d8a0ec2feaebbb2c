from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = "People and their relationships with each system"
    default_auto_field = "django.db.models.BigAutoField"
