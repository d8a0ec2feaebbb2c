"""The key store lives in its own database (alias "keystore"); nothing else does."""

KEYSTORE_ALIAS = "keystore"
KEYSTORE_APP = "keystore"


class KeystoreRouter:
    def db_for_read(self, model, **hints):
        return KEYSTORE_ALIAS if model._meta.app_label == KEYSTORE_APP else None

    def db_for_write(self, model, **hints):
        return KEYSTORE_ALIAS if model._meta.app_label == KEYSTORE_APP else None

    def allow_relation(self, obj1, obj2, **hints):
        labels = {obj1._meta.app_label, obj2._meta.app_label}
        if KEYSTORE_APP in labels:
            return labels == {KEYSTORE_APP}
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == KEYSTORE_APP:
            return db == KEYSTORE_ALIAS
        # The key store holds keys only; Django's own tables (migrations bookkeeping aside)
        # and the records stay in the default database.
        return db != KEYSTORE_ALIAS
