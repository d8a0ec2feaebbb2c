from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders (USPS 810.300 and Treasury/Mint .009)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the finders of USPS 810.300 and Mint .009 with sorn.retrieval.
        from orders import services  # noqa: F401
