from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit and accounting of disclosures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from audit import checks  # noqa: F401 (registers the checks)
        from audit.changes import register_record_models
        from audit.security import record_lockout
        from audit.writes import record_key_rotation
        from keystore.signals import keys_rewrapped

        register_record_models()
        # Key rotation bypasses model signals; the key store reports it, the audit records.
        keys_rewrapped.connect(record_key_rotation, dispatch_uid="audit.key_rotation")
        # Issue 14, item 2: every lockout django-axes decides is audited.
        user_locked_out.connect(record_lockout, dispatch_uid="audit.lockout")
