from django.apps import AppConfig


class KeystoreConfig(AppConfig):
    name = "keystore"
    verbose_name = "Key store (data keys, wrapped)"
    default_auto_field = "django.db.models.BigAutoField"
