from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit and accounting of disclosures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import checks  # noqa: F401 (registers the checks)
        from audit.changes import register_record_models
        from audit.writes import record_key_rotation
        from keystore.signals import keys_rewrapped

        register_record_models()
        # Key rotation bypasses model signals; the key store reports it, the audit records.
        keys_rewrapped.connect(record_key_rotation, dispatch_uid="audit.key_rotation")
