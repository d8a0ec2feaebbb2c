from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders (USPS 810.300 and Treasury/Mint .009)"
    default_auto_field = "django.db.models.BigAutoField"
