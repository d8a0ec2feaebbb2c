from django.apps import AppConfig


class MailersConfig(AppConfig):
    name = "mailers"
    verbose_name = "Mailer services (USPS 820.100)"
    default_auto_field = "django.db.models.BigAutoField"
